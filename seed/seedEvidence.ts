import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { FileRef } from '../machines/files';
import type { FileStore } from '../server/files/port';
import { evidencePdf } from './evidencePdf';
import type { ReferencePlanFile } from './referencePlan';

type HistoryEvent = NonNullable<ReferencePlanFile['demoHistory']>[number];

/**
 * The seeded plan's done tasks carry their document: for each task whose recorded history ends
 * approved, its last SUBMIT gets a small generated PDF (made here, nothing downloaded), stored
 * before the event that names it, so a new user sees evidence on the board at once. Ids are
 * derived from the task, so a seed is the same every time.
 */
export function evidenceSubmits(history: readonly HistoryEvent[]): Set<HistoryEvent> {
  const last = new Map<string, HistoryEvent>();
  const lastSubmit = new Map<string, HistoryEvent>();
  for (const e of history) {
    last.set(e.task, e);
    if (e.type === 'SUBMIT') lastSubmit.set(e.task, e);
  }
  return new Set([...last].filter(([, e]) => e.type === 'APPROVE').flatMap(([task]) => (lastSubmit.has(task) ? [lastSubmit.get(task)!] : [])));
}

export async function storeSeedEvidence(
  files: FileStore,
  event: HistoryEvent,
  task: { code: string; title: string; unitName: string; agency: string },
  by: { id: string; username: string },
): Promise<FileRef> {
  const bytes = evidencePdf([
    task.agency,
    `Bao cao ket qua nhiem vu ${task.code}`,
    task.title,
    `Don vi chu tri: ${task.unitName}`,
    event.evidence ?? '',
    `Ngay ${event.at.slice(8, 10)}/${event.at.slice(5, 7)}/${event.at.slice(0, 4)}`,
  ]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const id = createHash('sha256').update(`seed-evidence\u0000${task.code}`).digest('base64url').slice(0, 22);
  const ref: FileRef = { id, sha256, name: `Báo cáo kết quả nhiệm vụ ${task.code}.pdf`, type: 'application/pdf', size: bytes.length };
  const spool = await files.spoolPath();
  await writeFile(spool, bytes);
  await files.keep(spool, { ...ref, by, at: new Date(event.at).toISOString() });
  return ref;
}
