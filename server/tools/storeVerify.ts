import { resolve } from 'node:path';
import { verifyChain } from '../store/hashChain';
import { openStore } from '../store/open';
import { fileStoreFor } from '../files/open';
import { describeFilesReport, verifyFiles } from '../files/verify';

/**
 * `npm run store:verify [-- --data DIR | --db URL [--schema NAME]]`: walks the hash chain of the store the server
 * would use (DATABASE_URL, else DATA_DIR, else ./data) and says where it breaks, if it does; then
 * re-hashes every evidence file the entries name (their sha256 is in the chain) and every stored
 * file, and names the first one missing or altered. Exit 0 when intact, 1 when broken.
 */
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const databaseUrl = flag('--db') ?? (flag('--data') ? undefined : process.env.DATABASE_URL);
const dataDir = resolve(flag('--data') ?? process.env.DATA_DIR ?? './data');

const store = await openStore({ dataDir, databaseUrl, schema: flag('--schema') ?? process.env.DATABASE_SCHEMA });
const report = await verifyChain(store.readRaw());
const files = fileStoreFor(store);
const filesReport = await verifyFiles(store.readRaw(), files);
await files.close();
await store.close();
const where = databaseUrl ? 'PostgreSQL' : dataDir;
if (report.ok) {
  const legacy = report.unchained ? ` (${report.unchained} entries written before the chain existed are chained from their stored text)` : '';
  console.log(`store:verify ${where}: chain intact, ${report.entries} entries, last position ${report.lastSeq}, head ${report.lastHash.slice(0, 16)}…${legacy}`);
} else {
  console.error(`store:verify ${where}: chain BROKEN at position ${report.brokenAt} (${report.entries} entries read): ${report.reason}`);
  process.exitCode = 1;
}
if (filesReport.ok) console.log(`store:verify ${where}: ${describeFilesReport(filesReport)}`);
else {
  console.error(`store:verify ${where}: ${describeFilesReport(filesReport)}`);
  process.exitCode = 1;
}
