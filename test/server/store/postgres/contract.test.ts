import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { connectionConfig } from '../../../../server/store/postgres/connect';
import { PgStore } from '../../../../server/store/postgres/pgStore';
import { dropSchema, freshSchema, pgUrl } from '../../../support/postgres';
import { storeContract, testSecondInstance, type StoreFactory } from '../contract';

/** The store contract on PostgreSQL, each case in a schema of its own; several instances share it. */
const url = pgUrl();
const schemas: string[] = [];
const postgres: StoreFactory = {
  async fresh() {
    const schema = freshSchema();
    schemas.push(schema);
    return {
      store: await PgStore.open(url!, { schema }),
      again: () => PgStore.open(url!, { schema }),
      async tamper(seq) {
        const client = new pg.Client({ ...connectionConfig(url!), options: `-c search_path=${schema}` });
        await client.connect();
        await client.query(`UPDATE tiendo_events SET body = replace(body, '"from":"notStarted"', '"from":"inReview"') WHERE position = $1`, [seq]);
        await client.end();
      },
    };
  },
};
afterAll(async () => {
  for (const s of schemas) await dropSchema(url!, s);
});

describe.skipIf(!url)('store contract: postgres', () => {
  storeContract(postgres);
  testSecondInstance(postgres);
});
