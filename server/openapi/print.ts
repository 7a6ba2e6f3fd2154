import { openApiDocument } from './document';

/** `npm run openapi > openapi.json`: the document without a running server (for client generators, CI diffs). */
process.stdout.write(`${JSON.stringify(openApiDocument(), null, 2)}\n`);
