import { describe, expect, it } from 'vitest';
import type { Task } from '../../../machines/api';
import { boardReducer, initialBoardState, type BoardState } from '../../../client/board/boardState';
import { createGrouper, defaultFilters, groupTasks } from '../../../client/board/grouping';
import type { PlanDetail } from '../../../machines/api';

function task(code: string, over: Partial<Task> = {}): Task {
  return {
    id: `p-${code}`,
    planId: 'p',
    areaId: `area-${code.split('.')[0]}`,
    code,
    title: `Nhiệm vụ ${code}`,
    ownerUnitId: 'HCTP',
    coordinatingUnitIds: [],
    output: '',
    deadline: '2026-12-15',
    state: 'notStarted',
    version: 1,
    overdue: false,
    allowedEvents: [],
    ...over,
  };
}

function loaded(tasks: Task[]): BoardState {
  const plan = {
    id: 'p', year: 2026, title: 'KH', status: 'issued', agency: { code: 'STP', name: 'Sở' }, version: 1,
    settings: { percentRule: { mode: 'halfUp', decimals: 2 } }, allowedEvents: [],
    areas: [1, 2, 3].map((n) => ({ id: `area-${n}`, code: String(n), name: `Lĩnh vực ${n}` })),
    units: [{ id: 'HCTP', code: 'HCTP', name: 'Phòng Hành chính tư pháp' }, { id: 'VP', code: 'VP', name: 'Văn phòng Sở' }],
    tasks,
  } satisfies PlanDetail;
  return boardReducer(initialBoardState, { type: 'planLoaded', plan });
}

const ctx = (state: BoardState, myUnitId: string | null = 'HCTP') => ({
  areas: state.plan!.areas, units: state.plan!.units, myUnitId,
});
const codes = (tasks: Task[]) => tasks.map((t) => t.code);

describe('groupTasks', () => {
  const tasks = [
    task('1.10', { title: 'Số hóa hồ sơ thủ tục hành chính' }),
    task('1.2', { state: 'inProgress', overdue: true }),
    task('2.1', { state: 'done', ownerUnitId: 'VP' }),
    task('1.9', { state: 'cancelled' }),
    task('3.1', { ownerUnitId: 'VP', title: 'Đào tạo, bồi dưỡng' }),
  ];
  const state = loaded(tasks);

  it('sorts codes numerically, part by part (1.2 < 1.9 < 1.10 < 2.1)', () => {
    const all = groupTasks(state, { ...defaultFilters, showCancelled: true }, ctx(state)).lanes[0].columns;
    expect(codes(all.notStarted)).toEqual(['1.10', '3.1']);
    expect(state.order.map((id) => state.tasks.get(id)!.code)).toEqual(['1.2', '1.9', '1.10', '2.1', '3.1']);
  });

  it('hides cancelled tasks unless asked, and counts what is shown', () => {
    const hidden = groupTasks(state, defaultFilters, ctx(state));
    expect(hidden.states).toEqual(['notStarted', 'inProgress', 'inReview', 'done']);
    expect(hidden.shown).toBe(4);
    const shown = groupTasks(state, { ...defaultFilters, showCancelled: true }, ctx(state));
    expect(shown.states).toContain('cancelled');
    expect(codes(shown.lanes[0].columns.cancelled)).toEqual(['1.9']);
  });

  it('searches code and title without diacritics (đ included)', () => {
    const search = (query: string) => groupTasks(state, { ...defaultFilters, query }, ctx(state)).shown;
    expect(search('so hoa ho so')).toBe(1);
    expect(search('SỐ HÓA')).toBe(1);
    expect(search('dao tao')).toBe(1);
    expect(search('1.1')).toBe(1); // 1.10 only; 1.2 does not contain "1.1"
    expect(search('không có')).toBe(0);
  });

  it('filters by area, unit, my unit and overdue', () => {
    const shown = (f: Partial<typeof defaultFilters>, mine: string | null = 'HCTP') =>
      groupTasks(state, { ...defaultFilters, ...f }, ctx(state, mine)).shown;
    expect(shown({ areaId: 'area-1' })).toBe(2);
    expect(shown({ unitId: 'VP' })).toBe(2);
    expect(shown({ mine: true })).toBe(2);
    expect(shown({ overdueOnly: true })).toBe(1);
  });

  it('builds swimlanes in the plan order, leaving out empty lanes', () => {
    const lanes = groupTasks(state, { ...defaultFilters, lanes: 'unit' }, ctx(state)).lanes;
    expect(lanes.map((l) => [l.key, l.count])).toEqual([['HCTP', 2], ['VP', 2]]);
    const areas = groupTasks(state, { ...defaultFilters, lanes: 'area' }, ctx(state)).lanes;
    expect(areas.map((l) => l.title)).toEqual(['1 · Lĩnh vực 1', '2 · Lĩnh vực 2', '3 · Lĩnh vực 3']);
  });

  it('shows an optimistic move in its target column until settled', () => {
    const moving = boardReducer(state, { type: 'optimistic', taskId: 'p-1.10', state: 'inProgress' });
    expect(codes(groupTasks(moving, defaultFilters, ctx(moving)).lanes[0].columns.inProgress)).toEqual(['1.2', '1.10']);
    const back = boardReducer(moving, { type: 'settled', taskId: 'p-1.10' });
    expect(codes(groupTasks(back, defaultFilters, ctx(back)).lanes[0].columns.inProgress)).toEqual(['1.2']);
  });
});

