import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
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
      onTask: (task) => {
        if (!asOfRef.current) dispatch({ type: 'task', task });
      },
      onProgress: ({ planId, ...progress }) => {
        if (!asOfRef.current) dispatch({ type: 'progress', planId, progress });
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
    async (task: Task, type: TaskEventType, input: { evidence?: string; reason?: string } = {}): Promise<MoveOutcome> => {
      const target = targetOf(task.state, type);
      if (target) dispatch({ type: 'optimistic', taskId: task.id, state: target });
      try {
        const { task: next } = await api.sendTaskEvent(task.id, { type, expectedVersion: task.version, ...input });
        dispatch({ type: 'task', task: next });
        return { ok: true, message: t.move.done(task.code, t.states[next.state]) };
      } catch (error) {
        fail(error);
        if (error instanceof ApiFailure && error.code === 'conflict') {
          const current = (error.details as { current?: Task } | undefined)?.current;
          if (current?.id === task.id) dispatch({ type: 'task', task: current });
        }
        const message = error instanceof Error ? error.message : t.errors.network;
        return { ok: false, message: t.move.refused(task.code, message) };
      } finally {
        dispatch({ type: 'settled', taskId: task.id });
      }
    },
    [fail],
  );

  return { state, connected, move, reload: load };
}
