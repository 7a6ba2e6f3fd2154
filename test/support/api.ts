import type { PlanDetail, Task } from '../../machines/api';
import type { Progress } from '../../machines/progress';
import type { Target } from './app';

export const DEMO_PASSWORD = 'tiendo-demo';
export const PLAN_ID = 'stp-2026';
export const taskId = (code: string) => `${PLAN_ID}-${code}`;

/** A non-browser API client holding one session cookie, as an outside client would. */
export class ApiClient {
  cookie = '';

  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** The one login helper: a URL (a real server) or a Target (the in-process app of support/app.ts). */
  static async login(target: string | Target, username: string, password = DEMO_PASSWORD): Promise<ApiClient> {
    const client = typeof target === 'string' ? new ApiClient(target) : new ApiClient(target.url, target.fetch);
    const res = await client.request('POST', '/api/session', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
    return client;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.fetchImpl(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { 'X-Requested-With': 'tiendo' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  plan(): Promise<PlanDetail> {
    return this.json<PlanDetail>('GET', `/api/plans/${PLAN_ID}`).then((r) => r.body);
  }

  progress(): Promise<Progress> {
    return this.json<Progress>('GET', `/api/plans/${PLAN_ID}/progress`).then((r) => r.body);
  }

  send(code: string, event: Record<string, unknown>) {
    return this.json<{ task: Task; error?: { code: string; message: string; details?: any } }>(
      'POST',
      `/api/tasks/${taskId(code)}/events`,
      event,
    );
  }
}
