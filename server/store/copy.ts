import { parseEntry, streamKey, streamOf } from './entries';
import { chainHash, GENESIS, type RawEntry } from './hashChain';
import { AccountStore } from './accounts';
import type { StoredUser } from './accountsPort';
import { EmbeddedStore } from './embedded/embeddedStore';
import type { PgAccountStore } from './postgres/pgAccounts';
import type { CopiedEntry, PgStore } from './postgres/pgStore';

/**
 * Entries as another store must hold them: each with its stream version and chain hash. Entries
 * written before the store port have neither stored; they get the ones the embedded store would
 * compute for them, so the copy verifies as a chain from its first entry.
 */
export async function* copiedEntries(raw: AsyncIterable<RawEntry>): AsyncIterable<CopiedEntry> {
  const versions = new Map<string, number>();
  let previous = GENESIS;
  for await (const r of raw) {
    const entry = parseEntry(r.body, `entry ${r.seq}`);
    const key = streamKey(streamOf(entry));
    const sv = (versions.get(key) ?? 0) + 1;
    versions.set(key, sv);
    const hash = chainHash(previous, r.body);
    if (r.hash !== undefined && r.hash !== hash) throw new Error(`entry ${r.seq}: its hash does not match the chain; run store:verify on the source`);
    previous = hash;
    yield { seq: r.seq, sv, body: r.body, hash, entry };
  }
}

/**
 * Copies an embedded store (DATA_DIR) into an empty PostgreSQL store: users, then every entry
 * verbatim in one transaction. Snapshots are not copied: PostgreSQL rebuilds them from the log.
 */
export async function copyStore(
  dataDir: string,
  target: PgStore,
  accounts: PgAccountStore,
  opts: { replaceUsers?: boolean } = {},
): Promise<{ entries: number; users: number }> {
  const source = await EmbeddedStore.open(dataDir);
  const sourceAccounts = await AccountStore.open(dataDir);
  try {
    const users: StoredUser[] = [];
    for (const view of await sourceAccounts.listUsers()) users.push((await sourceAccounts.findById(view.id))!);
    if (!opts.replaceUsers && (await accounts.hasUsers())) throw new Error('the PostgreSQL store already has users; refusing to copy into it');
    await accounts.replaceUsers(users);
    const entries = await target.importRaw(copiedEntries(source.readRaw()));
    return { entries, users: users.length };
  } finally {
    await source.close();
  }
}
