import type { TaskDefinition } from '../../../machines/api';
import type { FileRef } from '../../../machines/files';
import { dossierProblems } from '../../../machines/dossiers';
import { PAR_MACHINE_VERSION, type ParCriterionAction } from '../../../machines/par';
import type { CreateParBody, DossierBody, ParAppraisalBody, ParCriterionPatch, ParEventBody, ParScoreBody, ParTaskBody } from '../../../machines/parApi';
import { decideCriterion, decideParEvent, type ParBlocker, type ParCriterionDecision } from '../../../machines/parDecision';
import { buildParTree, scoreProblem, type ParCriterionDef } from '../../../machines/parTree';
import { PLAN_MACHINE_VERSION } from '../../../machines/plan';
import type { Actor } from '../../../machines/roles';
import type { NewLogEntry } from '../../store/entries';
import { DOSSIER_KIND, PAR_KIND } from '../par/apply';
import { parMessages as m } from '../par/messages';
import type { ParRecord } from '../par/records';
import { criterionFacts, parFacts, type ParLive } from '../par/views';
import type { ParTaskSource, PlanRecord } from '../records';
import { by, refuse, type Decided } from './refusal';

/**
 * The PAR Index's and the dossier figures' deciders: pure, (state, command, actor, clock) in,
 * entries or a refusal out. machines/par.ts and parDecision.ts hold every rule; this file turns
 * their decisions into log entries, and their refusals into the API's codes and Vietnamese messages.
 */

export const parIdOf = (plan: PlanRecord, number: number) => `${plan.id}-par${number}`;

const CREATE_ROLES = ['coordinator', 'leader'];

function entry(plan: PlanRecord, index: Pick<ParRecord, 'id' | 'state'>, actor: Actor, at: string, type: string, to: string, payload: Record<string, unknown>): NewLogEntry {
  return { at, kind: PAR_KIND, planId: plan.id, streamId: index.id, type, by: by(actor), from: index.state, to, mv: PAR_MACHINE_VERSION, payload };
}

function criterionRefusal(decision: Exclude<ParCriterionDecision, { ok: true }>, action: ParCriterionAction, index: ParRecord): Decided {
  if (decision.code === 'forbidden') return refuse('forbidden', m.criterionForbidden(action));
  if (decision.code === 'bad_request') return refuse('bad_request', m.reasonMissing, { field: 'reason' });
  return refuse('transition_not_allowed', decision.blockedBy ? m.blocked(decision.blockedBy as ParBlocker) : m.criterionWrongState(index.state, action), {
    allowed: decision.allowed,
  });
}

/** A new index on the plan of its year: from a list of criteria (JSON, an import) or another index's structure. */
export function decideNewPar(plan: PlanRecord | undefined, actor: Actor, body: CreateParBody, criteria: ParCriterionDef[] | undefined, at: string): Decided {
  if (!CREATE_ROLES.includes(actor.role)) return refuse('forbidden', m.createForbidden);
  if (!plan) return refuse('bad_request', m.noPlanForYear(body.year, body.planId), { field: 'planId' });
  if (plan.year !== body.year) return refuse('bad_request', m.planOfOtherYear(plan.year, body.year), { field: 'year' });
  const defs = criteria ?? [];
  const unknownUnits = defs.filter((d) => d.unitId && !plan.units.some((u) => u.id === d.unitId)).map((d) => d.code);
  if (unknownUnits.length) return refuse('bad_request', m.unknownUnits(unknownUnits), { field: 'criteria', codes: unknownUnits });
  const tree = buildParTree(defs);
  if (!tree.ok) return refuse('bad_request', m.badStructure, { rows: tree.problems });
  const number = Object.keys(plan.par ?? {}).length + 1;
  const id = parIdOf(plan, number);
  return {
    ok: true,
    entries: [entry(plan, { id, state: 'draft' }, actor, at, 'CREATE', 'draft', { number, year: body.year, title: body.title, criteria: defs })],
  };
}

