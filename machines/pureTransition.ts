import { createActor, type AnyActorScope, type AnyStateMachine, type EventFromLogic, type SnapshotFrom } from 'xstate';

const noop = () => {};
const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

/**
 * The next snapshot of `machine` for `event`, with nothing executed: xstate's `transition()`, but
 * with one inert actor scope per machine instead of a throwaway actor (and its initial snapshot)
 * built on every call — a decision runs per request, and that set-up was most of its cost. Safe
 * because these machines only assign: they spawn, invoke, raise and emit nothing, so the scope
 * carries nothing from one call to the next (the rule-grid tests run every decision through it).
 */
export function pureTransition<M extends AnyStateMachine>(machine: M, snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): SnapshotFrom<M> {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    scope = { self, id: '', sessionId: '', system: self.system, defer: noop, logger: noop, stopChild: noop, emit: noop, actionExecutor: noop } as AnyActorScope;
    scopes.set(machine, scope);
  }
  return machine.transition(snapshot, event, scope) as SnapshotFrom<M>;
}
