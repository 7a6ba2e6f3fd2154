import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evidencePdf } from '../../seed/evidencePdf';
import { ApiClient } from '../support/api';
import { startServer } from '../support/server';

/**
 * Evidence files in `npm run bench` (issue 15): a 20 MB upload's time ÷ writing the same bytes
 * with fsync on the same disk in the same run (`dd`-style; target ≤ 2), and the server's RSS
 * growth during ten parallel 20 MB uploads (target ≤ 32 MiB: uploads stream, never held whole).
 */
const MB = 1024 * 1024;
const SIZE = 20 * MB;

const rssKiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Writes `bytes` to `path` in 64 KiB writes, then fsyncs: what storing an upload costs at the least. */
async function ddWrite(path: string, bytes: Buffer): Promise<number> {
  const started = performance.now();
  const handle = await open(path, 'w');
  for (let at = 0; at < bytes.length; at += 64 * 1024) await handle.write(bytes, at, Math.min(64 * 1024, bytes.length - at));
  await handle.sync();
  await handle.close();
  const ms = performance.now() - started;
  await rm(path);
  return ms;
}

function document(): Buffer {
  const head = evidencePdf(['Ban chup ho so 20 MB']);
  return Buffer.concat([head, randomBytes(SIZE - head.length)]);
}

async function upload(url: string, cookie: string, bytes: Buffer, name: string): Promise<number> {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
  const started = performance.now();
  const res = await fetch(`${url}/api/files`, { method: 'POST', headers: { 'X-Requested-With': 'tiendo', cookie }, body });
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
  return performance.now() - started;
}

export interface FilesBench {
  uploadMs: number;
  fsyncMs: number;
  ratio: number;
  rssGrowthMiB: number;
}

export async function filesBench(): Promise<FilesBench> {
  const server = await startServer({ env: { MAX_FILE_MB: '20' } });
  try {
    const head = await ApiClient.login(server.url, 'truongphong.hctp');
    const docs = Array.from({ length: 10 }, document);
    // Warm up the route and the disk once, then alternate the two measures three times each.
    await upload(server.url, head.cookie, docs[0], 'warm-up.pdf');
    const uploads: number[] = [];
    const writes: number[] = [];
    for (let i = 0; i < 3; i++) {
      writes.push(await ddWrite(join(server.dataDir, `dd-${i}`), docs[i + 1]));
      uploads.push(await upload(server.url, head.cookie, docs[i + 1], `Hồ sơ ${i}.pdf`));
    }
    const pid = server.process.pid!;
    const before = rssKiB(pid);
    let peak = before;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, rssKiB(pid));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // Fresh bytes (not yet stored) so every upload is written in full.
    const parallel = Array.from({ length: 10 }, document);
    await Promise.all(parallel.map((d, i) => upload(server.url, head.cookie, d, `Song song ${i}.pdf`)));
    sampling = false;
    await sampler;
    const uploadMs = median(uploads);
    const fsyncMs = median(writes);
    return { uploadMs: Math.round(uploadMs), fsyncMs: Math.round(fsyncMs), ratio: uploadMs / fsyncMs, rssGrowthMiB: Math.round(((peak - before) / 1024) * 10) / 10 };
  } finally {
    await server.stop();
  }
}

export function printFilesBench(f: FilesBench): void {
  console.log('\nEvidence files (20 MB PDF, embedded store):');
  console.log(`upload ${f.uploadMs} ms ÷ write with fsync ${f.fsyncMs} ms = ${f.ratio.toFixed(2)} (target ≤ 2) ${f.ratio <= 2 ? 'MET' : 'NOT MET'}`);
  console.log(`server RSS growth during 10 parallel 20 MB uploads: ${f.rssGrowthMiB} MiB (target ≤ 32) ${f.rssGrowthMiB <= 32 ? 'MET' : 'NOT MET'}`);
}

// `npx tsx test/bench/files.ts`: this part alone.
if (import.meta.url === pathToFileURL(process.argv[1]).href) printFilesBench(await filesBench());
