import { createHash, type Hash } from 'node:crypto';
import type { FrameBody } from '../wire/frame.js';
import { limits } from '../settings.js';
import { sanitizeFileName } from './file-name.js';

type FileFrame = Extract<FrameBody, { kind: 'file-offer' | 'file-chunk' | 'file-end' }>;

interface Transfer {
  readonly name: string;
  readonly from: string;
  readonly size: number;
  readonly hash: Hash;
  readonly chunks: Buffer[];
  received: number;
}

// What feeding one file frame produced: nothing yet, a complete verified file, or a problem.
export type AssemblyEvent =
  | { readonly type: 'pending' }
  | { readonly type: 'complete'; readonly name: string; readonly from: string; readonly content: Buffer }
  | { readonly type: 'corrupt'; readonly name: string; readonly from: string }
  | { readonly type: 'rejected'; readonly detail: string };

// Reassembles files from in-order FILE_OFFER / FILE_CHUNK / FILE_END frames and checks each
// against its announced size and SHA-256 before handing it over.
export class FileAssembler {
  private readonly transfers = new Map<number, Transfer>();

  accept(frame: FileFrame, sender: string): AssemblyEvent {
    switch (frame.kind) {
      case 'file-offer': {
        if (frame.size > limits.maxFileBytes)
          return { type: 'rejected', detail: `file of ${frame.size} bytes is too large` };
        const from = frame.from === '' ? sender : frame.from;
        this.transfers.set(frame.transfer, {
          name: sanitizeFileName(frame.name),
          from,
          size: frame.size,
          hash: createHash('sha256'),
          chunks: [],
          received: 0,
        });
        return { type: 'pending' };
      }
      case 'file-chunk': {
        const transfer = this.transfers.get(frame.transfer);
        if (transfer === undefined) return { type: 'rejected', detail: `chunk of unknown transfer ${frame.transfer}` };
        if (frame.index !== transfer.chunks.length || transfer.received + frame.data.length > transfer.size) {
          this.transfers.delete(frame.transfer);
          return { type: 'corrupt', name: transfer.name, from: transfer.from };
        }
        transfer.chunks.push(frame.data);
        transfer.hash.update(frame.data);
        transfer.received += frame.data.length;
        return { type: 'pending' };
      }
      case 'file-end': {
        const transfer = this.transfers.get(frame.transfer);
        if (transfer === undefined) return { type: 'rejected', detail: `end of unknown transfer ${frame.transfer}` };
        this.transfers.delete(frame.transfer);
        const intact = transfer.received === transfer.size && transfer.hash.digest().equals(frame.sha256);
        if (!intact) return { type: 'corrupt', name: transfer.name, from: transfer.from };
        return { type: 'complete', name: transfer.name, from: transfer.from, content: Buffer.concat(transfer.chunks) };
      }
      default:
        return assertNever(frame);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled file frame ${JSON.stringify(value)}`);
}
