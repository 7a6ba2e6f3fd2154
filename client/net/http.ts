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

/** The API's error shape (`{ error: { code, message, details } }`) as the error the pages show. */
export function failureOf(status: number, data: unknown): ApiFailure {
  const error = (data as ApiError | null | undefined)?.error;
  return new ApiFailure(status, error?.code ?? 'internal', error?.message ?? t.errors.unexpected(status), error?.details);
}

/** Every fetch of the API: the CSRF header on state-changing requests, JSON back or an ApiFailure. */
async function send<T>(method: string, path: string, headers: Record<string, string>, body?: BodyInit): Promise<T> {
  // The server's CSRF rule: every state-changing request carries this header.
  if (method !== 'GET') headers[CSRF_HEADER] = CSRF_VALUE;
  let response: Response;
  try {
    response = await fetch(path, { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin', body });
  } catch {
    throw new ApiFailure(0, 'network', t.errors.network);
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw failureOf(response.status, data);
  return data as T;
}

export function request<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers = { ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return send<T>(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
}

/**
 * POST multipart/form-data, as a browser sends a file (the browser sets the Content-Type with its
 * boundary); a refusal keeps its details, e.g. the bad rows of an import.
 */
export function requestForm<T>(path: string, form: FormData): Promise<T> {
  return send<T>('POST', path, {}, form);
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
