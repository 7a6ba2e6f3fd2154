import { useEffect, useState } from 'react';
import type { Review } from '../../machines/api';
import { formatDateVi } from '../../machines/dates';
import { periodOf } from '../../machines/periods';
import { L } from '../i18n/leadership';
import { leadershipApi } from '../net/leadershipApi';
import { resolvePlanId } from '../plan/usePlanData';
import type { PageProps } from '../router';
import { Link } from '../ui/Link';
import { PageFrame } from '../ui/PageFrame';

/** /reviews: the reviews of the current plan, newest first; they are created from the plan page. */
export default function ReviewsPage({ user, onLogout, onSwitchLanguage }: PageProps) {
  const [reviews, setReviews] = useState<Review[] | null>(null);
  const [planId, setPlanId] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    resolvePlanId(undefined)
      .then(async (id) => {
        setPlanId(id);
        setReviews(id ? (await leadershipApi.reviews(id)).reverse() : []);
      })
      .catch((e: Error) => setError(e.message));
  }, []);
  const d = L().review;
  return (
    <PageFrame user={user} title={d.list} onLogout={onLogout} onSwitchLanguage={onSwitchLanguage}>
      {error && <p role="alert">{error}</p>}
      {reviews && !reviews.length && <p>{d.empty}</p>}
      <ul data-testid="reviews-list">
        {reviews?.map((r) => (
          <li key={r.id}><Link href={`/reviews/${encodeURIComponent(r.id)}`}>{periodOf(r.period, r.year).label}</Link> · {formatDateVi(r.asOf)}</li>
        ))}
      </ul>
      {planId && (user.role === 'leader' || user.role === 'coordinator') && (
        <p><Link href={`/plans/${encodeURIComponent(planId)}`}>{L().plan.createReview}</Link></p>
      )}
    </PageFrame>
  );
}
