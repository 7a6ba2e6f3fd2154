import { describe, expect, it } from 'vitest';
import { roundPercent } from '../../machines/percent';
import {
  bandHundredths, buildParTree, compareCodes, findPar, parTotals, scoreParTree, scoreProblem, toHundredths,
  type ParCriterionDef,
} from '../../machines/parTree';

const manual = (code: string, maxPoints: number, unitId = 'VP'): ParCriterionDef => ({ code, title: `Tiêu chí ${code}`, maxPoints, unitId, method: 'manual' });
const parent = (code: string, maxPoints: number): ParCriterionDef => ({ code, title: `Lĩnh vực ${code}`, maxPoints, method: 'manual' });
const completion: ParCriterionDef = {
  code: '1.2', title: 'Mức độ hoàn thành kế hoạch CCHC', maxPoints: 1, unitId: 'VP', method: 'planCompletion',
  bands: [{ atLeast: 100, points: 1 }, { atLeast: 80, points: 0.5 }],
};

const defs = [parent('1', 3.5), manual('1.1', 2.5), completion, parent('2', 6), parent('2.1', 6), manual('2.1.1', 2.75, 'HCTP'), manual('2.1.2', 3.25, 'HCTP')];

function tree(list = defs) {
  const built = buildParTree(list);
  if (!built.ok) throw new Error(JSON.stringify(built.problems));
  return built.areas;
}

describe('the tree from codes', () => {
  it('nests by the dots and orders 1.10 after 1.9', () => {
    const areas = tree([...defs, parent('10', 1), manual('10.1', 1)]);
    expect(areas.map((a) => a.code)).toEqual(['1', '2', '10']);
    expect(areas[1].children[0].children.map((c) => c.code)).toEqual(['2.1.1', '2.1.2']);
    expect(['1.10', '1.9', '1.2.1', '1'].sort(compareCodes)).toEqual(['1', '1.2.1', '1.9', '1.10']);
  });

  it('refuses a parent whose maximum is not its children\'s sum, an orphan, a duplicate, a leaf without unit or bands', () => {
    const built = buildParTree([
      parent('1', 4), manual('1.1', 2.5), completion, manual('3.1', 1), manual('1.1', 1),
      { ...manual('2', 1), unitId: undefined }, { ...completion, code: '4', bands: [] }, manual('5', 1.005),
    ]);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems.map((p) => `${p.code}:${p.field}`).sort()).toEqual(['1.1:code', '1:maxPoints', '2:unitId', '3.1:code', '4:bands', '5:maxPoints']);
    expect(built.problems.find((p) => p.code === '1')?.message).toContain('3.5');
  });
});

describe('scores and totals', () => {
  it('sums exactly in hundredths: 2,75 + 3,25 = 6 and 0,1 + 0,2 = 0,3', () => {
    const scored = scoreParTree(tree(), { '1.1': { selfScore: 2.25 }, '2.1.1': { selfScore: 2.75 }, '2.1.2': { selfScore: 3.25 } }, { planCompletion: { num: 26, den: 28 } });
    expect(scored.map((a) => [a.code, a.selfH, a.maxH])).toEqual([['1', 225 + 50, 350], ['2', 600, 600]]);
    const totals = parTotals(scored);
    expect(totals).toEqual({ maxH: 950, selfH: 875, appraisedH: undefined, unscored: 0, unappraised: 4 });
    // Index = points ÷ maximum × 100, shown with the percent rule: 8,75 / 9,5 = 92,105… → 92,11.
    expect(roundPercent(totals.selfH, totals.maxH)).toBe(92.11);
    expect(toHundredths(0.1)! + toHundredths(0.2)!).toBe(30);
  });

  it('a computed leaf follows its data through the bands: 26/28 → 0,5; 28/28 → 1; 22/28 → 0; no data → unscored', () => {
    const leaf = (live: { num: number; den: number } | undefined) => findPar(scoreParTree(tree(), {}, { planCompletion: live }), '1.2')!.selfH;
    expect(leaf({ num: 26, den: 28 })).toBe(50);
    expect(leaf({ num: 28, den: 28 })).toBe(100);
    expect(leaf({ num: 22, den: 28 })).toBe(0);
    expect(leaf(undefined)).toBeUndefined();
    // Exactly at a band's edge counts: 4/5 = 80 % → 0,5.
    expect(bandHundredths(completion.bands!, { num: 4, den: 5 })).toBe(50);
    expect(bandHundredths(completion.bands!, { num: 3999, den: 5000 })).toBe(0);
  });

  it('a parent counts its leaves still unscored, and appraised points once any are recorded', () => {
    const scored = scoreParTree(tree(), { '2.1.1': { selfScore: 2, appraisedScore: 1.5 } }, {});
    expect(findPar(scored, '2')).toMatchObject({ selfH: 200, appraisedH: 150, unscored: 1, unappraised: 1 });
    expect(findPar(scored, '1')).toMatchObject({ selfH: undefined, unscored: 2 });
    expect(parTotals(scored)).toMatchObject({ selfH: 200, appraisedH: 150, unscored: 3, unappraised: 3 });
  });

  it('a typed score: 0 to the maximum, at most 2 decimals', () => {
    expect(scoreProblem(2.75, 2.75)).toBeUndefined();
    expect(scoreProblem(0, 2.75)).toBeUndefined();
    expect(scoreProblem(2.76, 2.75)).toContain('vượt');
    expect(scoreProblem(-0.25, 2.75)).toContain('âm');
    expect(scoreProblem(1.125, 2.75)).toContain('2 chữ số');
  });
});
