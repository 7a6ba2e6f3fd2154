import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../support/api';
import { generatePlanFile, generatedTaskIds } from '../../support/planFile';
import { startServer, type RunningServer } from '../../support/server';
import { form, pdf } from './samples';

/**
 * Durability of files with their events: a server SIGKILLed while uploads stream in and SUBMITs
 * naming them commit restarts with every acknowledged SUBMIT's files present and intact (served
 * with the bytes that were sent), and store:verify finds the chain and every file clean.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('a server killed during uploads and commits', () => {
  const planFile = generatePlanFile({ units: 2, tasks: 300 });
  const tasks = generatedTaskIds(planFile);
  let server: RunningServer | undefined;
  afterAll(() => server?.stop());

  it('keeps every acknowledged SUBMIT with its files intact; store:verify is clean', async () => {
    server = await startServer({ env: { SEED_FILE: planFile } });
    const running = server;
    const heads = new Map<string, ApiClient>();
    for (const unit of new Set(tasks.map((t) => t.unit))) heads.set(unit, await ApiClient.login(server.url, `truongphong.${unit.toLowerCase()}`));

    const acknowledged: Array<{ id: string; sha256: string; fileId: string }> = [];
    const killAfter = 15;
    let killing: Promise<void> | undefined;
    let cut = false;
    const CHAINS = 8;
    await Promise.all(
      Array.from({ length: CHAINS }, async (_, chain) => {
        for (let i = chain; i < tasks.length && !cut; i += CHAINS) {
          const { id, unit } = tasks[i];
          const head = heads.get(unit)!;
          // Each document differs, and is large enough to be mid-stream when the kill lands.
          const bytes = Buffer.concat([pdf(`Bao cao ${id}`), randomBytes(64 * 1024 + i)]);
          try {
            const res = await fetch(`${running.url}/api/files`, { method: 'POST', headers: { 'X-Requested-With': 'tiendo', cookie: head.cookie }, body: form(bytes, `Báo cáo ${id}.pdf`) });
            if (res.status !== 201) throw new Error(`upload ${res.status}`);
            const { file } = (await res.json()) as { file: { id: string; sha256: string } };
            expect(file.sha256).toBe(sha(bytes));
            const started = await head.request('POST', `/api/tasks/${id}/events`, { type: 'START' });
            await started.body?.cancel();
            if (started.status !== 200) throw new Error(`START ${started.status}`);
            const submitted = await head.request('POST', `/api/tasks/${id}/events`, { type: 'SUBMIT', files: [file.id] });
            await submitted.body?.cancel();
            if (submitted.status === 200) {
              acknowledged.push({ id, sha256: file.sha256, fileId: file.id });
              if (!killing && acknowledged.length >= killAfter) killing = running.kill();
            }
          } catch {
            cut = true; // cut by the kill: never acknowledged
          }
        }
      }),
    );
    await killing;
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);
    expect(acknowledged.length, 'the kill must land mid-burst').toBeLessThan(tasks.length);

    server = await startServer({ dataDir: running.dataDir, env: { SEED_FILE: planFile } });
    const reader = await ApiClient.login(server.url, 'giamdoc');
    const plan = await reader.plan();
    const byId = new Map(plan.tasks.map((t) => [t.id, t]));
    for (const { id, sha256, fileId } of acknowledged) {
      const task = byId.get(id)!;
      expect(task.state, id).toBe('inReview');
      expect(task.files?.map((f) => f.sha256)).toEqual([sha256]);
      const served = await reader.request('GET', `/api/files/${fileId}`);
      expect(served.status).toBe(200);
      expect(sha(Buffer.from(await served.arrayBuffer()))).toBe(sha256);
    }
    // Whatever else was submitted (committed, answer lost in the kill) has its files too.
    for (const task of plan.tasks.filter((t) => t.state === 'inReview')) expect(task.files).toHaveLength(1);
    await server.stop();
    server = undefined;

    const verify = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/tools/storeVerify.ts', '--data', running.dataDir], { cwd: ROOT });
    expect(verify.stdout).toMatch(/chain intact/);
    expect(verify.stdout).toMatch(new RegExp(`files intact: ${plan.tasks.filter((t) => t.state === 'inReview').length} named by events`));
  }, 180_000);
});
