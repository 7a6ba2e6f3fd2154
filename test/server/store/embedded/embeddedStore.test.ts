import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore, LOG_FILE } from '../../../../server/store/embedded/embeddedStore';
import { peekEntry, type NewLogEntry } from '../../../../server/store/entries';
import { verifyChain } from '../../../../server/store/hashChain';

/** What only the embedded store has to prove: group commit, and what a crash leaves in its file. */
const entry = (i: number, taskId = `t${i}`): NewLogEntry => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  kind: 'task', planId: 'p', taskId, type: 'START',
  by: { id: 'u', username: 'u' }, from: 'notStarted', to: 'inProgress', mv: 2,
});
const one = (i: number) => [{ entry: entry(i), expectedVersion: 0 }];
const tempDir = () => mkdtempSync(join(tmpdir(), 'tiendo-embedded-'));
const lines = (dir: string) => readFileSync(join(dir, LOG_FILE), 'utf8').trim().split('\n');

describe('the embedded store', () => {
  it('shares one write and fdatasync among concurrent commits (group commit)', async () => {
    const store = await EmbeddedStore.open(tempDir());
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.append(one(i))));
    // All 200 were appended in one turn, so they land in one flush, not 200.
    expect(store.flushes).toBe(1);
    await store.append(one(200));
    expect(store.flushes).toBe(2);
    await store.close();
  });

  it('cuts off a torn last line (never acknowledged) and keeps appending cleanly', async () => {
    const dir = tempDir();
    const store = await EmbeddedStore.open(dir);
    await store.append(one(0));
    await store.close();
    appendFileSync(join(dir, LOG_FILE), '{"seq":2,"at":"2026-01-01T00:0');

    const reopened = await EmbeddedStore.open(dir);
    expect(reopened.position).toBe(1);
    await reopened.append(one(1));
    await reopened.close();
    expect(lines(dir).map((l) => JSON.parse(l).seq)).toEqual([1, 2]);
    const chain = await verifyChain((await EmbeddedStore.open(dir)).readRaw());
    expect(chain).toMatchObject({ ok: true, entries: 2 });
  });

  it('cuts off a multi-entry commit whose last entry never reached the disk', async () => {
    const dir = tempDir();
    const store = await EmbeddedStore.open(dir);
    await store.append(one(0));
    await store.append([
      { entry: entry(1), expectedVersion: 0 },
      { entry: entry(2), expectedVersion: 0 },
    ]);
    await store.close();
    // Keep the commit's first line only, as a crash between its two lines would.
    const kept = lines(dir).slice(0, 2);
    expect(kept[1]).toContain('"more":true');
    writeFileSync(join(dir, LOG_FILE), kept.join('\n') + '\n');

    const reopened = await EmbeddedStore.open(dir);
    expect(reopened.position).toBe(1);
    await reopened.append([{ entry: entry(3), expectedVersion: 0 }]);
    await reopened.close();
    expect(lines(dir).map((l) => JSON.parse(l).taskId)).toEqual(['t0', 't3']);
  });

  it('reports a damaged line rather than reading past it', async () => {
    const dir = tempDir();
    const store = await EmbeddedStore.open(dir);
    for (let i = 0; i < 3; i++) await store.append(one(i));
    await store.close();
    // Lines 1 and 3 are sound entries the store wrote; only line 2, in the middle, is damaged (a
    // torn last line would be cut off instead), so the store must read past line 1 to report it.
    const written = lines(dir);
    expect(written).toHaveLength(3);
    writeFileSync(join(dir, LOG_FILE), [written[0], 'not json', written[2]].join('\n') + '\n');
    const opened = EmbeddedStore.open(dir);
    await expect(opened).rejects.toThrow(/\bline 2\b/);
    await expect(opened).rejects.not.toThrow(/\bline [13]\b/);
    expect(() => peekEntry('not json', 'event log line 2')).toThrow(/line 2/);
  });
});
