import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../support/api';
import type { Deps } from '../../../server/http/context';
import { startApp, type TestApp } from '../../support/app';
import { expectError } from '../../support/expectApi';

/**
 * The login limit (README, Security): per address and username, counted before the password is
 * checked; per address only for unknown usernames; X-Forwarded-For believed only from TRUST_PROXY.
 * Each test has its own app, so its own counters.
 */
const apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});
/** README's limits unless given smaller ones (each evaluated attempt costs a real scrypt hash). */
async function app(deps: Partial<Deps> = {}) {
  const a = await startApp({ now: '2026-11-20T03:00:00Z', deps });
  apps.push(a);
  return a;
}

const loginOn = (a: TestApp, username: string, password: string, opts: { address?: string; headers?: Record<string, string> } = {}) =>
  a.fetchJson('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: JSON.stringify({ username, password }),
    address: opts.address,
  });

describe('per address and username', () => {
  it('after 10 wrong passwords answers 429, even to the right password; other usernames still log in', async () => {
    const a = await app();
    for (let i = 0; i < 10; i++) expectError(await loginOn(a, 'truongphong.dgts', `wrong-${i}`), 401, 'unauthenticated');
    const blocked = await loginOn(a, 'truongphong.dgts', 'wrong-again');
    expectError(blocked, 429, 'rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await loginOn(a, 'truongphong.dgts', DEMO_PASSWORD);
    expectError(right, 429, 'rate_limited');
    expect(right.headers.get('set-cookie')).toBeNull();
    expect((await loginOn(a, 'truongphong.tgpl', DEMO_PASSWORD)).status).toBe(200);
  });

  it('counts usernames case-insensitively', async () => {
    const a = await app({ loginLimits: { perAccount: 3, unknownPerAddress: 100 } });
    for (let i = 0; i < 3; i++) {
      expectError(await loginOn(a, i % 2 ? 'truongphong.bttp' : 'TRUONGPHONG.BTTP', `wrong-${i}`), 401, 'unauthenticated');
    }
    expectError(await loginOn(a, 'truongphong.bttp', DEMO_PASSWORD), 429, 'rate_limited');
  });

  it('holds under a concurrent burst: after 9 failures, 29 wrong + 1 right at once get one evaluation between them', async () => {
    const a = await app();
    for (let i = 0; i < 9; i++) expectError(await loginOn(a, 'truongphong.hctp', `wrong-${i}`), 401, 'unauthenticated');
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => loginOn(a, 'truongphong.hctp', i === 17 ? DEMO_PASSWORD : `burst-${i}`)),
    );
    const statuses = burst.map((r) => r.status);
    // Only the one attempt left in the window is checked; every other one is refused unevaluated.
    expect(statuses.filter((s) => s !== 429)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(29);
    // Whatever that one was, a right password succeeds only if it was the one evaluated.
    expect(burst[17].status === 200).toBe(!statuses.includes(401));
  });

  it('a successful login clears the failures of that username from that address', async () => {
    const a = await app({ loginLimits: { perAccount: 3, unknownPerAddress: 100 } });
    for (let i = 0; i < 2; i++) await loginOn(a, 'vanphong', `wrong-${i}`);
    expect((await loginOn(a, 'vanphong', DEMO_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 2; i++) expectError(await loginOn(a, 'vanphong', `again-${i}`), 401, 'unauthenticated');
    expect((await loginOn(a, 'vanphong', DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('per address', () => {
  it('made-up usernames from a shared address, past the limit, throttle made-up usernames only, not the agency', async () => {
    const a = await app({ loginLimits: { perAccount: 10, unknownPerAddress: 8 } });
    const nat = '198.51.100.7';
    const guesses = await Promise.all(Array.from({ length: 8 }, (_, i) => loginOn(a, `ke.gia.mao.${i}`, 'x', { address: nat })));
    expect(guesses.every((g) => g.status === 401)).toBe(true);
    expectError(await loginOn(a, 'ke.gia.mao.moi', 'x', { address: nat }), 429, 'rate_limited');
    // Every real user behind that address still logs in with the right password.
    for (const u of ['giamdoc', 'vanphong', 'truongphong.hctp']) expect((await loginOn(a, u, DEMO_PASSWORD, { address: nat })).status).toBe(200);
    // And another address is not affected at all.
    expectError(await loginOn(a, 'ke.gia.mao.moi', 'x', { address: '203.0.113.9' }), 401, 'unauthenticated');
  }, 180_000); // 100+ scrypt hashes (an unknown username costs one too): room for a loaded machine.
});

describe('X-Forwarded-For', () => {
  it('is ignored from a peer that is not a configured proxy', async () => {
    const a = await app({ loginLimits: { perAccount: 3, unknownPerAddress: 100 } });
    // Rotating a forged header does not escape the per-address-and-username limit.
    for (let i = 0; i < 3; i++) {
      await loginOn(a, 'thanhtra', `wrong-${i}`, { headers: { 'x-forwarded-for': `10.0.0.${i}` } });
    }
    expectError(await loginOn(a, 'thanhtra', DEMO_PASSWORD, { headers: { 'x-forwarded-for': '10.9.9.9' } }), 429, 'rate_limited');
  });

  it('from TRUST_PROXY names the client: clients behind the proxy are counted apart', async () => {
    const proxy = '10.1.1.1';
    const a = await app({ trustProxy: [proxy], loginLimits: { perAccount: 3, unknownPerAddress: 100 } });
    const via = (client: string) => ({ address: proxy, headers: { 'x-forwarded-for': `6.6.6.6, ${client}` } });
    for (let i = 0; i < 3; i++) await loginOn(a, 'thanhtra', `wrong-${i}`, via('172.16.0.5'));
    expectError(await loginOn(a, 'thanhtra', DEMO_PASSWORD, via('172.16.0.5')), 429, 'rate_limited');
    // Another client behind the same proxy; the left-most (client-claimed) entry is not believed.
    expect((await loginOn(a, 'thanhtra', DEMO_PASSWORD, via('172.16.0.6'))).status).toBe(200);
  });
});
