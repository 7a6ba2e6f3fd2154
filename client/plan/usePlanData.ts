import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlanDetail } from '../../machines/api';
import type { Progress } from '../../machines/progress';
import { api, ApiFailure } from '../net/http';
import { openStream } from '../net/stream';

/** Which plan "current" names: the first, as the board shows. */
export async function resolvePlanId(planId: string | undefined): Promise<string | undefined> {
  if (planId && planId !== 'current') return planId;
  return (await api.plans())[0]?.id;
}

export interface PlanData<X> {
  plan: PlanDetail;
  progress: Progress;
  extra: X;
}

/**
 * A plan (today's, or as of a past date) with whatever else the page loads alongside, reloaded
 * on every stream event for it while showing today: the dashboard follows moves live this way.
 */
export function usePlanData<X>(
  planId: string | undefined,
  asOf: string | null,
  loadExtra: (planId: string, asOf: string | null) => Promise<X>,
  onSessionEnded: () => void,
) {
  const [data, setData] = useState<PlanData<X> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [connected, setConnected] = useState(true);
  const resolved = useRef<string | undefined>(undefined);
  const loading = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const extraRef = useRef(loadExtra);
  extraRef.current = loadExtra;

  const load = useCallback(async () => {
    // Coalesce: a burst of events while loading causes one more load, not one per event.
    if (loading.current) {
      again.current = true;
      return loading.current;
    }
    loading.current = (async () => {
      try {
        const id = (resolved.current ??= await resolvePlanId(planId));
        if (!id) throw new ApiFailure(404, 'not_found', '—');
        const [plan, progress, extra] = await Promise.all([api.plan(id, asOf), api.progress(id, asOf), extraRef.current(id, asOf)]);
        setData({ plan, progress, extra });
        setError(null);
      } catch (e) {
        if (e instanceof ApiFailure && e.status === 401) onSessionEnded();
        else setError((e as Error).message);
      } finally {
        loading.current = null;
        if (again.current) {
          again.current = false;
          void load();
        }
      }
    })();
    return loading.current;
  }, [planId, asOf, onSessionEnded]);

  useEffect(() => {
    void load();
    if (asOf) return;
    return openStream({
      onOpen: () => void load(),
      onConnectionChange: setConnected,
      onTask: (task) => task.planId === resolved.current && void load(),
      onProgress: () => undefined,
      onPlan: ({ planId: id }) => id === resolved.current && void load(),
    });
  }, [load, asOf]);

  return { data, error, connected, reload: load };
}
