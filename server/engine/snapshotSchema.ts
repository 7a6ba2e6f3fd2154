import { z } from 'zod';
import { migrateTaskSnapshot } from '../../machines/migrations';
import type { PlanRecord } from './records';

/** A plan snapshot as the engine uses it: its record, as of global position `logSeq`. */
export interface RestoredSnapshot {
  logSeq: number;
  plan: PlanRecord;
}

/**
 * The shape a plan snapshot must have to be used. Snapshots are only a cache: one of another shape
 * (hand-edited, half-written by an older build, `"plan": null`) is treated as missing and the plan
 * is rebuilt from the log, with one warning line, instead of stopping the server.
 */
const Machine = z.object({ value: z.string(), context: z.record(z.string(), z.unknown()) }).passthrough();
const Named = z.object({ id: z.string(), code: z.string(), name: z.string() }).passthrough();
const Task = z
  .object({ id: z.string(), code: z.string(), areaId: z.string(), deadline: z.string(), version: z.number(), machine: Machine })
  .passthrough();
const Snapshot = z.object({
  logSeq: z.number().int().nonnegative(),
  plan: z
    .object({
      id: z.string().min(1),
      year: z.number(),
      title: z.string(),
      version: z.number(),
      machine: Machine,
      areas: z.array(Named),
      units: z.array(Named),
      taskIds: z.array(z.string()),
      tasks: z.record(z.string(), Task),
      settings: z.record(z.string(), z.unknown()),
    })
    .passthrough()
    .refine((p) => p.taskIds.every((id) => Object.hasOwn(p.tasks, id)), { message: 'taskIds name a task that is not there' }),
});

const planMigrations: Array<(plan: PlanRecord) => void> = [];

/**
 * A stream kind whose state a plan snapshot holds (inspections, …) says here how to bring an older
 * snapshot's records up to its machine's current version.
 */
export function registerSnapshotMigration(migrate: (plan: PlanRecord) => void): void {
  planMigrations.push(migrate);
}

/** A usable snapshot with task machines migrated to the current version, or a reason it is not. */
export function readSnapshot(raw: unknown, maxSeq: number): { ok: true; snapshot: RestoredSnapshot } | { ok: false; reason: string } {
  const parsed = Snapshot.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { ok: false, reason: `${i.path.join('.') || '(file)'}: ${i.message}` };
  }
  if (parsed.data.logSeq > maxSeq) return { ok: false, reason: `ahead of the log (${parsed.data.logSeq} > ${maxSeq})` };
  // The snapshot as read, not zod's output: that puts a schema's named fields first, so a restored
  // plan would serialise in another field order than the same plan rebuilt from the log.
  const snapshot = raw as RestoredSnapshot;
  try {
    for (const task of Object.values(snapshot.plan.tasks)) {
      task.machine = migrateTaskSnapshot(task.machine as unknown as Record<string, unknown>);
    }
    for (const migrate of planMigrations) migrate(snapshot.plan);
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  return { ok: true, snapshot };
}
