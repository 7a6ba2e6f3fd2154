import { describe, expect, it } from 'vitest';
import { allowedTargets, eventForMove, inputNeeded } from '../../../client/board/moves';

describe('moves read from the task machine', () => {
  it('maps each column move to its event', () => {
    expect(eventForMove('notStarted', 'inProgress')).toBe('START');
    expect(eventForMove('inProgress', 'inReview')).toBe('SUBMIT');
    expect(eventForMove('inReview', 'done')).toBe('APPROVE');
    expect(eventForMove('inReview', 'inProgress')).toBe('RETURN');
    expect(eventForMove('done', 'inProgress')).toBe('REOPEN');
    for (const from of ['notStarted', 'inProgress', 'inReview'] as const) expect(eventForMove(from, 'cancelled')).toBe('CANCEL');
  });

  it('has no event for moves the workflow does not have', () => {
    expect(eventForMove('notStarted', 'done')).toBeUndefined();
    expect(eventForMove('done', 'cancelled')).toBeUndefined();
    expect(eventForMove('cancelled', 'inProgress')).toBeUndefined();
    expect(eventForMove('inProgress', 'notStarted')).toBeUndefined();
  });

  it('knows which moves need a form', () => {
    expect(inputNeeded('SUBMIT')).toBe('evidence');
    expect(['RETURN', 'REOPEN', 'CANCEL'].map((e) => inputNeeded(e as never))).toEqual(['reason', 'reason', 'reason']);
    expect(inputNeeded('START')).toBeUndefined();
    expect(inputNeeded('APPROVE')).toBeUndefined();
  });

  it('turns the events the server allows into droppable columns', () => {
    expect([...allowedTargets({ state: 'inReview', allowedEvents: ['APPROVE', 'RETURN', 'CANCEL'] })]).toEqual([
      'done', 'inProgress', 'cancelled',
    ]);
    expect(allowedTargets({ state: 'inProgress', allowedEvents: [] }).size).toBe(0);
  });
});
