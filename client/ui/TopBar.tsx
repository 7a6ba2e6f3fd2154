import type { Unit, User } from '../../machines/api';
import { vi } from '../i18n/vi';

interface TopBarProps {
  user: User;
  unit: Unit | undefined;
  connected: boolean;
  onLogout(): void;
}

export function TopBar({ user, unit, connected, onLogout }: TopBarProps) {
  return (
    <header className="topbar">
      <span className="brand">{vi.appName}</span>
      {!connected && (
        <span className="offline" role="status" data-testid="offline">{vi.session.offline}</span>
      )}
      <span className="user" data-testid="user">
        <strong data-testid="user-name">{user.name}</strong>
        <span className="user-role" data-testid="user-role">{vi.roles[user.role]}</span>
        <span className="user-unit" data-testid="user-unit" title={unit?.name}>
          {unit ? `${unit.code} · ${unit.name}` : user.unitId ?? vi.session.noUnit}
        </span>
      </span>
      <button type="button" onClick={onLogout} data-testid="logout">{vi.session.logout}</button>
    </header>
  );
}