describe('boardReducer', () => {
  const state = loaded([task('1.1'), task('1.2')]);

  it('replaces one task and keeps every other task object (so memoised cards skip)', () => {
    const before = state.tasks.get('p-1.2');
    const next = boardReducer(state, { type: 'task', task: task('1.1', { state: 'inProgress', version: 2 }) });
    expect(next.tasks.get('p-1.1')!.state).toBe('inProgress');
    expect(next.tasks.get('p-1.2')).toBe(before);
    expect(next.order).toBe(state.order);
  });

  it('never goes back to an older version (the POST answer and the stream race)', () => {
    const v3 = boardReducer(state, { type: 'task', task: task('1.1', { state: 'inReview', version: 3 }) });
    const stale = boardReducer(v3, { type: 'task', task: task('1.1', { state: 'inProgress', version: 2 }) });
    expect(stale).toBe(v3);
  });

  it('keeps unchanged task objects across a refetch', () => {
    const { tasks: _t, ...rest } = { ...state.plan!, tasks: [] as Task[] };
    const refetched = boardReducer(state, {
      type: 'planLoaded',
      plan: { ...rest, tasks: [task('1.1'), task('1.2', { version: 2, state: 'inProgress' })] },
    });
    expect(refetched.tasks.get('p-1.1')).toBe(state.tasks.get('p-1.1'));
    expect(refetched.tasks.get('p-1.2')!.version).toBe(2);
  });

  it('ignores tasks and progress of another plan', () => {
    expect(boardReducer(state, { type: 'task', task: task('9.9', { planId: 'other' }) })).toBe(state);
    const progress = { ...state.progress } as never;
    expect(boardReducer(state, { type: 'progress', planId: 'other', progress })).toBe(state);
  });
});

describe('createGrouper', () => {
  const STATES = ['notStarted', 'inProgress', 'inReview', 'done', 'cancelled'] as const;
  const many = Array.from({ length: 60 }, (_, i) =>
    task(`${1 + (i % 3)}.${i + 1}`, {
      state: STATES[i % 5],
      ownerUnitId: i % 4 === 0 ? 'VP' : 'HCTP',
      overdue: i % 7 === 0,
      title: i % 6 === 0 ? `Số hóa hồ sơ ${i}` : `Nhiệm vụ ${i}`,
    }),
  );
  /** What the board would show, as plain data, to compare a patched grouping with a full pass. */
  const view = (g: ReturnType<typeof groupTasks>) => ({
    shown: g.shown,
    states: g.states,
    lanes: g.lanes.map((lane) => ({
      key: lane.key,
      title: lane.title,
      count: lane.count,
      columns: Object.fromEntries(g.states.map((s) => [s, lane.columns[s].map((t) => `${t.code}@${t.state}v${t.version}`)])),
    })),
  });

  it('patches moves to exactly what a full pass gives, under every filter and lane mode', () => {
    const filterSets = [
      defaultFilters,
      { ...defaultFilters, showCancelled: true },
      { ...defaultFilters, lanes: 'unit' as const },
      { ...defaultFilters, lanes: 'area' as const, showCancelled: true },
      { ...defaultFilters, mine: true, overdueOnly: false, query: 'so hoa' },
      { ...defaultFilters, areaId: 'area-2', lanes: 'unit' as const },
      { ...defaultFilters, overdueOnly: true, lanes: 'unit' as const },
    ];
    let state = loaded(many);
    const groupers = filterSets.map(() => createGrouper());
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let step = 0; step < 400; step++) {
      const id = `p-${many[rand(many.length)].code}`;
      const current = state.tasks.get(id)!;
      const kind = rand(4);
      if (kind === 0) state = boardReducer(state, { type: 'optimistic', taskId: id, state: STATES[rand(5)] });
      else if (kind === 1) state = boardReducer(state, { type: 'settled', taskId: id });
      else if (kind === 2) {
        state = boardReducer(state, {
          type: 'task',
          task: { ...current, version: current.version + 1, state: STATES[rand(5)], overdue: rand(3) === 0 },
        });
      } else {
        // A hand-over to another unit moves the card to another swimlane (or empties one).
        state = boardReducer(state, {
          type: 'task',
          task: { ...current, version: current.version + 1, ownerUnitId: rand(2) ? 'VP' : 'HCTP', state: STATES[rand(5)] },
        });
      }
      filterSets.forEach((filters, i) => {
        const c = ctx(state);
        expect(view(groupers[i](state, filters, c)), `step ${step}, filters ${i}`).toEqual(view(groupTasks(state, filters, c)));
      });
    }
  });

  it('keeps the columns nothing moved in, and the same grouping when nothing changed', () => {
    const state = loaded(many);
    const group = createGrouper();
    const c = ctx(state);
    const before = group(state, defaultFilters, c);
    expect(group(state, defaultFilters, c)).toBe(before);
    const id = before.lanes[0].columns.notStarted[0].id;
    const moving = boardReducer(state, { type: 'optimistic', taskId: id, state: 'inProgress' });
    const after = group(moving, defaultFilters, c);
    expect(after.lanes[0].columns.inReview).toBe(before.lanes[0].columns.inReview);
    expect(after.lanes[0].columns.done).toBe(before.lanes[0].columns.done);
    expect(after.lanes[0].columns.notStarted).not.toBe(before.lanes[0].columns.notStarted);
    expect(after.lanes[0].columns.inProgress.map((t) => t.id)).toContain(id);
    // The optimistic copy is kept while nothing about it changes (its card need not re-render).
    const shownCopy = after.lanes[0].columns.inProgress.find((t) => t.id === id);
    const again = group({ ...moving, pending: new Map(moving.pending) }, defaultFilters, c);
    expect(again.lanes[0].columns.inProgress.find((t) => t.id === id)).toBe(shownCopy);
  });
});
