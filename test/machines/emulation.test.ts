import { describe, expect, it } from 'vitest';
import { emulationVerdicts, type EmulationTask } from '../../machines/emulation';
import { isOnTime } from '../../machines/progress';

const late = (t: EmulationTask) => t.state === 'done' && !isOnTime(t);
const task = (code: string, unit: string, state: EmulationTask['state'], completedAt?: string): EmulationTask => ({
  code, ownerUnitId: unit, state, deadline: '2026-06-30', ...(completedAt ? { completedAt } : {}),
});

const tasks = [
  task('1.1', 'A', 'done', '2026-06-30T16:00:00Z'), // 23:00 on 30/06 in Hà Nội: on time
  task('1.2', 'A', 'cancelled'),
  task('2.1', 'B', 'done', '2026-06-30T17:30:00Z'), // 00:30 on 01/07 in Hà Nội: late
  task('2.2', 'B', 'done', '2026-05-01T03:00:00Z'),
  task('3.1', 'C', 'done', '2026-05-01T03:00:00Z'),
  task('3.2', 'C', 'inReview'),
];

describe('emulation verdicts', () => {
  it('all done → eligible; done late → with a note; not done → không xét thi đua', () => {
    const verdicts = emulationVerdicts(tasks, ['A', 'B', 'C', 'D'], late, undefined, true);
    expect(verdicts.map((v) => [v.unitId, v.verdict, v.done, v.doneLate, v.notDone, v.final])).toEqual([
      ['A', 'eligible', 1, 0, 0, true],
      ['B', 'eligibleWithNote', 2, 1, 0, true],
      ['C', 'notEligible', 1, 0, 1, true],
      ['D', 'eligible', 0, 0, 0, true],
    ]);
    expect(verdicts[1].note).toBe('1 nhiệm vụ hoàn thành trễ hạn (2.1)');
    expect(verdicts[2].note).toBe('1 nhiệm vụ chưa hoàn thành (3.2)');
    expect(verdicts[0].note).toBeUndefined();
  });

  it('follows the plan rule for late completions', () => {
    const strict = emulationVerdicts(tasks, ['B'], late, { late: 'notEligible' });
    expect(strict[0]).toMatchObject({ verdict: 'notEligible', final: false });
    const lenient = emulationVerdicts(tasks, ['B'], late, { late: 'eligible' });
    expect(lenient[0].verdict).toBe('eligible');
    expect(lenient[0].note).toBe('1 nhiệm vụ hoàn thành trễ hạn (2.1)');
  });

  it('a cancelled task never costs the unit', () => {
    expect(emulationVerdicts([task('9.9', 'X', 'cancelled')], ['X'], late)[0].verdict).toBe('eligible');
  });
});
