import { isInspectionSource } from '../../machines/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryEntry, PlanDetail, User } from '../../machines/api';
import type { Inspection, InspectionProgramme } from '../../machines/inspectionApi';
import { ApiFailure, api } from '../net/http';
import { openStream } from '../net/stream';
import { inspectionApi } from './api';

const ignore = () => undefined;

/** Reports a lost session to App; any other failure becomes a message on the page. */
function useFailure(onSessionEnded: () => void) {
  const ended = useRef(onSessionEnded);
  ended.current = onSessionEnded;
  const [error, setError] = useState<string | null>(null);
  const fail = useCallback((e: unknown) => {
    if (e instanceof ApiFailure && e.status === 401) ended.current();
    else setError(e instanceof Error ? e.message : String(e));
  }, []);
  return { error, setError, fail };
}

/**
 * Follows /api/stream for the inspection pages: `inspection` events carry the inspection as this
 * user sees it; a `task` event from a finding's task can change what the team may do (VERIFY
 * needs the task done), so that inspection is refetched. Every (re)connection refetches.
 */
function useInspectionStream(handlers: {
  onOpen(): void;
  onInspection(inspection: Inspection): void;
  onSourceTask(inspectionId: string): void;
}) {
  const ref = useRef(handlers);
  ref.current = handlers;
  const [connected, setConnected] = useState(true);
  useEffect(
    () =>
      openStream({
        onOpen: () => ref.current.onOpen(),
        onInspection: (inspection) => ref.current.onInspection(inspection),
        onTask: (task) => task.source && isInspectionSource(task.source) && ref.current.onSourceTask(task.source.inspectionId),
        onProgress: ignore,
        onPlan: ignore,
        onConnectionChange: setConnected,
      }),
    [],
  );
  return connected;
}

export interface ProgrammeState {
  plan: PlanDetail | null;
  programme: InspectionProgramme | null;
  people: Map<string, User>;
}

/** The plan, its year's inspection programme and the people who can be named, kept live. */
export function useProgramme(onSessionEnded: () => void) {
  const { error, fail } = useFailure(onSessionEnded);
  const [state, setState] = useState<ProgrammeState>({ plan: null, programme: null, people: new Map() });
  const planId = useRef<string | null>(null);

  const load = useCallback(async () => {
    try {
      if (!planId.current) {
        const plans = await api.plans();
        if (!plans.length) return;
        planId.current = plans[0].id;
      }
      const [plan, programme, people] = await Promise.all([
        api.plan(planId.current),
        inspectionApi.programme(planId.current),
        inspectionApi.people().catch(() => [] as User[]),
      ]);
      setState({ plan, programme, people: new Map(people.map((p) => [p.id, p])) });
    } catch (e) {
      fail(e);
    }
  }, [fail]);

  const connected = useInspectionStream({
    onOpen: () => void load(),
    // Coverage and counts are the server's to compute: refetch the programme rather than patch it.
    onInspection: () => void load(),
    onSourceTask: () => void load(),
  });
  useEffect(() => void load(), [load]);
  return { state, error, connected, reload: load };
}

/** One inspection with its findings and history, kept live. */
export function useInspection(inspectionId: string, onSessionEnded: () => void) {
  const { error, setError, fail } = useFailure(onSessionEnded);
  const [inspection, setInspection] = useState<Inspection | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);

  const load = useCallback(async () => {
    try {
      const [next, entries] = await Promise.all([inspectionApi.get(inspectionId), inspectionApi.history(inspectionId)]);
      setInspection(next);
      setHistory(entries);
      setError(null);
    } catch (e) {
      fail(e);
    }
  }, [inspectionId, fail, setError]);

  const accept = useCallback(
    (next: Inspection) => {
      setInspection(next);
      inspectionApi.history(inspectionId).then(setHistory, fail);
    },
    [inspectionId, fail],
  );

  const connected = useInspectionStream({
    onOpen: () => void load(),
    onInspection: (next) => next.id === inspectionId && accept(next),
    onSourceTask: (id) => id === inspectionId && void load(),
  });
  useEffect(() => void load(), [load]);
  return { inspection, history, error, connected, reload: load, accept };
}
