import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../seed/seedStore';
import { Engine } from '../../server/engine/engine';
import { EmbeddedStore } from '../../server/store/embedded/embeddedStore';
import { EmbeddedFileStore } from '../../server/files/embeddedFiles';
import { sha256Of } from '../../server/files/hashing';
import { verifyFiles } from '../../server/files/verify';

/** The seed's evidence: every done task of the reference plan carries a generated PDF, stored and in the chain. */
describe('seeded evidence files', () => {
  it('each done task has one PDF, stored with the bytes its SUBMIT recorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-seed-files-'));
    await seedIfEmpty(dir, { password: 'tiendo-demo' });
    const engine = await Engine.open({ store: await EmbeddedStore.open(dir), snapshotDelayMs: 60_000 });
    const files = new EmbeddedFileStore(dir);
    const plan = engine.listPlans()[0];
    const done = plan.taskIds.map((id) => plan.tasks[id]).filter((t) => t.machine.value === 'done');
    expect(done.length).toBe(18);
    for (const task of done) {
      expect(task.files, task.code).toHaveLength(1);
      const [file] = task.files!;
      expect(file).toMatchObject({ type: 'application/pdf', name: `Báo cáo kết quả nhiệm vụ ${task.code}.pdf` });
      expect(await sha256Of(await files.read(file.sha256))).toBe(file.sha256);
      const head = (await files.read(file.sha256, { start: 0, end: 7 }))!;
      expect(Buffer.concat(await head.toArray()).toString('latin1')).toBe('%PDF-1.4');
    }
    expect(await verifyFiles(engine.store.readRaw(), files)).toEqual({ ok: true, referenced: 18, stored: 18 });
    await engine.close();
  });
});