/** Lifecycle: START_SCORING, SUBMIT, RECORD_APPRAISAL_DONE, REOPEN. */
export function decideParLifecycle(plan: PlanRecord, index: ParRecord, actor: Actor, body: ParEventBody, live: ParLive, at: string): Decided {
  if (body.expectedVersion !== undefined && body.expectedVersion !== index.version) return refuse('conflict', m.conflict(index.version, body.expectedVersion));
  if (body.type === 'START_SCORING' && !buildParTree(index.criteria).ok) return refuse('bad_request', m.badStructure, { rows: (buildParTree(index.criteria) as { problems: unknown }).problems });
  if (body.type === 'START_SCORING' && index.criteria.length === 0) return refuse('bad_request', m.emptyIndex);
  const decision = decideParEvent(index.state, { type: body.type, actor, at, reason: body.reason, ...parFacts(index, live) });
  if (!decision.ok) {
    if (decision.code === 'forbidden') return refuse('forbidden', m.forbidden(body.type));
    if (decision.code === 'bad_request') return refuse('bad_request', m.reasonMissing, { field: 'reason' });
    return refuse('transition_not_allowed', decision.blockedBy ? m.blocked(decision.blockedBy) : m.wrongState(index.state, body.type), { allowed: decision.allowed });
  }
  return { ok: true, entries: [entry(plan, index, actor, at, body.type, decision.next, body.reason ? { reason: body.reason } : {})] };
}

function criterionOf(index: ParRecord, code: string): ParCriterionDef | undefined {
  return index.criteria.find((c) => c.code === code);
}

