import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../machines/roles';
import { hashPassword } from '../server/auth/password';
import { Engine } from '../server/engine/engine';
import { EmbeddedStore } from '../server/store/embedded/embeddedStore';
import { AccountStore, type StoredUser } from '../server/store/accounts';
import { demoAccounts } from './accounts';
import { planIdOf, readPlanFile, taskIdOf, toPlanDefinition } from './referencePlan';
import { seedDemoInspection, type DemoInspection } from './seedInspection';
import { readDemoPar, seedDemoPar } from './seedPar';
import { EmbeddedFileStore } from '../server/files/embeddedFiles';
import { evidenceSubmits, storeSeedEvidence } from './seedEvidence';

export interface SeedOptions {
  /** A plan file in the reference format; defaults to the reference plan. */
  planFile?: string;
  password: string;
}

const LOG = 'events.ndjson';

/** True when DATA_DIR already holds a store: its event log exists and is not empty. */
export function hasData(dataDir: string): boolean {
  const log = join(dataDir, LOG);
  return existsSync(log) && statSync(log).size > 0;
}

/**
 * Seeds an empty DATA_DIR: the demo accounts, the plan (created, issued) and its demo history,
 * replayed through the engine with the recorded timestamps and users, so the seeded history is
 * real history. Everything is built in a scratch folder and the event log is moved in last: a
 * crash part-way leaves no log, and the next start seeds again from scratch.
 */
export async function seedIfEmpty(dataDir: string, options: SeedOptions): Promise<boolean> {
  if (hasData(dataDir)) return false;
  const scratch = join(dataDir, '.seeding');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });

  const file = readPlanFile(options.planFile);
  const users: StoredUser[] = await Promise.all(
    demoAccounts(file).map(async (a) => ({ id: `u-${a.username}`, ...a, passwordHash: await hashPassword(options.password) })),
  );
  const accounts = await AccountStore.open(scratch);
  await accounts.replaceUsers(users);
  const actor = (username: string): Actor => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`seed history names unknown user ${username}`);
    return { id: u.id, username: u.username, role: u.role, unitId: u.unitId };
  };

  // One snapshot at close, not one per replayed event (a 5,000-task plan is megabytes).
  const engine = await Engine.open({ store: await EmbeddedStore.open(scratch), snapshotDelayMs: 60 * 60 * 1000 });
  const history = file.demoHistory ?? [];
  const firstAt = history.length ? history.map((e) => Date.parse(e.at)).reduce((a, b) => Math.min(a, b)) : Date.parse(file.plan.issuedOn);
  // The plan stands before its first recorded move, even where the decision is dated later.
  const issuedAt = new Date(Math.min(firstAt, Date.parse(`${file.plan.issuedOn}T08:00:00+07:00`)) - 60 * 60 * 1000).toISOString();
  const planId = planIdOf(file);
  await engine.createPlan(toPlanDefinition(file), actor('vanphong'), issuedAt);
  await engine.sendPlanEvent(planId, actor('giamdoc'), { type: 'ISSUE', decisionNo: file.plan.decisionNo, decisionDate: file.plan.issuedOn }, issuedAt);
  // Each task's events go in their recorded order; different tasks go side by side, so their
  // events share group commits instead of one fsync each.
  const byTask = new Map<string, typeof history>();
  for (const e of history) byTask.set(e.task, [...(byTask.get(e.task) ?? []), e]);
  const withPdf = evidenceSubmits(history);
  const files = new EmbeddedFileStore(scratch);
  const plan = engine.getPlan(planId);
  await Promise.all(
    [...byTask.values()].map(async (events) => {
      for (const e of events) {
        const id = taskIdOf(planId, e.task);
        let resolvedFiles;
        if (withPdf.has(e)) {
          const task = plan.tasks[id];
          const unit = plan.units.find((u) => u.id === task.machine.context.ownerUnitId);
          const by = actor(e.by);
          resolvedFiles = [await storeSeedEvidence(files, e, { code: task.code, title: task.title, unitName: unit?.name ?? '', agency: plan.agency.name }, by)];
        }
        await engine.sendTaskEvent(id, actor(e.by), { type: e.type, evidence: e.evidence, reason: e.reason, ...(resolvedFiles ? { resolvedFiles } : {}) }, new Date(e.at).toISOString());
      }
    }),
  );
  // After the task history: the inspection's remediation task joins the board in September.
  const demoInspection = (file as { demoInspection?: DemoInspection }).demoInspection;
  if (demoInspection) await seedDemoInspection(engine, planId, demoInspection, actor);
  // The demo PAR Index and dossier figures belong to the reference plan only, not to another plan file.
  if (!options.planFile) await seedDemoPar(engine, planId, readDemoPar(), actor);
  await engine.close();

  mkdirSync(dataDir, { recursive: true });
  rmSync(join(dataDir, 'plans'), { recursive: true, force: true });
  renameSync(join(scratch, 'plans'), join(dataDir, 'plans'));
  renameSync(join(scratch, 'accounts.json'), join(dataDir, 'accounts.json'));
  // The evidence files before the log that names them.
  rmSync(join(dataDir, 'files'), { recursive: true, force: true });
  renameSync(join(scratch, 'files'), join(dataDir, 'files'));
  renameSync(join(scratch, LOG), join(dataDir, LOG));
  rmSync(scratch, { recursive: true, force: true });
  return true;
}
