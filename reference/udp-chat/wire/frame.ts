import { ByteReader, ByteWriter, MalformedError } from './bytes.js';
import { computeCrc32 } from './crc32.js';

// The plaintext inside a SEALED datagram; PROTOCOL.md section 4 describes each kind.
export type FrameBody =
  | { readonly kind: 'ack' }
  | { readonly kind: 'join'; readonly name: string; readonly password: string }
  | { readonly kind: 'joined'; readonly name: string }
  | { readonly kind: 'refused'; readonly code: ErrorCode; readonly reason: string }
  | { readonly kind: 'say'; readonly text: string }
  | {
      readonly kind: 'message';
      readonly history: boolean;
      readonly time: number;
      readonly from: string;
      readonly text: string;
    }
  | { readonly kind: 'presence'; readonly event: 'joined' | 'left'; readonly name: string }
  | {
      readonly kind: 'file-offer';
      readonly transfer: number;
      readonly size: number;
      readonly from: string;
      readonly name: string;
    }
  | { readonly kind: 'file-chunk'; readonly transfer: number; readonly index: number; readonly data: Buffer }
  | { readonly kind: 'file-end'; readonly transfer: number; readonly sha256: Buffer }
  | { readonly kind: 'bye' }
  | { readonly kind: 'ping' }
  | { readonly kind: 'notice'; readonly code: ErrorCode; readonly text: string };

// The name of a frame kind, as used in code; kindCodes maps it to its byte.
export type FrameKind = FrameBody['kind'];

// A decoded frame: seq numbers a reliable frame (for an ACK, the frame it acknowledges);
// ack is the sender's cumulative acknowledgement, the next seq it expects from the receiver.
export interface Frame {
  readonly seq: number;
  readonly ack: number;
  readonly body: FrameBody;
}

// The error codes carried by REFUSED and NOTICE frames.
export const errorCodes = {
  incorrectPassword: 1,
  nameTaken: 2,
  invalidName: 3,
  notJoined: 4,
  malformed: 5,
  tooLong: 6,
  fileRejected: 7,
} as const;

// One of the numeric codes above.
export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

const kindCodes = {
  ack: 0x00,
  join: 0x01,
  joined: 0x02,
  refused: 0x03,
  say: 0x04,
  message: 0x05,
  presence: 0x06,
  'file-offer': 0x07,
  'file-chunk': 0x08,
  'file-end': 0x09,
  bye: 0x0a,
  ping: 0x0b,
  notice: 0x0c,
} as const satisfies Record<FrameKind, number>;

const kindsByCode = new Map<number, FrameKind>(
  Object.entries(kindCodes).map(([kind, code]) => [code, kind as FrameKind]),
);

// kind (1) + seq (4) + ack (4), and the CRC-32 trailer.
export const frameHeaderLength = 9;
export const frameCrcLength = 4;

// The result of reading a frame: a checksum mismatch means corruption, "malformed" a peer
// that speaks the protocol wrongly.
export type DecodedFrame =
  | { readonly ok: true; readonly frame: Frame }
  | { readonly ok: false; readonly problem: 'checksum' | 'malformed'; readonly detail: string };

// Whether the receiver must acknowledge a frame of this kind (every kind but ACK).
export function isReliable(body: FrameBody): boolean {
  return body.kind !== 'ack';
}

// Encodes a frame: kind, seq, ack, body, then a CRC-32 of everything before it.
export function encodeFrame(seq: number, ack: number, body: FrameBody): Buffer {
  const writer = new ByteWriter().u8(kindCodes[body.kind]).u32(seq).u32(ack);
  writeBody(writer, body);
  const unchecked = writer.toBuffer();
  const crc = Buffer.alloc(frameCrcLength);
  crc.writeUInt32BE(computeCrc32(unchecked));
  return Buffer.concat([unchecked, crc]);
}

