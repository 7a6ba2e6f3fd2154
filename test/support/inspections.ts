import { expect } from 'vitest';
import type { Finding, Inspection } from '../../machines/inspectionApi';
import { PLAN_ID, type ApiClient } from './api';
import type { Answer } from './expectApi';

/** Requests and shape checks of API.md "Inspections", for the API tests of the inspection cycle. */

export const SEEDED_INSPECTION = `${PLAN_ID}-kt1`;
export const userId = (username: string) => `u-${username}`;

const path = (id: string) => `/api/inspections/${encodeURIComponent(id)}`;

export const inspections = {
  create: (api: ApiClient, body: Record<string, unknown>) => api.json<any>('POST', '/api/inspections', body) as Promise<Answer>,
  get: (api: ApiClient, id: string) => api.json<any>('GET', path(id)) as Promise<Answer>,
  send: (api: ApiClient, id: string, body: Record<string, unknown>) => api.json<any>('POST', `${path(id)}/events`, body) as Promise<Answer>,
  record: (api: ApiClient, id: string, body: Record<string, unknown>) => api.json<any>('POST', `${path(id)}/findings`, body) as Promise<Answer>,
  sendFinding: (api: ApiClient, id: string, findingId: string, body: Record<string, unknown>) =>
    api.json<any>('POST', `${path(id)}/findings/${encodeURIComponent(findingId)}/events`, body) as Promise<Answer>,
  history: (api: ApiClient, id: string) => api.json<any[]>('GET', `${path(id)}/history`) as Promise<Answer>,
  programme: (api: ApiClient, planId = PLAN_ID) => api.json<any>('GET', `/api/inspections/programme?planId=${planId}`) as Promise<Answer>,
};

/** The Inspection of API.md: exactly its fields (plus the documented additions), findings included. */
export function expectInspectionShape(i: Inspection): void {
  const required = ['id', 'planId', 'title', 'targetUnitId', 'scheduledOn', 'teamUserIds', 'leadUserId', 'state', 'version', 'selfReportFiles', 'findings', 'allowedEvents'];
  const optional = ['decisionNo', 'selfReport', 'conclusion', 'concludedOn', 'remediationDeadline', 'cancelReason'];
  for (const key of required) expect(i, key).toHaveProperty(key);
  for (const key of Object.keys(i)) expect([...required, ...optional], key).toContain(key);
  expect(['planned', 'notified', 'selfReported', 'fieldwork', 'concluded', 'closed', 'cancelled']).toContain(i.state);
  expect(Number.isInteger(i.version) && i.version >= 1).toBe(true);
  for (const f of i.findings) expectFindingShape(f);
}

export function expectFindingShape(f: Finding): void {
  const required = ['id', 'inspectionId', 'areaId', 'description', 'recommendation', 'state', 'files', 'overdue', 'version', 'allowedEvents'];
  const optional = ['cause', 'deadline', 'evidence', 'rejectReason', 'taskId'];
  for (const key of required) expect(f, key).toHaveProperty(key);
  for (const key of Object.keys(f)) expect([...required, ...optional], key).toContain(key);
  expect(['open', 'remediated', 'verified']).toContain(f.state);
  expect(typeof f.overdue).toBe('boolean');
}

/** Expects 2xx and returns the body's `key` (inspection or finding). */
export function ok<T>(res: Answer, status: number, key: 'inspection' | 'finding'): T {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(Object.keys(res.body)).toEqual([key]);
  return res.body[key] as T;
}
