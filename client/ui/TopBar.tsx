import { memo } from 'react';
import type { Unit, User } from '../../machines/api';
import { t } from '../i18n';
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

export const TopBar = memo(function TopBar({ user, unit, connected, onLogout, onSwitchLanguage }: TopBarProps) {
  return (
    <header className="topbar">
      <span className="brand">{t.appName}</span>
      <Nav user={user} />
      {!connected && (
        <span className="offline" role="status" data-testid="offline">{t.session.offline}</span>
      )}
      <span className="user" data-testid="user">
        <strong data-testid="user-name">{user.name}</strong>
        <span className="user-role" data-testid="user-role">{t.roles[user.role]}</span>
        <span className="user-unit" data-testid="user-unit" title={unit?.name}>
          {unit ? `${unit.code} · ${unit.name}` : user.unitId ?? t.session.noUnit}
        </span>
      </span>
      <Bell />
      <a className="topbar-link" href="/users" data-testid="users-link">
        {user.role === 'leader' ? usersWords().link : usersWords().ownLink}
      </a>
      <button type="button" onClick={onSwitchLanguage} aria-label={t.switchToLabel} data-testid="language" lang={t.locale === 'vi-VN' ? 'en' : 'vi'}>
        {t.switchTo}
      </button>
      <button type="button" onClick={onLogout} data-testid="logout">{t.session.logout}</button>
    </header>
  );
});
