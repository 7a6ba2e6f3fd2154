/**
 * The PAR Index as data (PRODUCT.md, The PAR Index self-assessment): areas → criteria →
 * sub-criteria, each with maximum points; each leaf is scored by a unit or computed from live data
 * through bands the province sets. Index schemes change (2022, 2025), so nothing here knows a
 * scheme: codes ("1", "1.2", "1.2.3") give the tree.
 *
 * Points have at most two decimals. All arithmetic is in hundredths of a point (integers), so a
 * total of many 0,25 and 0,5 scores is exact and 92,62 stays 92,62.
 */

export const PAR_METHODS = ['manual', 'planCompletion', 'dossierOnTime'] as const;
export type ParMethod = (typeof PAR_METHODS)[number];

/** At least `atLeast` percent → `points` (the highest band reached counts; below every band: 0). */
export interface ParBand {
  atLeast: number;
  points: number;
}

/** One criterion as defined (the structure frozen at START_SCORING). */
export interface ParCriterionDef {
  code: string;
  title: string;
  maxPoints: number;
  unitId?: string;
  method: ParMethod;
  bands?: ParBand[];
}

/** A leaf's self score and appraisal as recorded. */
export interface ParLeafScore {
  selfScore?: number;
  explanation?: string;
  appraisedScore?: number;
  appraisalNote?: string;
}

/** The live figures computed leaves read: each an exact fraction (den 0: no data yet). */
export interface ParLiveData {
  planCompletion?: { num: number; den: number };
  dossierOnTime?: { num: number; den: number };
}

export interface ParProblem {
  code: string;
  field: 'code' | 'title' | 'maxPoints' | 'unitId' | 'method' | 'bands';
  message: string;
}

/** Hundredths of a point, or undefined when the value has more than two decimals or is not finite. */
export function toHundredths(points: number): number | undefined {
  if (!Number.isFinite(points)) return undefined;
  const scaled = Math.round(points * 100);
  return Math.abs(scaled - points * 100) < 1e-6 ? scaled : undefined;
}

export const fromHundredths = (hundredths: number): number => hundredths / 100;

const CODE = /^\d+(\.\d+)*$/;

export function parentCode(code: string): string | undefined {
  const cut = code.lastIndexOf('.');
  return cut < 0 ? undefined : code.slice(0, cut);
}

