import type { Context } from 'hono';
import type { Role } from '../../machines/roles';
import { ROLE_LABELS } from '../../machines/labels';
import { AppError } from '../errors';
import type { AppEnv } from './context';

/** A route open to some roles only: 403 naming who may, before anything is read or written. */
export function requireRole(c: Context<AppEnv>, roles: readonly Role[], what: string): void {
  if (!roles.includes(c.get('actor').role)) {
    const who = roles.map((r) => ROLE_LABELS[r]).join(', ');
    throw new AppError('forbidden', `Chỉ ${who} được ${what}.`);
  }
}
