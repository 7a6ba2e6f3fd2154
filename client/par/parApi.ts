import type { Task } from '../../machines/api';
import type { DossierBody, DossierReport, DossierRow, ParAppraisalBody, ParEventBody, ParIndex, ParIndexSummary, ParNode, ParScoreBody, ParTaskBody } from '../../machines/parApi';
import { request, requestForm } from '../net/http';

const enc = encodeURIComponent;

/** API.md "PAR Index self-assessment" and "Administrative-procedure dossiers", as the pages call them. */
export const parApi = {
  list: (year?: number) => request<ParIndexSummary[]>('GET', `/api/par${year ? `?year=${year}` : ''}`),
  get: (id: string) => request<ParIndex>('GET', `/api/par/${enc(id)}`),
  create: (body: { year: number; title: string; copyFrom?: string }) => request<{ index: ParIndex }>('POST', '/api/par', body),
  event: (id: string, body: ParEventBody) => request<{ index: ParIndex }>('POST', `/api/par/${enc(id)}/events`, body),
  score: (id: string, code: string, body: ParScoreBody) => request<{ criterion: ParNode }>('PUT', `/api/par/${enc(id)}/criteria/${enc(code)}/score`, body),
  appraise: (id: string, code: string, body: ParAppraisalBody) => request<{ criterion: ParNode }>('PUT', `/api/par/${enc(id)}/criteria/${enc(code)}/appraisal`, body),
  task: (id: string, code: string, body: ParTaskBody) => request<{ task: Task }>('POST', `/api/par/${enc(id)}/criteria/${enc(code)}/task`, body),
  recordDossier: (body: DossierBody) => request<{ row: DossierRow }>('POST', '/api/dossiers', body),
  importIndex: (form: FormData) => requestForm<{ index: ParIndex }>('/api/par/import', form),
  importDossiers: (form: FormData) => requestForm<{ rows: DossierRow[] }>('/api/dossiers/import', form),
  dossiers: (year: number) => request<DossierReport>('GET', `/api/dossiers?year=${year}`),
};
