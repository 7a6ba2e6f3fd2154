import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { EmbeddedStore, LOG_FILE } from '../../../../server/store/embedded/embeddedStore';
import { storeContract, type StoreFactory } from '../contract';

/** The store contract on the embedded store: a single writer, so no second-instance part. */
const embedded: StoreFactory = {
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-contract-'));
    return {
      store: await EmbeddedStore.open(dir),
      again: () => EmbeddedStore.open(dir),
      async tamper(seq) {
        const path = join(dir, LOG_FILE);
        const lines = readFileSync(path, 'utf8').split('\n');
        lines[seq - 1] = lines[seq - 1].replace('"from":"notStarted"', '"from":"inReview"');
        writeFileSync(path, lines.join('\n'));
      },
    };
  },
};

describe('store contract: embedded', () => {
  storeContract(embedded);
});
