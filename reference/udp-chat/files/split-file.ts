import { createHash } from 'node:crypto';
import type { FrameBody } from '../wire/frame.js';
import { limits } from '../settings.js';
import { sanitizeFileName } from './file-name.js';

// The frames that carry one file: FILE_OFFER, then FILE_CHUNKs of at most fileChunkBytes,
// then FILE_END with the SHA-256 of the whole content.
export function splitFile(transfer: number, name: string, content: Buffer, from = ''): FrameBody[] {
  const frames: FrameBody[] = [
    { kind: 'file-offer', transfer, size: content.length, from, name: sanitizeFileName(name) },
  ];
  for (let index = 0, offset = 0; offset < content.length; index++, offset += limits.fileChunkBytes) {
    frames.push({
      kind: 'file-chunk',
      transfer,
      index,
      data: content.subarray(offset, offset + limits.fileChunkBytes),
    });
  }
  frames.push({ kind: 'file-end', transfer, sha256: createHash('sha256').update(content).digest() });
  return frames;
}
