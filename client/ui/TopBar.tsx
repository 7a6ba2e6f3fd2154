import { memo, useEffect, useId, useRef, useState } from 'react';
import type { Unit, User } from '../../machines/api';
import { t } from '../i18n';
import { N } from '../i18n/nav';
import { useLocation } from '../router';
import { Nav } from './Nav';
import { Bell } from '../notifications/Bell';
import { words as usersWords } from '../users/words';

interface TopBarProps {
  user: User;
  unit: Unit | undefined;
  connected: boolean;
  onLogout(): void;
  onSwitchLanguage(): void;
}

/**
 * One line at every width: the brand, the page links, and a menu button (the user's name) for the
 * rest (role and unit, account, language, sign out). On a phone the page links fold into the same
 * menu (CSS shows the one copy that fits: .topnav in the bar or .menu-nav in the menu).
 */
export const TopBar = memo(function TopBar({ user, unit, connected, onLogout, onSwitchLanguage }: TopBarProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const here = useLocation();
  useEffect(() => setOpen(false), [here]);
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  return (
    <header className="topbar">
      <span className="brand">{t.appName}</span>
      <Nav user={user} className="topnav" />
      {!connected && (
        <span className="offline" role="status" data-testid="offline">{t.session.offline}</span>
      )}
      <div className="topbar-menu" ref={root}>
        <Bell />
        <button
          type="button"
          ref={button}
          className="menu-button"
          aria-expanded={open}
          aria-controls={menuId}
          onClick={() => setOpen((o) => !o)}
          data-testid="topbar-menu"
        >
          <span className="menu-icon" aria-hidden="true">☰</span>
          <span className="visually-hidden">{N().menu}: </span>
          <span className="menu-name" data-testid="user-name">{user.name}</span>
        </button>
        <div className="menu-panel" id={menuId} hidden={!open} data-testid="topbar-menu-panel">
          <p className="user" data-testid="user">
            <strong>{user.name}</strong>
            <span className="user-role" data-testid="user-role">{t.roles[user.role]}</span>
            <span className="user-unit" data-testid="user-unit">
              {unit ? `${unit.code} · ${unit.name}` : user.unitId ?? t.session.noUnit}
            </span>
          </p>
          <Nav user={user} className="menu-nav" />
          <a className="menu-item" href="/users" data-testid="users-link">
            {user.role === 'leader' ? usersWords().link : usersWords().ownLink}
          </a>
          <button type="button" className="menu-item" onClick={onSwitchLanguage} aria-label={t.switchToLabel} data-testid="language" lang={t.locale === 'vi-VN' ? 'en' : 'vi'}>
            {t.switchTo}
          </button>
          <button type="button" className="menu-item" onClick={onLogout} data-testid="logout">{t.session.logout}</button>
        </div>
      </div>
    </header>
  );
});
