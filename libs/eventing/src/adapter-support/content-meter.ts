import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { AppError } from '../errors';

/** Passes content through while hashing it (sha256) and refusing it past `maxBytes`: what every blob store does on put. */
export function contentMeter(maxBytes = Number.POSITIVE_INFINITY): { stream: Transform; sha256(): string; size(): number } {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes) return cb(new AppError('too-large', 'BLOB_TOO_LARGE', `content exceeds ${maxBytes} bytes`));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  return { stream, sha256: () => hash.digest('hex'), size: () => size };
}