/** "1.10" after "1.9": codes compare segment by segment as numbers. */
export function compareCodes(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

export interface ParTreeNode extends ParCriterionDef {
  children: ParTreeNode[];
}

/**
 * The tree of a list of criteria, or the problems that keep it from being one. A parent's maximum
 * is the sum of its children's: one given that differs is a problem, not silently replaced.
 */
export function buildParTree(defs: readonly ParCriterionDef[]): { ok: true; areas: ParTreeNode[] } | { ok: false; problems: ParProblem[] } {
  const problems: ParProblem[] = [];
  const byCode = new Map<string, ParTreeNode>();
  for (const def of defs) {
    if (!CODE.test(def.code)) problems.push({ code: def.code, field: 'code', message: 'Mã phải là các số cách nhau bởi dấu chấm, ví dụ 1.2.3' });
    else if (byCode.has(def.code)) problems.push({ code: def.code, field: 'code', message: `Mã ${def.code} bị trùng` });
    else byCode.set(def.code, { ...def, children: [] });
  }
  const areas: ParTreeNode[] = [];
  for (const node of [...byCode.values()].sort((a, b) => compareCodes(a.code, b.code))) {
    const parent = parentCode(node.code);
    if (parent === undefined) areas.push(node);
    else if (byCode.has(parent)) byCode.get(parent)!.children.push(node);
    else problems.push({ code: node.code, field: 'code', message: `Không có tiêu chí cha ${parent}` });
  }
  for (const node of byCode.values()) problems.push(...nodeProblems(node));
  return problems.length ? { ok: false, problems } : { ok: true, areas };
}

function nodeProblems(node: ParTreeNode): ParProblem[] {
  const problems: ParProblem[] = [];
  const at = (field: ParProblem['field'], message: string) => problems.push({ code: node.code, field, message });
  if (!node.title.trim()) at('title', 'Thiếu tên tiêu chí');
  const max = toHundredths(node.maxPoints);
  if (max === undefined || max <= 0) at('maxPoints', 'Điểm tối đa phải lớn hơn 0, tối đa 2 chữ số thập phân');
  if (node.children.length) {
    const sum = node.children.reduce((total, child) => total + (toHundredths(child.maxPoints) ?? 0), 0);
    if (max !== undefined && max !== sum) {
      at('maxPoints', `Điểm tối đa ${node.maxPoints} khác tổng điểm các tiêu chí con (${fromHundredths(sum)})`);
    }
    return problems;
  }
  if (!node.unitId) at('unitId', 'Tiêu chí lá cần đơn vị chấm');
  if (node.method !== 'manual') {
    if (!node.bands?.length) at('bands', 'Tiêu chí tính tự động cần thang điểm');
    for (const band of node.bands ?? []) {
      const points = toHundredths(band.points);
      if (points === undefined || points < 0 || (max !== undefined && points > max)) at('bands', `Điểm của mức ${band.atLeast}% phải từ 0 đến điểm tối đa`);
      if (!(band.atLeast >= 0 && band.atLeast <= 100)) at('bands', 'Mức phần trăm phải từ 0 đến 100');
    }
  }
  return problems;
}

/** Why a typed score is refused, if it is: below 0, above the maximum, or more than two decimals. */
export function scoreProblem(score: number, maxPoints: number): string | undefined {
  const value = toHundredths(score);
  if (value === undefined) return 'Điểm có tối đa 2 chữ số thập phân';
  if (value < 0) return 'Điểm không được âm';
  if (value > (toHundredths(maxPoints) ?? 0)) return `Điểm không được vượt điểm tối đa (${maxPoints})`;
  return undefined;
}

/** Points from bands for an exact percentage num/den × 100; no data (den 0) scores nothing yet. */
export function bandHundredths(bands: readonly ParBand[], fraction: { num: number; den: number } | undefined): number | undefined {
  if (!fraction || fraction.den <= 0) return undefined;
  let best: number | undefined;
  for (const band of bands) {
    // num/den × 100 ≥ atLeast, compared without division: num × 100 × 100 ≥ atLeast(hundredths) × den.
    const reached = fraction.num * 10000 >= Math.round(band.atLeast * 100) * fraction.den;
    const points = toHundredths(band.points) ?? 0;
    if (reached && (best === undefined || points > best)) best = points;
  }
  return best ?? 0;
}

/** A node with its points worked out, in hundredths. */
export interface ScoredParNode extends ParTreeNode {
  children: ScoredParNode[];
  maxH: number;
  /** Undefined on a leaf with no score yet; a parent sums the scored leaves below it. */
  selfH?: number;
  appraisedH?: number;
  score: ParLeafScore;
  /** Leaves below (itself, for a leaf) without a self score / without an appraised score. */
  unscored: number;
  unappraised: number;
}

/** Scores the tree: typed leaves from `scores`, computed leaves from `live` through their bands. */
export function scoreParTree(
  areas: readonly ParTreeNode[],
  scores: Readonly<Record<string, ParLeafScore>>,
  live: ParLiveData,
): ScoredParNode[] {
  const visit = (node: ParTreeNode): ScoredParNode => {
    const score = scores[node.code] ?? {};
    if (!node.children.length) {
      const selfH =
        node.method === 'manual'
          ? score.selfScore === undefined ? undefined : toHundredths(score.selfScore)
          : bandHundredths(node.bands ?? [], live[node.method]);
      const appraisedH = score.appraisedScore === undefined ? undefined : toHundredths(score.appraisedScore);
      return {
        ...node, children: [], score, maxH: toHundredths(node.maxPoints) ?? 0, selfH, appraisedH,
        unscored: selfH === undefined ? 1 : 0, unappraised: appraisedH === undefined ? 1 : 0,
      };
    }
    const children = node.children.map(visit);
    const sum = (pick: (c: ScoredParNode) => number | undefined) =>
      children.some((c) => pick(c) !== undefined) ? children.reduce((t, c) => t + (pick(c) ?? 0), 0) : undefined;
    return {
      ...node, children, score,
      maxH: children.reduce((t, c) => t + c.maxH, 0),
      selfH: sum((c) => c.selfH),
      appraisedH: sum((c) => c.appraisedH),
      unscored: children.reduce((t, c) => t + c.unscored, 0),
      unappraised: children.reduce((t, c) => t + c.unappraised, 0),
    };
  };
  return areas.map(visit);
}

/** The index's totals: points ÷ maximum × 100 as exact fractions of hundredths. */
export function parTotals(areas: readonly ScoredParNode[]): {
  maxH: number; selfH: number; appraisedH?: number; unscored: number; unappraised: number;
} {
  const maxH = areas.reduce((t, a) => t + a.maxH, 0);
  const selfH = areas.reduce((t, a) => t + (a.selfH ?? 0), 0);
  const anyAppraised = areas.some((a) => a.appraisedH !== undefined);
  return {
    maxH,
    selfH,
    appraisedH: anyAppraised ? areas.reduce((t, a) => t + (a.appraisedH ?? 0), 0) : undefined,
    unscored: areas.reduce((t, a) => t + a.unscored, 0),
    unappraised: areas.reduce((t, a) => t + a.unappraised, 0),
  };
}

/** Every node, depth first, in code order. */
export function* walkPar<N extends { children: N[] }>(nodes: readonly N[]): Generator<N> {
  for (const node of nodes) {
    yield node;
    yield* walkPar(node.children);
  }
}

export function findPar<N extends { code: string; children: N[] }>(nodes: readonly N[], code: string): N | undefined {
  for (const node of walkPar(nodes)) if (node.code === code) return node;
  return undefined;
}
