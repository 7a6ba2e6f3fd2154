import './zodConfig';
import {
  CSRF_HEADER,
  CSRF_VALUE,
  type ApiError,
  type ErrorCode,
  type HistoryEntry,
  type PlanDetail,
  type PlanSummary,
  type Task,
  type User,
} from '../../machines/api';
import type { Progress } from '../../machines/progress';
import type { TaskEventType } from '../../machines/task';
import { t } from '../i18n';
import { IDEMPOTENCY_HEADER, newIdempotencyKey } from './idempotencyKey';

/** A refused or failed request, carrying the server's Vietnamese message for the person. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function request<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  // The server's CSRF rule: every state-changing request carries this header.
  if (method !== 'GET') headers[CSRF_HEADER] = CSRF_VALUE;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(0, 'network', t.errors.network);
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (data as ApiError | undefined)?.error;
    throw new ApiFailure(
      response.status,
      error?.code ?? 'internal',
      error?.message ?? t.errors.unexpected(response.status),
      error?.details,
    );
  }
  return data as T;
}

export interface TaskEventInput {
  type: TaskEventType;
  expectedVersion: number;
  evidence?: string;
  reason?: string;
  /** SUBMIT: ids of uploaded files (POST /api/files). */
  files?: string[];
}

const asOfQuery = (asOf?: string | null) => (asOf ? `?asOf=${encodeURIComponent(asOf)}` : '');

export const api = {
  login: (username: string, password: string) =>
    request<{ user: User }>('POST', '/api/session', { username, password }),
  me: () => request<{ user: User }>('GET', '/api/me'),
  logout: () => request<void>('DELETE', '/api/session'),
  plans: () => request<PlanSummary[]>('GET', '/api/plans'),
  /** With `asOf` (YYYY-MM-DD): the plan as it stood at the end of that day, with no moves offered. */
  plan: (planId: string, asOf?: string | null) =>
    request<PlanDetail>('GET', `/api/plans/${encodeURIComponent(planId)}${asOfQuery(asOf)}`),
  progress: (planId: string, asOf?: string | null) =>
    request<Progress>('GET', `/api/plans/${encodeURIComponent(planId)}/progress${asOfQuery(asOf)}`),
  history: (taskId: string) => request<HistoryEntry[]>('GET', `/api/tasks/${encodeURIComponent(taskId)}/history`),
  sendTaskEvent: (taskId: string, input: TaskEventInput) =>
    request<{ task: Task }>('POST', `/api/tasks/${encodeURIComponent(taskId)}/events`, input, { [IDEMPOTENCY_HEADER]: newIdempotencyKey() }),
};
