import type { Directive, PlanDetail, PlanEventBody, Review } from '../../machines/api';
import type { CatalogueChange } from '../../machines/catalogue';
import type { UnitVerdict } from '../../machines/emulation';
import type { DirectiveBody } from '../../machines/reviewApi';
import type { Period, PeriodCode } from '../../machines/periods';
import type { TrendWeek } from '../../machines/trend';
import { request, requestForm } from './http';

const enc = encodeURIComponent;
const asOfQuery = (asOf?: string | null) => (asOf ? `?asOf=${enc(asOf)}` : '');

/** The leadership routes (API.md: periods, reviews, exports, import, emulation). */
export const leadershipApi = {
  trend: (planId: string, asOf?: string | null) => request<TrendWeek[]>('GET', `/api/plans/${enc(planId)}/trend${asOfQuery(asOf)}`),
  emulation: (planId: string, asOf?: string | null) =>
    request<UnitVerdict[]>('GET', `/api/plans/${enc(planId)}/emulation${asOfQuery(asOf)}`),
  periods: (year: number) => request<Period[]>('GET', `/api/periods?year=${year}`),
  reviews: (planId: string) => request<Review[]>('GET', `/api/plans/${enc(planId)}/reviews`),
  review: (id: string) => request<Review>('GET', `/api/reviews/${enc(id)}`),
  createReview: (planId: string, period: PeriodCode, year: number) =>
    request<{ review: Review }>('POST', `/api/plans/${enc(planId)}/reviews`, { period, year }),
  addDirective: (id: string, body: DirectiveBody) => request<{ directive: Directive }>('POST', `/api/reviews/${enc(id)}/directives`, body),
  catalogue: (planId: string, change: CatalogueChange) => request<{ plan: PlanDetail }>('POST', `/api/plans/${enc(planId)}/catalogue`, change),
  planEvent: (planId: string, body: PlanEventBody) => request<{ plan: PlanDetail }>('POST', `/api/plans/${enc(planId)}/events`, body),
  importPlan: (form: FormData) => requestForm<{ plan: PlanDetail }>('/api/plans/import', form),
  planExportUrl: (planId: string) => `/api/plans/${enc(planId)}/export.xlsx`,
  reviewExportUrl: (id: string) => `/api/reviews/${enc(id)}/export.xlsx`,
  templateUrl: '/api/import/template.xlsx',
};
