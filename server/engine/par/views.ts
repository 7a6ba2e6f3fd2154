import { dossierRates, dossierTotals, ratePercents, sumCounts, yearToDate, type DossierPeriod, type Fraction } from '../../../machines/dossiers';
import type { DossierReport, DossierRow, ParIndex, ParIndexSummary, ParNode } from '../../../machines/parApi';
import { allowedCriterionActions, allowedParEvents, type CriterionFacts, type ParFacts } from '../../../machines/parDecision';
import { buildParTree, findPar, fromHundredths, parTotals, scoreParTree, walkPar, type ParLiveData, type ScoredParNode } from '../../../machines/parTree';
import type { Actor } from '../../../machines/roles';
import type { PlanRecord } from '../records';
import { progressOf } from '../views';
import type { DossierRecord, ParRecord } from './records';

/** The live figures an index's computed leaves read. */
export type ParLive = ParLiveData;

export function dossierRows(plan: PlanRecord): DossierRow[] {
  return Object.values(plan.dossiers ?? {}).map(({ version: _v, ...row }: DossierRecord) => row);
}

export function liveOf(plan: PlanRecord, now: Date): ParLive {
  const progress = progressOf(plan, now);
  const counts = yearToDate(dossierRows(plan), plan.year);
  const onTime: Fraction | undefined = counts && dossierRates(counts).onTimeOrEarly;
  return {
    planCompletion: { num: progress.done, den: progress.total - progress.cancelled },
    ...(onTime ? { dossierOnTime: onTime } : {}),
  };
}

function scored(index: ParRecord, live: ParLive): ScoredParNode[] {
  const tree = buildParTree(index.criteria);
  // A draft may be mid-edit; a tree that does not build shows as a flat list until mended.
  const areas = tree.ok ? tree.areas : index.criteria.map((c) => ({ ...c, children: [] }));
  return scoreParTree(areas, index.leaves, live);
}

export function parFacts(index: ParRecord, live: ParLive): ParFacts {
  const { unscored, unappraised } = parTotals(scored(index, live));
  return { unscored, unappraised };
}

function factsOf(node: ScoredParNode): CriterionFacts {
  const points = node.appraisedH ?? node.selfH;
  return { unitId: node.unitId, isLeaf: node.children.length === 0, method: node.method, belowMaximum: points !== undefined && points < node.maxH };
}

export function criterionFacts(index: ParRecord, code: string, live: ParLive): CriterionFacts {
  const node = findPar(scored(index, live), code);
  return node ? factsOf(node) : { isLeaf: false, method: 'manual', belowMaximum: false };
}

const pointsOf = (h: number | undefined) => (h === undefined ? undefined : fromHundredths(h));

export function parSummary(index: ParRecord, live: ParLive): ParIndexSummary & { areas: ScoredParNode[] } {
  const areas = scored(index, live);
  const totals = parTotals(areas);
  return {
    id: index.id, year: index.year, title: index.title, planId: index.planId, status: index.state, version: index.version,
    maxPoints: fromHundredths(totals.maxH), selfPoints: fromHundredths(totals.selfH),
    selfPercent: totals.maxH ? (totals.selfH / totals.maxH) * 100 : 0,
    ...(totals.appraisedH === undefined ? {} : {
      appraisedPoints: fromHundredths(totals.appraisedH),
      appraisedPercent: totals.maxH ? (totals.appraisedH / totals.maxH) * 100 : 0,
    }),
    areas,
  };
}

/** API.md's ParIndex for this actor: the tree with points, evidence and what each node allows now. */
export function parView(plan: PlanRecord, index: ParRecord, actor: Actor, now: Date): ParIndex {
  const live = liveOf(plan, now);
  const { areas, ...summary } = parSummary(index, live);
  const tasksOf = (code: string) =>
    plan.taskIds.filter((id) => {
      const source = plan.tasks[id].source;
      return !!source && 'parIndexId' in source && source.parIndexId === index.id && source.criterion === code;
    });
  const node = (n: ScoredParNode): ParNode => {
    const leaf = index.leaves[n.code];
    const isLeaf = n.children.length === 0;
    const taskIds = isLeaf ? tasksOf(n.code) : [];
    return {
      code: n.code, title: n.title, maxPoints: n.maxPoints,
      ...(isLeaf ? {} : { children: n.children.map(node) }),
      ...(n.unitId ? { unitId: n.unitId } : {}),
      method: n.method,
      ...(n.bands ? { bands: n.bands } : {}),
      ...(n.selfH === undefined ? {} : { selfScore: pointsOf(n.selfH) }),
      ...(leaf?.explanation ? { explanation: leaf.explanation } : {}),
      files: leaf?.files ?? [],
      ...(n.appraisedH === undefined ? {} : { appraisedScore: pointsOf(n.appraisedH) }),
      ...(leaf?.appraisalNote ? { appraisalNote: leaf.appraisalNote } : {}),
      ...(taskIds.length ? { taskIds } : {}),
      version: leaf?.version ?? 1,
      allowedEvents: allowedCriterionActions(index.state, actor, factsOf(n)),
    };
  };
  return {
    ...summary,
    ...(index.reopenReason ? { reopenReason: index.reopenReason } : {}),
    allowedEvents: allowedParEvents(index.state, actor, parTotals(areas)),
    areas: areas.map(node),
  };
}

export function parIndexesOf(plan: PlanRecord): ParRecord[] {
  return Object.values(plan.par ?? {}).sort((a, b) => a.number - b.number);
}

/** Every leaf, for counting and exports. */
export function leavesOf(index: ParRecord, live: ParLive): ScoredParNode[] {
  return [...walkPar(scored(index, live))].filter((n) => n.children.length === 0);
}

/** API.md's dossier report: the rows of a year (and period), and their totals with every rate. */
export function dossierReport(rows: readonly DossierRow[], year: number | undefined, period: DossierPeriod | undefined): DossierReport {
  const chosen = rows.filter((r) => (year === undefined || r.year === year) && (period === undefined || r.period === period));
  const counts = sumCounts(chosen);
  return { rows: chosen, totals: { ...counts, ...dossierTotals(counts), rates: ratePercents(dossierRates(counts)) } };
}
