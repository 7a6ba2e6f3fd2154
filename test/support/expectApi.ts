import { expect } from 'vitest';
import type { Task } from '../../machines/api';
import type { Progress } from '../../machines/progress';
import { PLAN_ID, taskId, type ApiClient } from './api';
import { fetchAnswer } from './app';

/** A parsed HTTP answer: status and JSON body (undefined when empty). */
export interface Answer {
  status: number;
  body: any;
}

/** Asserts the status and the error shape of API.md: exactly `{error: {code, message, details?}}`. */
export function expectError(res: Answer, status: number, code: string): { code: string; message: string; details?: any } {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message.trim().length).toBeGreaterThan(0);
  return res.body.error;
}

/** fetch over the network, then the status and the JSON body (or the raw text when it is not JSON). */
export const fetchJson = (url: string, init: RequestInit = {}) => fetchAnswer(fetch, url, init);

export const taskPath = (code: string) => `/api/tasks/${taskId(code)}`;

export async function getTask(api: ApiClient, code: string): Promise<Task> {
  const res = await api.json<Task>('GET', taskPath(code));
  expect(res.status).toBe(200);
  return res.body;
}

export async function getHistory(api: ApiClient, code: string): Promise<any[]> {
  const res = await api.json<any[]>('GET', `${taskPath(code)}/history`);
  expect(res.status).toBe(200);
  expect(Array.isArray(res.body)).toBe(true);
  return res.body;
}

export async function getProgress(api: ApiClient): Promise<Progress> {
  const res = await api.json<Progress>('GET', `/api/plans/${PLAN_ID}/progress`);
  expect(res.status).toBe(200);
  return res.body;
}

/** What a refused request must leave untouched: the task as the plan lists it, its history, the plan's progress. */
export async function fingerprint(api: ApiClient, code: string) {
  const plan = await api.plan();
  const task = plan.tasks.find((t) => t.code === code);
  if (!task) throw new Error(`no task ${code} on the plan`);
  const history = await getHistory(api, code);
  const { allowedEvents: _caller, ...stored } = task;
  return {
    planVersion: plan.version,
    task: stored,
    historyLength: history.length,
    lastSeq: history.at(-1)?.seq ?? null,
    progress: await getProgress(api),
  };
}

/** The Task shape of API.md. */
export function expectTaskShape(task: Task): void {
  expect(task).toEqual(
    expect.objectContaining({
      id: expect.any(String),
      planId: expect.any(String),
      areaId: expect.any(String),
      code: expect.any(String),
      title: expect.any(String),
      ownerUnitId: expect.any(String),
      coordinatingUnitIds: expect.any(Array),
      output: expect.any(String),
      deadline: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      state: expect.stringMatching(/^(notStarted|inProgress|inReview|done|cancelled)$/),
      version: expect.any(Number),
      overdue: expect.any(Boolean),
      allowedEvents: expect.any(Array),
      files: expect.any(Array),
    }),
  );
  expect(Number.isInteger(task.version) && task.version >= 1).toBe(true);
  for (const u of task.coordinatingUnitIds) expect(typeof u).toBe('string');
  for (const e of task.allowedEvents) expect(['START', 'SUBMIT', 'APPROVE', 'RETURN', 'REOPEN', 'CANCEL']).toContain(e);
  if (task.state === 'done') expect(Number.isNaN(Date.parse(task.completedAt!))).toBe(false);
  else expect(task.completedAt).toBeUndefined();
}

/** The plan-level counts of a Progress: the plan's own tasks (byArea, byUnit and extra left out). */
export function counts(p: Progress) {
  const { byArea: _a, byUnit: _u, extra: _e, ...rest } = p;
  return rest;
}
