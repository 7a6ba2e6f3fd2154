import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { sessionToken } from '../../../server/http/session';

/** The session cookie reader: the one cookie the server reads, found wherever the browser puts it. */
const app = new Hono().get('/', (c) => c.json({ token: sessionToken(c) ?? null }));
const read = async (cookie?: string) =>
  ((await (await app.request('/', { headers: cookie === undefined ? {} : { cookie } })).json()) as { token: string | null }).token;

describe('sessionToken', () => {
  it.each([
    ['tiendo_session=abc123', 'abc123'],
    ['theme=dark; tiendo_session=abc-_123; lang=vi', 'abc-_123'],
    ['x_tiendo_session=forged; tiendo_session=real', 'real'],
    ['x_tiendo_session=forged', null],
    ['tiendo_session=', null],
    ['theme=dark', null],
    [undefined, null],
  ])('%s → %s', async (cookie, token) => {
    expect(await read(cookie)).toBe(token);
  });
});
