import { startTransition, useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Task } from '../../machines/api';
import type { TaskEventType } from '../../machines/task';
import { api, ApiFailure } from '../net/http';
import { openStream } from '../net/stream';
import { t } from '../i18n';
import { boardReducer, initialBoardState } from './boardState';
import { targetOf } from './moves';

/** If the stream never opens (server without SSE, proxy trouble), load the plan anyway. */
const STREAM_GRACE_MS = 800;

export interface MoveOutcome {
  ok: boolean;
  message: string;
}

/**
 * Loads the current plan (the first one), keeps it current from the stream, and performs moves
 * optimistically. The plan is (re)fetched on every stream `open`, so nothing sent while the
 * connection was down is missed.
 */
export function useBoard(onSessionEnded: () => void, asOf: string | null, onLoadError: (message: string) => void) {
  const [state, dispatch] = useReducer(boardReducer, initialBoardState);
  // A past date shows a frozen snapshot: live events would mix today's states into it.
  const asOfRef = useRef(asOf);
  asOfRef.current = asOf;
  const [connected, setConnected] = useState(true);
  const planIdRef = useRef<string | null>(null);
  const loadSeq = useRef(0);
  const sessionEnded = useRef(onSessionEnded);
  sessionEnded.current = onSessionEnded;
  const loadError = useRef(onLoadError);
  loadError.current = onLoadError;
  // Tasks with a move of this user's awaiting the server, and what the stream said about them
  // meanwhile: the server sends the stream event just before answering the POST, and rendering it
  // first would only delay the answer (the card shows its optimistic state either way). It is
  // applied together with the answer; the reducer keeps whichever version is newest.
  const inFlight = useRef(new Map<string, Task | null>());

  const fail = useCallback((error: unknown) => {
    if (error instanceof ApiFailure && error.status === 401) sessionEnded.current();
  }, []);

  const load = useCallback(async () => {
    const seq = ++loadSeq.current;
    try {
      let planId = planIdRef.current;
      let progress;
      const asOf = asOfRef.current;
      if (!planId) {
        const plans = await api.plans();
        if (seq !== loadSeq.current) return;
        if (plans.length === 0) return dispatch({ type: 'noPlan' });
        planId = plans[0].id;
        if (!asOf) progress = plans[0].progress;
        planIdRef.current = planId;
      }
      const [plan, fresh] = await Promise.all([
        api.plan(planId, asOf),
        progress ? Promise.resolve(progress) : api.progress(planId, asOf),
      ]);
      // A later load started meanwhile; its answer is at least as new as this one.
      if (seq !== loadSeq.current) return;
      dispatch({ type: 'planLoaded', plan, progress: fresh });
    } catch (error) {
      fail(error);
      if (seq === loadSeq.current) {
        const message = error instanceof Error ? error.message : t.errors.network;
        dispatch({ type: 'loadFailed', message });
        loadError.current(message);
      }
    }
  }, [fail]);

  useEffect(() => {
    let opened = false;
    const grace = setTimeout(() => {
      if (!opened) void load();
    }, STREAM_GRACE_MS);
    const close = openStream({
      onOpen: () => {
        opened = true;
        clearTimeout(grace);
        void load();
      },
      onConnectionChange: setConnected,
      // Live updates render at transition priority: one arriving next to the answer to this
      // user's own move (the server sends both at once) must not delay that answer's render.
      onTask: (task) => {
        if (asOfRef.current) return;
        const held = inFlight.current;
        if (held.has(task.id)) {
          const earlier = held.get(task.id);
          if (!earlier || earlier.version < task.version) held.set(task.id, task);
          return;
        }
        startTransition(() => dispatch({ type: 'task', task }));
      },
      onProgress: ({ planId, ...progress }) => {
        if (!asOfRef.current) startTransition(() => dispatch({ type: 'progress', planId, progress }));
      },
      onPlan: ({ planId }) => {
        if (planId === planIdRef.current && !asOfRef.current) void load();
      },
    });
    return () => {
      clearTimeout(grace);
      close();
    };
  }, [load]);

  // Switching between today and a past date reloads; the first load is the stream's.
  const firstAsOf = useRef(true);
  useEffect(() => {
    if (firstAsOf.current) {
      firstAsOf.current = false;
      return;
    }
    void load();
  }, [asOf, load]);

  const move = useCallback(
    async (task: Task, type: TaskEventType, input: { evidence?: string; reason?: string; files?: string[] } = {}): Promise<MoveOutcome> => {
      const target = targetOf(task.state, type);
      if (target) dispatch({ type: 'optimistic', taskId: task.id, state: target });
      const held = inFlight.current;
      if (!held.has(task.id)) held.set(task.id, null);
      let answer: Task | undefined;
      try {
        const { task: next } = await api.sendTaskEvent(task.id, { type, expectedVersion: task.version, ...input });
        answer = next;
        return { ok: true, message: t.move.done(task.code, t.states[next.state]) };
      } catch (error) {
        fail(error);
        if (error instanceof ApiFailure && error.code === 'conflict') {
          const current = (error.details as { current?: Task } | undefined)?.current;
          if (current?.id === task.id) answer = current;
        }
        const message = error instanceof Error ? error.message : t.errors.network;
        return { ok: false, message: t.move.refused(task.code, message) };
      } finally {
        // The answer is rendered at once, in the task it arrives in: as a default-priority update
        // it would wait for a scheduler task, and often for the frame after that.
        const streamed = held.get(task.id);
        held.delete(task.id);
        flushSync(() => {
          if (answer) dispatch({ type: 'task', task: answer });
          if (streamed) dispatch({ type: 'task', task: streamed });
          dispatch({ type: 'settled', taskId: task.id });
        });
      }
    },
    [fail],
  );

  return { state, connected, move, reload: load };
}
