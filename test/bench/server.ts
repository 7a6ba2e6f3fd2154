import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer as startTestServer, type RunningServer } from '../support/server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The test helper's server, or, with extra node flags (`--cpu-prof`, which NODE_OPTIONS refuses),
 * the same process started with them.
 */
export async function startServer(opts: { dataDir: string; env?: Record<string, string>; execArgv?: string[] }): Promise<RunningServer> {
  if (!opts.execArgv?.length) return startTestServer(opts);
  const child = spawn(process.execPath, [...opts.execArgv, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: opts.dataDir, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${out}`)));
  });
  const end = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { url, dataDir: opts.dataDir, process: child, output: () => out, stop: end('SIGTERM'), kill: end('SIGKILL') };
}
