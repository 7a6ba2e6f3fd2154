import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventLog, parseLine, peek, type NewLogEntry } from '../../../server/store/eventLog';

const entry = (i: number): NewLogEntry => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  kind: 'task', planId: 'p', taskId: `t${i}`, type: 'START',
  by: { id: 'u', username: 'u' }, from: 'notStarted', to: 'inProgress', mv: 2,
});

const tempLog = () => join(mkdtempSync(join(tmpdir(), 'tiendo-log-')), 'events.ndjson');

describe('EventLog', () => {
  it('numbers entries in order and reads them back after reopening', async () => {
    const path = tempLog();
    const { log } = EventLog.open(path);
    const appended = [0, 1, 2].map((i) => log.append(entry(i)));
    expect(appended.map((a) => a.entry.seq)).toEqual([1, 2, 3]);
    await Promise.all(appended.map((a) => a.durable));
    await log.close();

    const reopened = EventLog.open(path);
    const entries = reopened.lines.map((l, i) => parseLine(l, i + 1));
    expect(entries.map((e) => [e.seq, e.taskId])).toEqual([[1, 't0'], [2, 't1'], [3, 't2']]);
    // The cheap head read agrees with the full parse.
    expect(reopened.lines.map((l, i) => peek(l, i + 1))).toEqual(
      entries.map(({ seq, kind, planId, taskId, type }) => ({ seq, kind, planId, taskId, type })),
    );
    expect(reopened.log.seq).toBe(3);
    expect(reopened.log.append(entry(3)).entry.seq).toBe(4);
    await reopened.log.close();
  });

  it('shares one write and fdatasync among concurrent appends (group commit)', async () => {
    const { log } = EventLog.open(tempLog());
    await Promise.all(Array.from({ length: 200 }, (_, i) => log.append(entry(i)).durable));
    // All 200 were appended in one turn, so they land in one flush, not 200.
    expect(log.flushes).toBe(1);
    await log.append(entry(200)).durable;
    expect(log.flushes).toBe(2);
    await log.close();
  });

  it('cuts off a torn last line (never acknowledged) and keeps appending cleanly', async () => {
    const path = tempLog();
    const { log } = EventLog.open(path);
    await log.append(entry(0)).durable;
    await log.close();
    appendFileSync(path, '{"seq":2,"at":"2026-01-01T00:0');

    const reopened = EventLog.open(path);
    expect(reopened.lines).toHaveLength(1);
    await reopened.log.append(entry(1)).durable;
    await reopened.log.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.seq)).toEqual([1, 2]);
  });

  it('reports a damaged line rather than reading past it', () => {
    const path = tempLog();
    writeFileSync(path, '{"seq":1}\nnot json\n{"seq":3}\n');
    const { lines } = EventLog.open(path);
    expect(() => peek(lines[1], 2)).toThrow(/line 2/);
  });
});
