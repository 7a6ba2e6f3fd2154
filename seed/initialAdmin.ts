import { passwordProblem } from '../machines/accounts';
import { COMMON_PASSWORDS } from '../server/auth/commonPasswords';
import { hashPassword } from '../server/auth/password';
import type { AccountStorePort, StoredUser } from '../server/store/accountsPort';

/**
 * A real deployment starts without demo passwords: ADMIN_USERNAME and ADMIN_PASSWORD (and
 * optionally ADMIN_NAME) on the first start give one leader, who then creates everyone else at
 * /users. README, "A real deployment".
 */
export interface InitialAdmin {
  username: string;
  name: string;
  password: string;
}

/** The initial admin the environment asks for, or undefined; a half-given or weak one stops the start. */
export function initialAdminFromEnv(env: Record<string, string | undefined> = process.env): InitialAdmin | undefined {
  const username = env.ADMIN_USERNAME?.trim().toLowerCase();
  const password = env.ADMIN_PASSWORD;
  if (!username && !password) return undefined;
  if (!username || !password) throw new Error('ADMIN_USERNAME and ADMIN_PASSWORD must be given together.');
  if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(username)) throw new Error(`ADMIN_USERNAME is not a valid username: ${username}`);
  const problem = passwordProblem(password, username, COMMON_PASSWORDS);
  if (problem) throw new Error(`ADMIN_PASSWORD is refused: ${problem}`);
  return { username, name: env.ADMIN_NAME?.trim() || 'Quản trị hệ thống', password };
}

/** The stored leader for it (id `u-<username>`, no unit). */
export async function initialAdminUser(admin: InitialAdmin): Promise<StoredUser> {
  return {
    id: `u-${admin.username}`,
    username: admin.username,
    name: admin.name,
    role: 'leader',
    unitId: null,
    passwordHash: await hashPassword(admin.password),
  };
}

/**
 * Creates the initial admin unless that username already exists (so a restart with the same
 * variables changes nothing, and never resets a password). Returns the user when it was created.
 */
export async function ensureInitialAdmin(accounts: AccountStorePort, admin: InitialAdmin | undefined): Promise<StoredUser | undefined> {
  if (!admin || (await accounts.findByUsername(admin.username))) return undefined;
  return accounts.createUser(await initialAdminUser(admin));
}
