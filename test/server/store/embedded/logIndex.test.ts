import { mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore, INDEX_FILE, LOG_FILE } from '../../../../server/store/embedded/embeddedStore';
import type { LogEntry, NewLogEntry } from '../../../../server/store/entries';

const entry = (i: number): NewLogEntry => ({
  at: `2026-01-0${1 + (i % 9)}T00:00:00.000Z`, kind: 'task', planId: 'p', taskId: `t${i % 3}`, type: 'START',
  by: { id: 'u', username: 'u' }, from: 'a', to: 'b', mv: 1, payload: { note: `số ${i}` },
});

async function filled(n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-idx-'));
  const store = await EmbeddedStore.open(dir);
  const versions = [0, 0, 0];
  for (let i = 0; i < n; i++) await store.append([{ entry: entry(i), expectedVersion: versions[i % 3]++ }]);
  await store.close();
  return dir;
}

/** The entry at a position, read through the index (the plan's history up to it). */
const at = async (store: EmbeddedStore, seq: number): Promise<LogEntry | undefined> => (await store.history.plan('p', seq)).find((e) => e.seq === seq);

describe('embedded log offset index', () => {
  it('is saved on close and used on open: every entry reads back by position, appends continue', async () => {
    const dir = await filled(7);
    expect(readFileSync(join(dir, INDEX_FILE)).length).toBeGreaterThan(0);
    const store = await EmbeddedStore.open(dir);
    expect(store.position).toBe(7);
    for (let seq = 1; seq <= 7; seq++) expect(await at(store, seq)).toMatchObject({ seq, taskId: `t${(seq - 1) % 3}`, payload: { note: `số ${seq - 1}` } });
    await store.append([{ entry: entry(7), expectedVersion: 2 }]);
    expect(await at(store, 8)).toMatchObject({ seq: 8, taskId: 't1' });
    expect((await store.history.stream('task', 't1', 8)).map((e) => e.seq)).toEqual([2, 5, 8]);
    await store.close();
  });

  it('reads a history at once, back-to-back lines in one read, gaps and all, as line by line', async () => {
    const store = await EmbeddedStore.open(await filled(12));
    const oneByOne: LogEntry[] = [];
    await store.replay(({ load }) => oneByOne.push(load()));
    expect(await store.history.plan('p', 12)).toEqual(oneByOne);
    for (const t of ['t0', 't1', 't2']) expect(await store.history.task(t, 12)).toEqual(oneByOne.filter((e) => e.taskId === t));
    expect(await store.history.plan('p', 99)).toEqual(oneByOne);
    await store.close();
  });

  it('scans what was appended after it (a crash before the next close) and refuses stale expectations', async () => {
    const dir = await filled(4);
    const other = await filled(6);
    // Lines 5 and 6 of another log with the same history: appended as if written before a crash.
    appendFileSync(join(dir, LOG_FILE), readFileSync(join(other, LOG_FILE), 'utf8').split('\n').slice(4).join('\n'));
    const store = await EmbeddedStore.open(dir);
    expect(store.position).toBe(6);
    expect(await at(store, 6)).toMatchObject({ seq: 6, taskId: 't2' });
    await expect(store.append([{ entry: entry(6), expectedVersion: 1 }])).rejects.toThrow(/version 2/);
    await store.close();
  });

  it('is ignored when it does not match the log (damaged, or the log replaced)', async () => {
    const dir = await filled(5);
    writeFileSync(join(dir, INDEX_FILE), 'garbage');
    const store = await EmbeddedStore.open(dir);
    expect(store.position).toBe(5);
    await store.close();
    const other = await filled(3);
    writeFileSync(join(dir, LOG_FILE), readFileSync(join(other, LOG_FILE)));
    const replaced = await EmbeddedStore.open(dir);
    expect(replaced.position).toBe(3);
    expect(await at(replaced as EmbeddedStore, 3)).toMatchObject({ seq: 3, taskId: 't2' });
    await replaced.close();
  });
});
