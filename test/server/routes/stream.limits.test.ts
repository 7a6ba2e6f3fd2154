import { describe, expect, it } from 'vitest';
import { MAX_QUEUED_BYTES } from '../../../server/live/liveStream';
import type { AccountStorePort } from '../../../server/store/accountsPort';
import { ApiClient, PLAN_ID } from '../../support/api';
import { startApp, useApp } from '../../support/app';
import { ManualTimers } from '../../support/manualTimers';
import { openStream } from '../../support/sse';

/**
 * What a stream may cost the server (in-process, where a response body nobody reads holds the
 * server's writes back exactly as a stalled socket does): a reader that stops is dropped past
 * MAX_QUEUED_BYTES and counted; one that reads keeps everything; a session's end ends its streams.
 */
const app = useApp({ now: '2026-11-20T03:00:00Z' });

const settings = (i: number) => ({ type: 'CHANGE_SETTINGS', settings: { percentRule: { mode: i % 2 ? 'truncate' : 'halfUp', decimals: 2 } } });

describe('a board that stops reading', () => {
  it('is dropped once its backlog passes the bound, and counted; a reading board gets every event', async () => {
    const server = app();
    const giamdoc = await ApiClient.login(server, 'giamdoc');
    const stalled = await server.fetch(`${server.url}/api/stream`, { headers: { cookie: giamdoc.cookie } });
    expect(stalled.status).toBe(200); // its body is never read
    const reader = await openStream(`${server.url}/api/stream`, (await ApiClient.login(server, 'vanphong')).cookie, server.fetch);
    await reader.waitFor((e) => e.event === 'hello');
    const health = async () => (await server.fetchJson('/api/health?detail')).body;
    expect(await health()).toEqual({ ok: true, streams: { open: 2, dropped: 0 } });

    let sent = 0;
    let bytes = 0;
    // Enough plan changes that one stream's unread events exceed the bound several times over.
    while (bytes < 3 * MAX_QUEUED_BYTES) {
      const res = await giamdoc.json<any>('POST', `/api/plans/${PLAN_ID}/events`, settings(sent));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      sent++;
      const last = await reader.waitFor((e) => e.event === 'progress', { from: reader.events.length - 1 });
      bytes += JSON.stringify(last.data).length;
    }
    expect(await health()).toEqual({ ok: true, streams: { open: 1, dropped: 1 } });
    expect(server.deps.hub.drops).toBe(1);
    expect(reader.events.filter((e) => e.event === 'plan')).toHaveLength(sent);
    // Its backlog was thrown away: the stalled board finds its stream broken and reconnects.
    await expect(stalled.body!.getReader().read()).rejects.toThrow();
    await reader.close();
  });
});

describe('a session’s end', () => {
  it('closes the stream when the session expires, on the streams’ own clock', async () => {
    const timers = new ManualTimers();
    // The real store, except that every session ends one minute after now on the streams' clock.
    const expiring = (real: AccountStorePort): AccountStorePort =>
      new Proxy(real, {
        get: (target, key) =>
          key === 'sessionFor'
            ? async (token: string, now: Date) => {
                const s = await target.sessionFor(token, now);
                return s && { ...s, expiresAt: new Date(timers.now() + 60_000) };
              }
            : Reflect.get(target, key, target),
      });
    const short = await startApp({ now: '2026-11-20T03:00:00Z', accounts: expiring, timers });
    try {
      const api = await ApiClient.login(short, 'thanhtra');
      const s = await openStream(`${short.url}/api/stream`, api.cookie, short.fetch);
      await s.waitFor((e) => e.event === 'hello');
      timers.advance(59_999);
      expect(short.deps.hub.size).toBe(1);
      timers.advance(1);
      expect(short.deps.hub.size).toBe(0);
      await s.ended;
      // Nothing of it is left behind: no heartbeat, no expiry timer.
      expect(timers.pending).toBe(0);
    } finally {
      await short.close();
    }
  });
});