// Reads a frame; never throws.
export function decodeFrame(plaintext: Buffer, verifyChecksum = true): DecodedFrame {
  if (plaintext.length < frameHeaderLength + frameCrcLength) {
    return { ok: false, problem: 'malformed', detail: `frame of only ${plaintext.length} bytes` };
  }
  const unchecked = plaintext.subarray(0, plaintext.length - frameCrcLength);
  if (verifyChecksum && computeCrc32(unchecked) !== plaintext.readUInt32BE(unchecked.length)) {
    return { ok: false, problem: 'checksum', detail: 'CRC-32 mismatch' };
  }
  try {
    const reader = new ByteReader(unchecked);
    const code = reader.u8();
    const kind = kindsByCode.get(code);
    if (kind === undefined) throw new MalformedError(`unknown frame kind 0x${code.toString(16)}`);
    const seq = reader.u32();
    const ack = reader.u32();
    const body = readBody(kind, reader);
    reader.end();
    return { ok: true, frame: { seq, ack, body } };
  } catch (error) {
    if (error instanceof MalformedError) return { ok: false, problem: 'malformed', detail: error.message };
    throw error;
  }
}

function writeBody(writer: ByteWriter, body: FrameBody): void {
  switch (body.kind) {
    case 'ack':
    case 'bye':
    case 'ping':
      return;
    case 'join':
      writer.str16(body.name).str16(body.password);
      return;
    case 'joined':
      writer.str16(body.name);
      return;
    case 'refused':
      writer.u8(body.code).str16(body.reason);
      return;
    case 'say':
      writer.str16(body.text);
      return;
    case 'message':
      writer
        .u8(body.history ? 1 : 0)
        .u64(body.time)
        .str16(body.from)
        .str16(body.text);
      return;
    case 'presence':
      writer.u8(body.event === 'joined' ? 1 : 2).str16(body.name);
      return;
    case 'file-offer':
      writer.u32(body.transfer).u64(body.size).str16(body.from).str16(body.name);
      return;
    case 'file-chunk':
      writer.u32(body.transfer).u32(body.index).bytes(body.data);
      return;
    case 'file-end':
      writer.u32(body.transfer).bytes(body.sha256);
      return;
    case 'notice':
      writer.u8(body.code).str16(body.text);
      return;
    default:
      return assertNever(body);
  }
}

function readBody(kind: FrameKind, reader: ByteReader): FrameBody {
  switch (kind) {
    case 'ack':
    case 'bye':
    case 'ping':
      return { kind };
    case 'join':
      return { kind, name: reader.str16(), password: reader.str16() };
    case 'joined':
      return { kind, name: reader.str16() };
    case 'refused':
      return { kind, code: readErrorCode(reader), reason: reader.str16() };
    case 'say':
      return { kind, text: reader.str16() };
    case 'message': {
      const flags = reader.u8();
      return {
        kind,
        history: (flags & 1) === 1,
        time: Number(reader.u64()),
        from: reader.str16(),
        text: reader.str16(),
      };
    }
    case 'presence': {
      const event = reader.u8();
      if (event !== 1 && event !== 2) throw new MalformedError(`unknown presence event ${event}`);
      return { kind, event: event === 1 ? 'joined' : 'left', name: reader.str16() };
    }
    case 'file-offer': {
      const transfer = reader.u32();
      const size = reader.u64();
      if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedError('file size out of range');
      return { kind, transfer, size: Number(size), from: reader.str16(), name: reader.str16() };
    }
    case 'file-chunk':
      return { kind, transfer: reader.u32(), index: reader.u32(), data: Buffer.from(reader.rest()) };
    case 'file-end':
      return { kind, transfer: reader.u32(), sha256: Buffer.from(reader.bytes(32)) };
    case 'notice':
      return { kind, code: readErrorCode(reader), text: reader.str16() };
    default:
      return assertNever(kind);
  }
}

function readErrorCode(reader: ByteReader): ErrorCode {
  const code = reader.u8();
  const known: readonly number[] = Object.values(errorCodes);
  if (!known.includes(code)) throw new MalformedError(`unknown error code ${code}`);
  return code as ErrorCode;
}

function assertNever(value: never): never {
  throw new Error(`unhandled frame kind: ${JSON.stringify(value)}`);
}
