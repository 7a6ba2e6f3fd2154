import type { AnyStateMachine } from 'xstate';

/**
 * A flat machine's transitions as a table, compiled once from its own definition: for each state and
 * event type, the candidate transitions in order, each with its guard and its assign actions, read
 * from the machine's config and implementations. Deciding from it is a lookup, a guard call and a
 * context merge, where xstate's `transition()` builds a snapshot and walks its state graph for every
 * request (a tenth of a move's server time, bench:profile). Nothing is restated: targets, guards and
 * assignments are the machine's own objects, and the compiler refuses any feature it would not
 * reproduce (nested states, entry/exit, delays, invocations, actions other than assign), so a later
 * change to a machine cannot silently drift from xstate's answer. test/machines/transitionTable.test.ts
 * checks every state × event × actor against xstate itself.
 */

type Args<C, E> = { context: C; event: E };
type Guard<C, E> = (args: Args<C, E>, params: unknown) => boolean;
type Assignment<C, E> = ((args: Args<C, E>, params: unknown) => Partial<C>) | Record<string, unknown>;

interface Candidate<C, E> {
  target: string;
  guard?: Guard<C, E>;
  assignments: Assignment<C, E>[];
}

export interface TransitionTable<C extends object, E extends { type: string }> {
  /** The state and context `event` leads to from (value, context), or undefined when the machine takes no such transition. */
  next(value: string, context: C, event: E): { value: string; context: C } | undefined;
  /** xstate's `snapshot.can(event)`. */
  can(value: string, context: C, event: E): boolean;
}

interface RawTransition {
  target?: string | string[];
  guard?: unknown;
  actions?: unknown;
  reenter?: boolean;
}

const UNSUPPORTED_STATE_KEYS = ['states', 'entry', 'exit', 'always', 'after', 'invoke', 'initial', 'history'] as const;

export function compileTransitions<C extends object, E extends { type: string }>(machine: AnyStateMachine): TransitionTable<C, E> {
  const fail = (what: string): never => {
    throw new Error(`compileTransitions(${machine.id}): ${what} is not supported; decide with xstate's transition() instead`);
  };
  const { guards = {}, actions = {} } = machine.implementations as { guards?: Record<string, unknown>; actions?: Record<string, unknown> };
  const guardOf = (guard: unknown): Guard<C, E> | undefined => {
    if (guard === undefined) return undefined;
    if (typeof guard === 'function') return guard as Guard<C, E>;
    const name = typeof guard === 'string' ? guard : (guard as { type?: unknown }).type;
    const impl = typeof name === 'string' ? guards[name] : undefined;
    if (typeof impl !== 'function' || (typeof guard === 'object' && 'params' in (guard as object))) fail(`guard ${JSON.stringify(guard)}`);
    return impl as Guard<C, E>;
  };
  const assignmentOf = (action: unknown): Assignment<C, E> => {
    const impl = typeof action === 'string' ? actions[action] : action;
    const assign = impl as { type?: string; assignment?: Assignment<C, E> } | undefined;
    if (!assign || assign.type !== 'xstate.assign' || assign.assignment === undefined) fail(`action ${String(action)}`);
    return assign!.assignment!;
  };

  const states = (machine.config.states ?? {}) as Record<string, Record<string, unknown> & { on?: Record<string, unknown>; type?: string }>;
  const table = new Map<string, Map<string, Candidate<C, E>[]>>();
  for (const [name, node] of Object.entries(states)) {
    for (const key of UNSUPPORTED_STATE_KEYS) if (node[key] !== undefined) fail(`state ${name}'s ${key}`);
    if (node.type !== undefined && node.type !== 'atomic' && node.type !== 'final') fail(`state ${name} of type ${node.type}`);
    const rows = new Map<string, Candidate<C, E>[]>();
    for (const [type, raw] of Object.entries(node.on ?? {})) {
      if (type.includes('*') || type.includes('.')) fail(`event descriptor ${type}`);
      const list = (Array.isArray(raw) ? raw : [raw]).map((t) => (typeof t === 'string' ? { target: t } : t) as RawTransition);
      rows.set(
        type,
        list.map((t) => {
          if (typeof t.target !== 'string' || !Object.hasOwn(states, t.target)) fail(`state ${name}'s ${type} target ${JSON.stringify(t.target)}`);
          const acts = t.actions === undefined ? [] : Array.isArray(t.actions) ? t.actions : [t.actions];
          return { target: t.target as string, guard: guardOf(t.guard), assignments: acts.map(assignmentOf) };
        }),
      );
    }
    table.set(name, rows);
  }

  const chosen = (value: string, context: C, event: E): Candidate<C, E> | undefined => {
    const candidates = table.get(value)?.get(event.type);
    if (!candidates) return undefined;
    const args = { context, event };
    return candidates.find((c) => !c.guard || c.guard(args, undefined));
  };

  return {
    next(value, context, event) {
      const candidate = chosen(value, context, event);
      if (!candidate) return undefined;
      let next = context;
      // As xstate's assign does: each assignment sees the context as the previous one left it, and
      // its result is merged over a copy (a key set to undefined stays, present and undefined).
      for (const assignment of candidate.assignments) {
        const args = { context: next, event };
        let update: Partial<C>;
        if (typeof assignment === 'function') update = assignment(args, undefined);
        else {
          update = {};
          for (const key of Object.keys(assignment)) {
            const prop = assignment[key];
            (update as Record<string, unknown>)[key] = typeof prop === 'function' ? prop(args, undefined) : prop;
          }
        }
        next = Object.assign({}, next, update);
      }
      return { value: candidate.target, context: next };
    },
    can: (value, context, event) => chosen(value, context, event) !== undefined,
  };
}
