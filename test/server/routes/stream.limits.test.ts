import { describe, expect, it } from 'vitest';
import { MAX_QUEUED_BYTES } from '../../../server/live/liveStream';
import type { AccountStorePort } from '../../../server/store/accountsPort';
import { ApiClient } from '../../support/api';
import { startApp, useApp } from '../../support/app';
import { ManualTimers } from '../../support/manualTimers';
import { openStream, type SseEvent } from '../../support/sse';

/**
 * What a stream may cost the server (in-process, where a response body nobody reads holds the
 * server's writes back as a stalled socket does): a reader that stops is dropped past
 * MAX_QUEUED_BYTES and counted; one that reads keeps everything; a session's end ends its streams.
 */
// No heartbeat unless the test moves this clock: the two streams below get exactly the same bytes.
const app = useApp({ now: '2026-11-20T03:00:00Z', timers: new ManualTimers() });

/** An event's bytes on the wire, as the server framed it. */
const frameBytes = (e: SseEvent) =>
  Buffer.byteLength(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n${e.event === 'hello' ? 'retry: 1000\n' : ''}\n`);

describe('a board that stops reading', () => {
  it('is dropped by the write that takes its unread bytes past the bound, and counted; a reading board gets every event', async () => {
    const server = app();
    const [giamdoc, hctp] = await Promise.all(['giamdoc', 'truongphong.hctp'].map((u) => ApiClient.login(server, u)));
    const stalled = await server.fetch(`${server.url}/api/stream`, { headers: { cookie: giamdoc.cookie } });
    expect(stalled.status).toBe(200); // its body is never read
    // The same user reading: it is sent what the stalled board is sent, byte for byte.
    const reader = await openStream(`${server.url}/api/stream`, giamdoc.cookie, server.fetch);
    const hello = await reader.waitFor((e) => e.event === 'hello');
    const health = async () => (await server.fetchJson('/api/health?detail')).body;
    expect(await health()).toEqual({ ok: true, streams: { open: 2, dropped: 0 } });

    // Moves carrying the longest evidence (in three-byte letters), until the stalled board is dropped.
    let unread = frameBytes(hello);
    const versions: number[] = [];
    while ((await health()).streams.dropped === 0) {
      expect(unread, 'dropped only past the bound').toBeLessThanOrEqual(MAX_QUEUED_BYTES);
      const from = reader.events.length;
      const res = versions.length % 2
        ? await giamdoc.send('3.4', { type: 'RETURN', reason: 'Bổ sung tài liệu kiểm chứng' })
        : await hctp.send('3.4', { type: 'SUBMIT', evidence: `Báo cáo số ${versions.length}/BC `.padEnd(2000, 'ệ') });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      versions.push(res.body.task.version);
      await reader.waitFor((e) => e.event === 'progress', { from });
      unread += reader.events.slice(from).reduce((sum, e) => sum + frameBytes(e), 0);
    }
    expect(unread).toBeGreaterThan(MAX_QUEUED_BYTES);
    expect(await health()).toEqual({ ok: true, streams: { open: 1, dropped: 1 } });
    expect(server.deps.hub.drops).toBe(1);
    // The reading board got every move, in order.
    expect(reader.events.filter((e) => e.event === 'task').map((e) => e.data.version)).toEqual(versions);
    // The stalled board's backlog was thrown away: it finds its stream broken and reconnects.
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
