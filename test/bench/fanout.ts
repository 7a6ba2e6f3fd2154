import { connect, type Socket } from 'node:net';
import { generatedTaskIds } from '../support/planFile';
import { call, login } from './engine';

/**
 * Live fan-out: `streams` open SSE streams (boards of several roles and units), then moves sent one
 * at a time; for each, the time from the POST's answer to the `task` event carrying the new version
 * arriving on the LAST stream. Each move is measured alone, so this is latency, not throughput.
 */

const USERS = ['vanphong', 'giamdoc', 'thanhtra'];

export interface FanoutResult {
  streams: number;
  /** POST answered → the last stream has the move (0 when every stream had it before the answer). */
  p50: number;
  p95: number;
  /** POST sent → the last stream has it: the whole path, never hidden by an early fan-out. */
  'sent→last p50': number;
  'sent→last p95': number;
  /** Moves whose fan-out had reached every stream before the POST's answer did. */
  'before answer': number;
}

export async function fanout(url: string, planFile: string, streams: number, moves = 40): Promise<FanoutResult> {
  const tasks = generatedTaskIds(planFile);
  const task = tasks[tasks.length - 1];
  const heads = [...new Set(tasks.map((t) => t.unit))].slice(0, 5).map((u) => `truongphong.${u.toLowerCase()}`);
  const cookies = await Promise.all([...USERS, ...heads].map((u) => login(url, u)));
  const head = await login(url, `truongphong.${task.unit.toLowerCase()}`);
  const coordinator = cookies[0];

  // Every stream watches for one marker at a time: the moved task's new version. The streams are
  // read as raw bytes (no HTTP parser, no text decoding): a thousand boards are a thousand browsers
  // on other machines, and the one process standing in for them here must cost as little per
  // stream as it can, or the figure measures the client instead of the server's fan-out.
  let marker = Buffer.alloc(0);
  let waiting = 0;
  let lastArrival = 0;
  let allArrived: () => void = () => {};
  const { hostname, port } = new URL(url);
  const open: Socket[] = [];
  const hello = Buffer.from('event: hello');
  await Promise.all(
    Array.from({ length: streams }, (_, i) =>
      new Promise<void>((resolve, reject) => {
        let greeted = false;
        let seen: Buffer | undefined;
        let previous: Buffer = Buffer.alloc(0);
        const socket = connect({ host: hostname, port: Number(port) }, () => {
          socket.write(`GET /api/stream HTTP/1.1\r\nHost: ${hostname}:${port}\r\nCookie: ${cookies[i % cookies.length]}\r\nAccept: text/event-stream\r\n\r\n`);
        });
        socket.on('data', (chunk: Buffer) => {
          const has = (needle: Buffer) => chunk.indexOf(needle) >= 0 || straddles(previous, chunk, needle);
          previous = chunk;
          if (!greeted && has(hello)) {
            greeted = true;
            resolve();
          }
          if (marker.length && seen !== marker && has(marker)) {
            seen = marker;
            lastArrival = performance.now();
            if (--waiting === 0) allArrived();
          }
        });
        socket.on('error', reject);
        open.push(socket);
      }),
    ),
  );

  const { text } = await call(url, 'GET', `/api/tasks/${task.id}`, undefined, coordinator);
  let { version, state } = JSON.parse(text) as { version: number; state: string };
  const latencies: number[] = [];
  const whole: number[] = [];
  for (let m = 0; m < moves; m++) {
    const submit = state === 'inProgress' || state === 'notStarted';
    const type = state === 'notStarted' ? 'START' : submit ? 'SUBMIT' : 'RETURN';
    marker = Buffer.from(`"version":${version + 1},`);
    waiting = streams;
    const arrived = new Promise<void>((r) => (allArrived = r));
    const body = JSON.stringify(type === 'SUBMIT' ? { type, evidence: 'Báo cáo số 01/BC' } : type === 'RETURN' ? { type, reason: 'Bổ sung tài liệu' } : { type });
    const sent = performance.now();
    const res = await call(url, 'POST', `/api/tasks/${task.id}/events`, body, submit ? head : coordinator);
    const answered = performance.now();
    if (res.status !== 200) throw new Error(`fan-out move ${type}: ${res.status} ${res.text}`);
    ({ version, state } = (JSON.parse(res.text) as { task: { version: number; state: string } }).task);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      arrived,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`fan-out: ${waiting} of ${streams} streams never got move ${m + 1}`)), 15_000))),
    ]);
    clearTimeout(timer);
    latencies.push(lastArrival - answered);
    whole.push(lastArrival - sent);
  }
  for (const socket of open) socket.destroy();
  const at = (xs: number[], p: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return +Math.max(0, sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]).toFixed(1);
  };
  return {
    streams,
    p50: at(latencies, 50),
    p95: at(latencies, 95),
    'sent→last p50': at(whole, 50),
    'sent→last p95': at(whole, 95),
    'before answer': latencies.filter((l) => l <= 0).length,
  };
}

/** Does `needle` lie across the boundary between two reads? */
function straddles(before: Buffer, after: Buffer, needle: Buffer): boolean {
  if (!before.length) return false;
  const edge = Buffer.concat([before.subarray(Math.max(0, before.length - needle.length + 1)), after.subarray(0, needle.length - 1)]);
  return edge.indexOf(needle) >= 0;
}
