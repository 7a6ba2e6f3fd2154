import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IMPORT_LIMIT_BYTES } from '../../server/routes/uploadForm';
import { DEMO_PASSWORD } from '../support/api';
import { repeated, ROWS_CHUNK, SHEET, templateParts, zipOf, type ZipPart } from '../support/officeBombs';
import { startServer } from '../support/server';

/**
 * Issue 20's figures: the server's RSS growth while three 5 MB decompression bombs are posted to
 * POST /api/plans/import at once (target ≤ 64 MiB), and the time to refuse one (target ≤ 1 s), for
 * three kinds of bomb: sizes declared honestly (gigabytes: refused on the directory), a part that
 * declares 1 : 1 and holds gigabytes (refused at its declared size), and one that declares just
 * under the 20 MB cap and holds gigabytes of markup-free text (the most a bomb can make the server
 * inflate). Peak RSS comes from /proc's VmHWM, reset before each round (clear_refs).
 */
const FILE_BYTES = IMPORT_LIMIT_BYTES - 8 * 1024; // room for the multipart envelope
const TEXT = 'x'.repeat(1 << 20);

/** Parts of `chunk` repeated up to `budget` stored bytes, each part under 4 GiB (no zip64). */
function fill(chunk: string, budget: number, name: (i: number) => string): ZipPart[] {
  const one = repeated('probe', chunk, 1, { crc: false }).stored.length - 2;
  const perPart = Math.floor((2 ** 32 - 1) / chunk.length);
  const parts: ZipPart[] = [];
  for (let left = Math.floor((budget - 2) / one), i = 0; left > 0; i++) {
    const times = Math.min(left, perPart);
    parts.push(repeated(name(i), chunk, times, { crc: false }));
    left -= times;
  }
  return parts;
}

async function bombs(): Promise<Array<{ kind: string; bytes: Uint8Array; inflates: number }>> {
  const template = (await templateParts(2)).filter((p) => p.name !== SHEET);
  const frame = zipOf(template).byteLength + 4096;
  const honest = fill(ROWS_CHUNK, FILE_BYTES - frame, (i) => (i === 0 ? SHEET : `xl/worksheets/sheet${i + 1}.xml`));
  const [lie] = fill(TEXT, FILE_BYTES - frame, () => SHEET);
  const underCap = Math.floor(19.5 * 1024 * 1024);
  return [
    { kind: 'sizes declared (honest)', bytes: zipOf([...template, ...honest]), inflates: honest.reduce((n, p) => n + p.size, 0) },
    { kind: 'declares 1 : 1, lies', bytes: zipOf([...template, { ...lie, size: lie.stored.length }]), inflates: lie.size },
    { kind: 'declares 19.5 MB, lies', bytes: zipOf([...template, { ...lie, size: underCap }]), inflates: lie.size },
  ];
}

function status(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
}

const MiB = 1024 * 1024;

export interface BombFigures {
  rows: Array<Record<string, string | number>>;
  worstGrowthMiB: number;
  /** The slowest kind's median of 5 single posts (upload of 5 MB included). */
  worstRefuseMs: number;
}

export async function bombFigures(): Promise<BombFigures> {
  const server = await startServer({ env: { NODE_ENV: 'production' } });
  try {
    const pid = server.process.pid!;
    const login = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'vanphong', password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const post = async (bytes: Uint8Array) => {
      const form = new FormData();
      form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], 'bom.xlsx'));
      form.set('year', '2030');
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/plans/import`, { method: 'POST', body: form, headers: { cookie, 'x-requested-with': 'tiendo' } });
      const body = (await res.json()) as { error?: { message: string } };
      return { status: res.status, message: body.error?.message ?? '', ms: performance.now() - t0 };
    };

    const kinds = await bombs();
    // Warm-up: exceljs and the office reader loaded, each path run once (a one-time cost, not a request's).
    await post(zipOf(await templateParts(2)));
    for (const k of kinds) await post(k.bytes);

    const rows: BombFigures['rows'] = [];
    for (const k of kinds) {
      const single = [];
      for (let i = 0; i < 5; i++) single.push(await post(k.bytes));
      writeFileSync(`/proc/${pid}/clear_refs`, '5'); // VmHWM := VmRSS
      const before = status(pid, 'VmRSS');
      const three = await Promise.all([post(k.bytes), post(k.bytes), post(k.bytes)]);
      const peak = status(pid, 'VmHWM');
      const answers = [...single, ...three];
      if (answers.some((a) => a.status !== 400)) throw new Error(`${k.kind}: not refused: ${JSON.stringify(answers.map((a) => [a.status, a.message]))}`);
      const ms = single.map((s) => s.ms).sort((a, b) => a - b);
      rows.push({
        bomb: k.kind,
        'file MB': +(k.bytes.byteLength / MiB).toFixed(2),
        'inflates to MB': Math.round(k.inflates / MiB),
        'refuse one: median ms': +ms[2].toFixed(1),
        'max ms': +ms[4].toFixed(1),
        'RSS before MiB': Math.round(before / MiB),
        '3 at once: RSS growth MiB': +((peak - before) / MiB).toFixed(1),
        message: three[0].message.slice(0, 60),
      });
    }
    return {
      rows,
      worstGrowthMiB: Math.max(...rows.map((r) => r['3 at once: RSS growth MiB'] as number)),
      worstRefuseMs: Math.max(...rows.map((r) => r['refuse one: median ms'] as number)),
    };
  } finally {
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}

/** Prints the table and the two figures beside their targets. */
export async function printBombFigures(): Promise<void> {
  const f = await bombFigures();
  console.log('\nDecompression bombs posted to POST /api/plans/import (issue 20):');
  console.table(f.rows);
  console.log(`RSS growth, three 5 MB bombs at once (worst kind): ${f.worstGrowthMiB} MiB (target ≤ 64) ${f.worstGrowthMiB <= 64 ? 'MET' : 'NOT MET'}`);
  console.log(`time to refuse one 5 MB bomb (median of 5, slowest kind): ${f.worstRefuseMs} ms (target ≤ 1000) ${f.worstRefuseMs <= 1000 ? 'MET' : 'NOT MET'}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await printBombFigures();
