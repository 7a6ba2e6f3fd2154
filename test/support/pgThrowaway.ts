import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { FoundPostgres } from './pgServer';

/** The newest PostgreSQL server binaries Debian's packages installed, if any. */
function serverBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Without TEST_DATABASE_URL: a throwaway cluster in a temporary folder from the PostgreSQL server
 * binaries the machine has (Debian's postgresql package), listening on loopback only, removed
 * afterwards. PostgreSQL refuses to run as root, so as root it runs as the `postgres` account the
 * package creates. Without binaries there is nothing to start: the caller says so in one line.
 */
export async function startThrowaway(how: string): Promise<FoundPostgres> {
  const bin = serverBin();
  if (!bin) return { url: undefined, label: `no TEST_DATABASE_URL and no PostgreSQL server binaries here (apt-get install postgresql); ${how}` };
  const root = userInfo().uid === 0;
  const as = (cmd: string, args: string[]) =>
    root ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-pg-'));
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const init = as(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { url: undefined, label: `could not create a throwaway PostgreSQL (${(init.stderr || init.error?.message || '').trim().split('\n')[0]}); ${how}` };
  }
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`;
  const start = as(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  if (start.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { url: undefined, label: `could not start a throwaway PostgreSQL (${start.stderr.trim().split('\n')[0]}); ${how}` };
  }
  const create = as(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'test']);
  if (create.status !== 0) throw new Error(`createdb failed: ${create.stderr}`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/test`,
    label: `a throwaway PostgreSQL (${bin}) on port ${port}, removed after the run`,
    stop: async () => {
      as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
