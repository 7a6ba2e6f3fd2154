import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../machines/api';
import { ApiClient, PLAN_ID } from '../support/api';
import { generatePlanFile, generatedTaskIds } from '../support/planFile';
import { dropSchema, freshSchema, pgUrl } from '../support/postgres';
import { startServer, type RunningServer } from '../support/server';
import { openStream } from '../support/sse';

/**
 * Two server processes on one PostgreSQL database, as a province runs them behind one address:
 * moves, sessions, logouts and login limits hold across them, and killing one loses nothing.
 */
const url = pgUrl();

describe.skipIf(!url)('two instances on one PostgreSQL', () => {
  const schema = freshSchema();
  const planFile = generatePlanFile({ units: 4, tasks: 200 });
  const tasks = generatedTaskIds(planFile);
  let a: RunningServer;
  let b: RunningServer;
  const env = { DATABASE_URL: url!, DATABASE_SCHEMA: schema, SEED_FILE: planFile };

  beforeAll(async () => {
    a = await startServer({ env });
    b = await startServer({ env });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await dropSchema(url!, schema);
  });

  const head = (unit: string, server: RunningServer) => ApiClient.login(server.url, `truongphong.${unit.toLowerCase()}`);
  const taskOf = async (client: ApiClient, id: string) => (await (await client.request('GET', `/api/tasks/${id}`)).json()) as Task;

  it('seeds once, and a session made on A is valid on B', async () => {
    expect(`${a.output()}${b.output()}`.match(/seeded/g)).toHaveLength(1);
    const onA = await ApiClient.login(a.url, 'vanphong');
    const onB = new ApiClient(b.url);
    onB.cookie = onA.cookie;
    const me = await onB.request('GET', '/api/me');
    expect(me.status).toBe(200);
    expect((await me.json()).user.username).toBe('vanphong');
  });

  it('a move made through A reaches a board connected to B', async () => {
    const t = tasks[0];
    const client = await head(t.unit, a);
    const stream = await openStream(`${b.url}/api/stream`, client.cookie);
    await stream.waitFor((e) => e.event === 'hello');
    const res = await client.request('POST', `/api/tasks/${t.id}/events`, { type: 'START' });
    expect(res.status).toBe(200);
    const seen = await stream.waitFor((e) => e.event === 'task' && e.data.id === t.id);
    expect(seen.data).toMatchObject({ state: 'inProgress', version: 2 });
    await stream.waitFor((e) => e.event === 'progress' && e.data.planId === PLAN_ID && e.data.inProgress >= 1);
    stream.close();
  });

  it('the same stale expectedVersion raced through A and B gets exactly one 200 and one 409', async () => {
    const t = tasks[1];
    const viaA = await head(t.unit, a);
    const viaB = await head(t.unit, b);
    const { version } = await taskOf(viaA, t.id);
    const results = await Promise.all([
      viaA.request('POST', `/api/tasks/${t.id}/events`, { type: 'START', expectedVersion: version }),
      viaB.request('POST', `/api/tasks/${t.id}/events`, { type: 'START', expectedVersion: version }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = await results.find((r) => r.status === 409)!.json();
    expect(refused.error.code).toBe('conflict');
    expect(refused.error.details.current).toMatchObject({ id: t.id, version: version + 1, state: 'inProgress' });
  });

  it('a logout on A ends the session on B and closes its open streams there', async () => {
    const onA = await ApiClient.login(a.url, 'giamdoc');
    const onB = new ApiClient(b.url);
    onB.cookie = onA.cookie;
    const stream = await openStream(`${b.url}/api/stream`, onA.cookie);
    await stream.waitFor((e) => e.event === 'hello');
    expect((await onA.request('DELETE', '/api/session')).status).toBe(204);
    await stream.ended;
    expect((await onB.request('GET', '/api/me')).status).toBe(401);
  });

  it('counts the login limit across instances', async () => {
    for (let i = 0; i < 10; i++) {
      const server = i % 2 ? b : a;
      const res = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'thanhtra', password: `sai-${i}` }),
      });
      expect(res.status).toBe(401);
    }
    for (const server of [a, b]) {
      const res = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'thanhtra', password: 'tiendo-demo' }),
      });
      expect(res.status).toBe(429);
    }
  });

  it('SIGKILL of A under load loses no acknowledged move, and B keeps serving', async () => {
    const load = tasks.slice(10, 150);
    const clients = new Map<string, ApiClient>();
    for (const unit of new Set(load.map((t) => t.unit))) clients.set(unit, await head(unit, a));
    const acknowledged: string[] = [];
    let refused = 0;
    let cutOff = 0;
    let killing: Promise<void> | undefined;
    // 10 chains, each sending its next move as soon as the last is answered: always about 10 in
    // flight, and far more still to come when the kill lands after the 40th acknowledgement.
    const CHAINS = 10;
    let cut = false;
    await Promise.all(
      Array.from({ length: CHAINS }, async (_, chain) => {
        for (let i = chain; i < load.length && !cut; i += CHAINS) {
          const t = load[i];
          try {
            const res = await clients.get(t.unit)!.request('POST', `/api/tasks/${t.id}/events`, { type: 'START' });
            if (res.status === 200) acknowledged.push(t.id);
            else refused++;
            await res.body?.cancel();
            if (acknowledged.length >= 40) killing ??= a.kill();
          } catch {
            cutOff++; // cut off by the kill: not acknowledged, so either outcome is allowed
            cut = true;
          }
        }
      }),
    );
    await killing;
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    // The kill must have landed while moves were in flight, or this test proves nothing.
    expect(acknowledged.length, `acknowledged ${acknowledged.length}, refused ${refused}, cut off ${cutOff}`).toBeLessThan(load.length);
    expect(cutOff, 'requests cut off by the kill').toBeGreaterThan(0);
    const reader = await ApiClient.login(b.url, 'giamdoc');
    const plan = await (await reader.request('GET', `/api/plans/${PLAN_ID}`)).json();
    const state = new Map<string, string>(plan.tasks.map((t: Task) => [t.id, t.state]));
    for (const id of acknowledged) expect(state.get(id)).toBe('inProgress');
    // B still takes moves, without a restart.
    const next = load.find((t) => state.get(t.id) === 'notStarted') ?? tasks[190];
    const res = await (await head(next.unit, b)).request('POST', `/api/tasks/${next.id}/events`, { type: 'START' });
    expect(res.status).toBe(200);
  });
});
