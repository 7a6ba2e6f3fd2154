import { open, readFile, rename } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { PRIVATE_FILE_MODE } from './fileModes';

/**
 * lowdb adapter writing owner-only files (600): a temporary file created with that mode, flushed,
 * then renamed over the old one, so a crash leaves either the old or the new file, never a torn
 * one or a world-readable one. Writes are serialised.
 */
export class PrivateJSONFile<T> implements Adapter<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly path: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as T;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data, null, 2);
    const run = this.queue.then(() => this.writeNow(text));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async writeNow(text: string): Promise<void> {
    const tmp = `${this.path}.tmp`;
    const file = await open(tmp, 'w', PRIVATE_FILE_MODE);
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, this.path);
  }
}
