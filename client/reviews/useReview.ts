import { useCallback, useEffect, useState } from 'react';
import type { PlanDetail, Review } from '../../machines/api';
import { api } from '../net/http';
import { leadershipApi } from '../net/leadershipApi';

/** A stored review and its plan (for names and the percent rule). The review itself never changes. */
export function useReview(id: string) {
  const [data, setData] = useState<{ review: Review; plan: PlanDetail } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const review = await leadershipApi.review(id);
      setData({ review, plan: await api.plan(review.planId) });
    } catch (e) {
      setError((e as Error).message);
    }
  }, [id]);
  useEffect(() => void load(), [load]);
  return { data, error, reload: load };
}
