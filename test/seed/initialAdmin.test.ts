import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureInitialAdmin, initialAdminFromEnv } from '../../seed/initialAdmin';
import { verifyPassword } from '../../server/auth/password';
import { AccountStore } from '../../server/store/accounts';

/** A real deployment's first leader from ADMIN_USERNAME / ADMIN_PASSWORD, on a real account file. */
describe('initial admin', () => {
  it('is read from the environment, and refused when half-given or weak', () => {
    expect(initialAdminFromEnv({})).toBeUndefined();
    expect(initialAdminFromEnv({ ADMIN_USERNAME: 'QuanTri', ADMIN_PASSWORD: 'Cổng-trời-Quản-Bạ-3' })).toEqual({
      username: 'quantri', name: 'Quản trị hệ thống', password: 'Cổng-trời-Quản-Bạ-3',
    });
    expect(() => initialAdminFromEnv({ ADMIN_USERNAME: 'quantri' })).toThrow(/together/);
    expect(() => initialAdminFromEnv({ ADMIN_USERNAME: 'quantri', ADMIN_PASSWORD: 'password123' })).toThrow(/refused/);
    expect(() => initialAdminFromEnv({ ADMIN_USERNAME: 'quản trị', ADMIN_PASSWORD: 'Cổng-trời-Quản-Bạ-3' })).toThrow(/username/);
  });

  it('creates one leader in an empty store, once; a restart never resets the password', async () => {
    const accounts = await AccountStore.open(mkdtempSync(join(tmpdir(), 'tiendo-admin-')));
    const admin = initialAdminFromEnv({ ADMIN_USERNAME: 'quantri', ADMIN_PASSWORD: 'Cổng-trời-Quản-Bạ-3', ADMIN_NAME: 'Chánh Văn phòng' })!;
    const created = await ensureInitialAdmin(accounts, admin);
    expect(created).toMatchObject({ username: 'quantri', name: 'Chánh Văn phòng', role: 'leader', unitId: null });
    expect(await accounts.listUsers()).toHaveLength(1);
    expect(await ensureInitialAdmin(accounts, { ...admin, password: 'Một-mật-khẩu-khác-9' })).toBeUndefined();
    const stored = (await accounts.findByUsername('quantri'))!;
    expect(await verifyPassword('Cổng-trời-Quản-Bạ-3', stored.passwordHash)).toBe(true);
  });
});