/** While draft: one criterion's title, points, unit, method or bands (the tree must stay whole). */
export function decideEditCriterion(plan: PlanRecord, index: ParRecord, code: string, actor: Actor, patch: ParCriterionPatch, live: ParLive, at: string): Decided {
  const current = criterionOf(index, code);
  if (!current) return refuse('not_found', m.criterionNotFound(code));
  const decision = decideCriterion(index.state, 'EDIT', actor, criterionFacts(index, code, live));
  if (!decision.ok) return criterionRefusal(decision, 'EDIT', index);
  const { unitId, ...rest } = patch;
  const next: ParCriterionDef = { ...current, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
  if (unitId === null) delete next.unitId;
  else if (unitId !== undefined) {
    if (!plan.units.some((u) => u.id === unitId)) return refuse('bad_request', m.unknownUnits([code]), { field: 'unitId' });
    next.unitId = unitId;
  }
  if (next.method === 'manual') delete next.bands;
  const tree = buildParTree(index.criteria.map((c) => (c.code === code ? next : c)));
  if (!tree.ok) return refuse('bad_request', m.badStructure, { rows: tree.problems });
  return { ok: true, entries: [entry(plan, index, actor, at, 'EDIT_CRITERION', index.state, { code, criterion: next })] };
}

/** While scoring: the leaf's unit head or the coordinator types a score with an explanation (and files). */
export function decideScore(plan: PlanRecord, index: ParRecord, code: string, actor: Actor, body: ParScoreBody, files: readonly FileRef[], live: ParLive, at: string): Decided {
  const current = criterionOf(index, code);
  if (!current) return refuse('not_found', m.criterionNotFound(code));
  const leafVersion = index.leaves[code]?.version ?? 1;
  if (body.expectedVersion !== undefined && body.expectedVersion !== leafVersion) return refuse('conflict', m.conflict(leafVersion, body.expectedVersion));
  const decision = decideCriterion(index.state, 'SCORE', actor, criterionFacts(index, code, live));
  if (!decision.ok) return criterionRefusal(decision, 'SCORE', index);
  const problem = scoreProblem(body.score, current.maxPoints);
  if (problem) return refuse('bad_request', m.score(code, problem), { field: 'score' });
  return {
    ok: true,
    entries: [entry(plan, index, actor, at, 'SCORE', index.state, { code, score: body.score, explanation: body.explanation, ...(files.length ? { files } : {}) })],
  };
}

/** After SUBMIT: the coordinator records the appraisal council's score for a leaf. */
export function decideAppraisal(plan: PlanRecord, index: ParRecord, code: string, actor: Actor, body: ParAppraisalBody, live: ParLive, at: string): Decided {
  const current = criterionOf(index, code);
  if (!current) return refuse('not_found', m.criterionNotFound(code));
  const leafVersion = index.leaves[code]?.version ?? 1;
  if (body.expectedVersion !== undefined && body.expectedVersion !== leafVersion) return refuse('conflict', m.conflict(leafVersion, body.expectedVersion));
  const decision = decideCriterion(index.state, 'APPRAISE', actor, criterionFacts(index, code, live));
  if (!decision.ok) return criterionRefusal(decision, 'APPRAISE', index);
  const problem = scoreProblem(body.score, current.maxPoints);
  if (problem) return refuse('bad_request', m.score(code, problem), { field: 'score' });
  return { ok: true, entries: [entry(plan, index, actor, at, 'APPRAISE', index.state, { code, score: body.score, ...(body.note ? { note: body.note } : {}) })] };
}

/**
 * A low criterion becomes work: a task on the plan's board, owned by the unit named, carrying
 * `source: {parIndexId, criterion}` so it is counted apart from the plan's own tasks.
 */
export function decideParTask(plan: PlanRecord, index: ParRecord, code: string, actor: Actor, body: ParTaskBody, live: ParLive, at: string): Decided {
  const current = criterionOf(index, code);
  if (!current) return refuse('not_found', m.criterionNotFound(code));
  const decision = decideCriterion(index.state, 'CREATE_TASK', actor, criterionFacts(index, code, live));
  if (!decision.ok) return criterionRefusal(decision, 'CREATE_TASK', index);
  if (plan.machine.value !== 'issued') return refuse('transition_not_allowed', m.planNotIssued, { allowed: [] });
  if (!plan.units.some((u) => u.id === body.ownerUnitId)) return refuse('bad_request', m.unknownUnits([body.ownerUnitId]), { field: 'ownerUnitId' });
  const area = areaFor(plan, code);
  if (!area) return refuse('bad_request', m.noArea, { field: 'criterion' });
  const existing = plan.taskIds.filter((id) => id.startsWith(`${index.id}-`)).length;
  const taskId = `${index.id}-${existing + 1}`;
  const source: ParTaskSource = { parIndexId: index.id, criterion: code };
  const task: TaskDefinition & { source: ParTaskSource } = {
    id: taskId, areaId: area, code: `CS${index.number}.${existing + 1}`, title: body.title, ownerUnitId: body.ownerUnitId,
    coordinatingUnitIds: [], output: m.taskOutput(code, current.title), deadline: body.deadline, source,
  };
  return {
    ok: true,
    entries: [
      {
        at, kind: 'plan', planId: plan.id, taskId, type: 'ADD_TASK', by: by(actor), from: plan.machine.value, to: plan.machine.value,
        mv: PLAN_MACHINE_VERSION, payload: { task, reason: m.taskReason(code) },
      },
    ],
  };
}

/**
 * The plan area a criterion's task belongs to: the area whose code is the criterion's first segment
 * (the 7 PAR areas are the plan's 7 areas by default), else the plan's first area.
 */
function areaFor(plan: PlanRecord, code: string): string | undefined {
  const top = code.split('.')[0];
  return (plan.areas.find((a) => a.code === top) ?? plan.areas[0])?.id;
}

export const dossierKeyOf = (body: Pick<DossierBody, 'year' | 'period' | 'unitId' | 'procedureGroup'>) =>
  [body.year, body.period, body.unitId ?? '', body.procedureGroup ?? ''].join('~');

/** A dossier row, typed or imported: the same key again replaces it (its history stays in the log). */
export function decideDossier(plan: PlanRecord | undefined, actor: Actor, body: DossierBody, at: string): Decided {
  if (actor.role !== 'coordinator') return refuse('forbidden', m.dossierForbidden);
  if (!plan) return refuse('bad_request', m.noPlanForYear(body.year), { field: 'year' });
  if (body.unitId && !plan.units.some((u) => u.id === body.unitId)) return refuse('bad_request', m.unknownUnits([body.unitId]), { field: 'unitId' });
  const problems = dossierProblems(body);
  if (problems.length) return refuse('bad_request', problems.map((p) => p.message).join(' '), { fields: [...new Set(problems.flatMap((p) => p.fields))] });
  const key = dossierKeyOf(body);
  const previous = plan.dossiers?.[key];
  return {
    ok: true,
    entries: [
      {
        at, kind: DOSSIER_KIND, planId: plan.id, streamId: key, type: 'RECORD', by: by(actor), from: previous ? 'recorded' : '', to: 'recorded',
        mv: 1, payload: { row: body },
      },
    ],
  };
}

