import { resolve } from 'node:path';
import { Engine } from '../engine/engine';
import { progressOf } from '../engine/views';
import { copyStore } from '../store/copy';
import { EmbeddedStore } from '../store/embedded/embeddedStore';
import { verifyChain } from '../store/hashChain';
import { PgAccountStore } from '../store/postgres/pgAccounts';
import { PgStore } from '../store/postgres/pgStore';
import { EmbeddedFileStore } from '../files/embeddedFiles';
import { PgFileStore } from '../files/pgFiles';
import { copyFiles, describeFilesReport, verifyFiles } from '../files/verify';

/**
 * `npm run store:copy -- --to "$DATABASE_URL" [--from ./data] [--schema NAME]`: moves an agency's
 * embedded store into an empty PostgreSQL database, then checks the copy before saying done: the
 * same number of events and last position, an intact hash chain with the same head, the same
 * users, and every plan's progress identical when each store is opened by the engine.
 */
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const to = flag('--to');
const from = resolve(flag('--from') ?? process.env.DATA_DIR ?? './data');
const schema = flag('--schema');
if (!to) {
  console.error('store:copy: say where to: npm run store:copy -- --to postgres://user@host:5432/db [--from ./data]');
  process.exit(2);
}

const source = await EmbeddedStore.open(from);
const sourceChain = await verifyChain(source.readRaw());
await source.close();
if (!sourceChain.ok) {
  console.error(`store:copy: the source chain is broken at ${sourceChain.brokenAt} (${sourceChain.reason}); nothing copied`);
  process.exit(1);
}
if (sourceChain.entries === 0) {
  console.error(`store:copy: ${from} holds no events; nothing to copy`);
  process.exit(1);
}

const target = await PgStore.open(to, { schema });
const accounts = new PgAccountStore(target.pool, target.target);
try {
  // The files first: an event is never there without the files it names.
  const targetFiles = new PgFileStore(target.pool);
  const copiedFiles = await copyFiles(new EmbeddedFileStore(from), targetFiles);
  const copied = await copyStore(from, target, accounts);
  console.log(`store:copy: copied ${copied.entries} events and ${copied.users} users from ${from}`);
  console.log(`store:copy: copied ${copiedFiles} evidence files`);
  const chain = await verifyChain(target.readRaw());
  const problems: string[] = [];
  const filesReport = await verifyFiles(target.readRaw(), targetFiles);
  await targetFiles.close();
  if (!filesReport.ok) problems.push(describeFilesReport(filesReport));
  if (!chain.ok) problems.push(`chain broken at ${chain.brokenAt}: ${chain.reason}`);
  else {
    if (chain.entries !== sourceChain.entries) problems.push(`${chain.entries} events, source has ${sourceChain.entries}`);
    if (chain.lastSeq !== sourceChain.lastSeq) problems.push(`last position ${chain.lastSeq}, source ${sourceChain.lastSeq}`);
    if (chain.lastHash !== sourceChain.lastHash) problems.push('chain head differs from the source');
  }
  const now = new Date();
  const a = await Engine.open({ store: await EmbeddedStore.open(from), clock: () => now, snapshotDelayMs: 3_600_000 });
  const b = await Engine.open({ store: target, clock: () => now, snapshotDelayMs: 3_600_000 });
  for (const plan of a.listPlans()) {
    const left = JSON.stringify(progressOf(plan, now));
    const right = JSON.stringify(progressOf(b.getPlan(plan.id), now));
    if (left !== right) problems.push(`plan ${plan.id}: progress differs`);
    else console.log(`store:copy: plan ${plan.id} progress identical`);
  }
  if (b.listPlans().length !== a.listPlans().length) problems.push('the number of plans differs');
  await a.close();
  await b.close();
  if (problems.length) {
    console.error(`store:copy: the copy does NOT match: ${problems.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log(`store:copy: done, verified: ${chain.ok ? chain.entries : 0} events, last position ${sourceChain.lastSeq}, chain head ${sourceChain.lastHash.slice(0, 16)}…`);
  }
} catch (e) {
  console.error(`store:copy: ${(e as Error).message}`);
  process.exitCode = 1;
  await target.close();
}
