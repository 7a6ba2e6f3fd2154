import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../support/api';
import { generatePlanFile, generatedTaskIds } from '../../support/planFile';
import { startServer, type RunningServer } from '../../support/server';
import { openStream } from '../../support/sse';

/**
 * The wire test of the live stream: on a real server process its bytes go straight to the socket
 * (server/live/nodeSink.ts), where the unread backlog is the socket's own. The stream's behaviour
 * (greeting, heartbeat, expiry, logout, events per receiver) is tested in-process against the same
 * code (test/server/routes/stream*.test.ts); here: a board that stops reading is dropped and
 * counted once its socket's backlog passes the bound, while a board that keeps reading gets every
 * event.
 */
describe('live streams on the Node server', () => {
  let server: RunningServer | undefined;
  afterAll(() => server?.stop());

  it('greets on the wire as an event stream, drops a stalled reader past the bound and keeps a reading one whole', async () => {
    const planFile = generatePlanFile({ units: 4, tasks: 16 });
    server = await startServer({ env: { SEED_FILE: planFile } });
    const url = new URL(server.url);
    const tasks = generatedTaskIds(planFile);
    const coordinator = await ApiClient.login(server.url, 'vanphong');
    const heads = new Map<string, ApiClient>();
    for (const t of tasks) if (!heads.has(t.unit)) heads.set(t.unit, await ApiClient.login(server.url, `truongphong.${t.unit.toLowerCase()}`));

    // A stalled board: asks for the stream, reads the first bytes, then never reads again.
    const stalled = connect(Number(url.port), url.hostname);
    let closedByServer = false;
    stalled.on('close', () => (closedByServer = true));
    stalled.on('error', () => {});
    await new Promise<void>((resolve) => stalled.once('connect', () => resolve()));
    stalled.write(`GET /api/stream HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${coordinator.cookie}\r\nAccept: text/event-stream\r\n\r\n`);
    // What the wire carries first: the event-stream head, then the greeting.
    const greeting = await new Promise<string>((resolve) => {
      let text = '';
      const onData = (d: Buffer) => {
        text += d.toString('utf8');
        if (!text.includes('event: hello\ndata: {}\nretry: 1000\n\n')) return;
        stalled.off('data', onData);
        resolve(text);
      };
      stalled.on('data', onData);
    });
    stalled.pause();
    expect(greeting).toMatch(/^HTTP\/1\.1 200 /);
    expect(greeting).toMatch(/^content-type: text\/event-stream\r$/im);
    expect(greeting).toMatch(/^x-accel-buffering: no\r$/im);
    // The body is chunked (no length: it never ends by itself); the greeting is its first chunk.
    expect(greeting.slice(greeting.indexOf('\r\n\r\n') + 4)).toMatch(/^[0-9a-f]+\r\nevent: hello\ndata: \{\}\nretry: 1000\n\n/);

    const reading = await openStream(`${server.url}/api/stream`, coordinator.cookie);
    await reading.waitFor((e) => e.event === 'hello');

    // Moves until the server gives up on the stalled board (socket buffers absorb a few MB first):
    // each carries the longest evidence, in three-byte letters, so few moves fill them.
    let moves = 0;
    const health = async () => (await (await fetch(`${server!.url}/api/health?detail`)).json()).streams as { open: number; dropped: number };
    await Promise.all(
      tasks.map(async (t, i) => {
        const head = heads.get(t.unit)!;
        await head.request('POST', `/api/tasks/${t.id}/events`, { type: 'START' });
        for (let round = 0; round < 400 && (await health()).dropped === 0; round++) {
          const a = await head.request('POST', `/api/tasks/${t.id}/events`, { type: 'SUBMIT', evidence: `Báo cáo số ${i}-${round}/BC `.padEnd(2000, 'ệ') });
          const b = await coordinator.request('POST', `/api/tasks/${t.id}/events`, { type: 'RETURN', reason: 'Bổ sung tài liệu kiểm chứng' });
          expect([a.status, b.status]).toEqual([200, 200]);
          moves += 2;
        }
      }),
    );
    expect(await health()).toMatchObject({ dropped: 1, open: 1 });
    stalled.resume();
    await new Promise<void>((resolve) => (closedByServer ? resolve() : stalled.once('close', () => resolve())));
    // The reading board got the last move of every task.
    const last = await coordinator.json<{ tasks: Array<{ id: string; version: number }> }>('GET', '/api/plans/stp-2026');
    for (const t of last.body.tasks.filter((x) => tasks.some((y) => y.id === x.id))) {
      await reading.waitFor((e) => e.event === 'task' && e.data.id === t.id && e.data.version === t.version, { timeoutMs: 15_000 });
    }
    expect(moves).toBeGreaterThan(0);
    await reading.close();
  }, 180_000);
});
