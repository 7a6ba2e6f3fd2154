import { describe, expect, it } from 'vitest';
import { PAR_CRITERION_ACTIONS, PAR_EVENT_TYPES, PAR_STATES, type ParCriterionAction, type ParEventType, type ParState } from '../../machines/par';
import { allowedCriterionActions, allowedParEvents, decideCriterion, decideParEvent, type CriterionFacts } from '../../machines/parDecision';
import type { Actor } from '../../machines/roles';
import { coordinator, headOf, inspector, leader, viewer } from './actors';

/*
 * The oracle: PRODUCT.md's and API.md's PAR workflow written out again here, independently of
 * machines/par.ts. draft → scoring (coordinator) → submitted (leader, every leaf scored) →
 * appraised (coordinator, every leaf appraised); REOPEN (leader, with a reason) from submitted or
 * appraised back to scoring.
 */
const MOVES: Record<ParState, Partial<Record<ParEventType, ParState>>> = {
  draft: { START_SCORING: 'scoring' },
  scoring: { SUBMIT: 'submitted' },
  submitted: { RECORD_APPRAISAL_DONE: 'appraised', REOPEN: 'scoring' },
  appraised: { REOPEN: 'scoring' },
};

const CAST: Record<string, { actor: Actor; may: ParEventType[] }> = {
  leader: { actor: leader, may: ['SUBMIT', 'REOPEN'] },
  coordinator: { actor: coordinator, may: ['START_SCORING', 'RECORD_APPRAISAL_DONE'] },
  'unit head': { actor: headOf('HCTP'), may: [] },
  inspector: { actor: inspector, may: [] },
  viewer: { actor: viewer, may: [] },
};

const AT = '2026-10-01T08:00:00+07:00';
const done = { unscored: 0, unappraised: 0 };
const expectedAllowed = (state: ParState, who: string) => PAR_EVENT_TYPES.filter((t) => CAST[who].may.includes(t) && MOVES[state][t]);

describe('decideParEvent: every state × event × actor against the product table', () => {
  const grid = PAR_STATES.flatMap((state) => PAR_EVENT_TYPES.flatMap((type) => Object.keys(CAST).map((who) => ({ state, type, who }))));
  it.each(grid)('$state + $type by $who', ({ state, type, who }) => {
    const decision = decideParEvent(state, { type, actor: CAST[who].actor, at: AT, reason: 'Bổ sung tài liệu', ...done });
    if (!CAST[who].may.includes(type)) expect(decision).toEqual({ ok: false, code: 'forbidden' });
    else if (!MOVES[state][type]) expect(decision).toEqual({ ok: false, code: 'transition_not_allowed', allowed: expectedAllowed(state, who) });
    else expect(decision).toEqual({ ok: true, next: MOVES[state][type] });
  });

  it.each(PAR_STATES.flatMap((state) => Object.keys(CAST).map((who) => ({ state, who }))))('allowed in $state for $who', ({ state, who }) => {
    expect(allowedParEvents(state, CAST[who].actor, done)).toEqual(expectedAllowed(state, who));
  });
});

describe('the facts that hold a step back', () => {
  it('SUBMIT waits for every leaf to be scored, and says so', () => {
    expect(decideParEvent('scoring', { type: 'SUBMIT', actor: leader, at: AT, unscored: 3, unappraised: 9 })).toEqual({
      ok: false, code: 'transition_not_allowed', allowed: [], blockedBy: 'unscored',
    });
    expect(allowedParEvents('scoring', leader, { unscored: 1, unappraised: 0 })).toEqual([]);
  });

  it('RECORD_APPRAISAL_DONE waits for every leaf to be appraised', () => {
    expect(decideParEvent('submitted', { type: 'RECORD_APPRAISAL_DONE', actor: coordinator, at: AT, unscored: 0, unappraised: 2 })).toEqual({
      ok: false, code: 'transition_not_allowed', allowed: [], blockedBy: 'unappraised',
    });
  });

  it('REOPEN needs a reason', () => {
    for (const reason of [undefined, '', '  ']) {
      expect(decideParEvent('submitted', { type: 'REOPEN', actor: leader, at: AT, reason, ...done })).toEqual({ ok: false, code: 'bad_request', field: 'reason' });
    }
  });
});

/*
 * Criterion actions, written out: EDIT (coordinator, leader) only in draft; SCORE (the leaf's unit
 * head, coordinator) only while scoring and only a manual leaf; APPRAISE (coordinator) only once
 * submitted; CREATE_TASK (coordinator, leader) once there are scores, on a leaf below its maximum.
 */
const WHERE: Record<ParCriterionAction, ParState[]> = {
  EDIT: ['draft'],
  SCORE: ['scoring'],
  APPRAISE: ['submitted'],
  CREATE_TASK: ['scoring', 'submitted', 'appraised'],
};
const WHO: Record<string, { actor: Actor; may: ParCriterionAction[] }> = {
  leader: { actor: leader, may: ['EDIT', 'CREATE_TASK'] },
  coordinator: { actor: coordinator, may: ['EDIT', 'SCORE', 'APPRAISE', 'CREATE_TASK'] },
  "the leaf's unit head": { actor: headOf('HCTP'), may: ['SCORE'] },
  'another unit head': { actor: headOf('VP'), may: [] },
  inspector: { actor: inspector, may: [] },
};
const leaf: CriterionFacts = { unitId: 'HCTP', isLeaf: true, method: 'manual', belowMaximum: true };

describe('decideCriterion: every state × action × actor on a manual leaf below its maximum', () => {
  const grid = PAR_STATES.flatMap((state) => PAR_CRITERION_ACTIONS.flatMap((action) => Object.keys(WHO).map((who) => ({ state, action, who }))));
  it.each(grid)('$action in $state by $who', ({ state, action, who }) => {
    const decision = decideCriterion(state, action, WHO[who].actor, leaf);
    const allowedNow = PAR_CRITERION_ACTIONS.filter((a) => WHO[who].may.includes(a) && WHERE[a].includes(state));
    if (!WHO[who].may.includes(action)) expect(decision).toEqual({ ok: false, code: 'forbidden' });
    else if (!WHERE[action].includes(state)) expect(decision).toEqual({ ok: false, code: 'transition_not_allowed', allowed: allowedNow });
    else expect(decision).toEqual({ ok: true });
    expect(allowedCriterionActions(state, WHO[who].actor, leaf)).toEqual(allowedNow);
  });

  it('a computed leaf is never typed; a parent is never scored; a leaf at its maximum needs no task', () => {
    expect(decideCriterion('scoring', 'SCORE', coordinator, { ...leaf, method: 'planCompletion' })).toMatchObject({ ok: false, blockedBy: 'computed' });
    expect(decideCriterion('scoring', 'SCORE', headOf('HCTP'), { ...leaf, method: 'dossierOnTime' })).toMatchObject({ ok: false, blockedBy: 'computed' });
    expect(decideCriterion('scoring', 'SCORE', coordinator, { ...leaf, isLeaf: false })).toMatchObject({ ok: false, blockedBy: 'notALeaf' });
    expect(decideCriterion('appraised', 'CREATE_TASK', leader, { ...leaf, belowMaximum: false })).toMatchObject({ ok: false, blockedBy: 'atMaximum' });
    expect(decideCriterion('draft', 'EDIT', coordinator, { ...leaf, isLeaf: false })).toEqual({ ok: true });
  });
});
