import { createInflateRaw, crc32 } from 'node:zlib';
import { corrupt, sizeLie, type ZipEntry } from './zipDirectory';

const STORED_CHUNK = 64 * 1024;

/**
 * Inflates one entry, handing each piece to `use` as it comes and keeping none: memory stays at
 * zlib's window and one 16 KB chunk whatever the entry holds. Reading stops the moment the output
 * passes the size the directory declared (the headers may lie), and the whole must match that size
 * and its CRC-32. Runs on libuv's pool, so a large part does not hold up other requests.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, use: (chunk: Uint8Array) => void): Promise<void> {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) {
    return new Promise((resolve) => {
      for (let at = 0; at < data.length; at += STORED_CHUNK) use(data.subarray(at, at + STORED_CHUNK));
      if (crc32(data) >>> 0 !== entry.crc32) throw corrupt(`phần «${entry.name}» sai mã kiểm tra CRC`);
      resolve();
    });
  }
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let seen = 0;
    let crc = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      reject(error);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (settled) return;
      seen += chunk.length;
      if (seen > entry.size) return fail(sizeLie(entry.name, seen));
      crc = crc32(chunk, crc);
      try {
        use(chunk);
      } catch (error) {
        fail(error);
      }
    });
    inflate.on('error', () => fail(corrupt(`phần «${entry.name}» không giải nén được`)));
    inflate.on('end', () => {
      if (settled) return;
      if (seen !== entry.size) return fail(sizeLie(entry.name, seen));
      if (crc >>> 0 !== entry.crc32) return fail(corrupt(`phần «${entry.name}» sai mã kiểm tra CRC`));
      settled = true;
      resolve();
    });
    inflate.end(data);
  });
}
