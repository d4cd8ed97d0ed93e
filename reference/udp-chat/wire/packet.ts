import { computeCrc32 } from './crc32.js';

// The outer layout of every datagram; PROTOCOL.md section 2 describes it byte by byte.
export const protocolVersion = 1;
// Raw X25519 keys, the SEALED header (type, version, packet number) and the GCM tag.
export const publicKeyLength = 32;
export const sealedHeaderLength = 10;
export const tagLength = 16;

const packetType = { hello: 0x01, welcome: 0x02, sealed: 0x03, reset: 0x04 } as const;
const helloLength = 2 + publicKeyLength + 4;
const welcomeLength = 2 + 2 * publicKeyLength + 4;
const resetLength = 2 + 4;

// A datagram as read off the wire. "invalid" covers every datagram that is not exactly one of
// the four layouts with a correct checksum: to a receiver it means corruption.
export type Packet =
  | { readonly type: 'hello'; readonly clientKey: Buffer }
  | { readonly type: 'welcome'; readonly serverKey: Buffer; readonly clientKey: Buffer }
  | {
      readonly type: 'sealed';
      readonly number: bigint;
      readonly header: Buffer;
      readonly ciphertext: Buffer;
      readonly tag: Buffer;
    }
  | { readonly type: 'reset' }
  | { readonly type: 'invalid'; readonly reason: string };

// HELLO: the client's ephemeral X25519 public key, in the clear but checksummed.
export function encodeHello(clientKey: Buffer): Buffer {
  return withCrc(Buffer.concat([Buffer.from([packetType.hello, protocolVersion]), clientKey]));
}

// WELCOME: the server's ephemeral public key for this client, and the client key it answers.
export function encodeWelcome(serverKey: Buffer, clientKey: Buffer): Buffer {
  return withCrc(Buffer.concat([Buffer.from([packetType.welcome, protocolVersion]), serverKey, clientKey]));
}

// RESET: "I hold no session for your address"; the client starts a new handshake.
export function encodeReset(): Buffer {
  return withCrc(Buffer.from([packetType.reset, protocolVersion]));
}

// The 10-byte SEALED header, which is also the AEAD's associated data.
export function encodeSealedHeader(number: bigint): Buffer {
  const header = Buffer.alloc(sealedHeaderLength);
  header.writeUInt8(packetType.sealed, 0);
  header.writeUInt8(protocolVersion, 1);
  header.writeBigUInt64BE(number, 2);
  return header;
}

// Reads a datagram; never throws.
export function decodePacket(datagram: Buffer): Packet {
  if (datagram.length < 2) return invalid(`only ${datagram.length} bytes`);
  const type = datagram.readUInt8(0);
  const version = datagram.readUInt8(1);
  if (version !== protocolVersion) return invalid(`version ${version}, expected ${protocolVersion}`);
  switch (type) {
    case packetType.hello:
      if (datagram.length !== helloLength || !hasValidCrc(datagram)) return invalid('bad HELLO');
      return { type: 'hello', clientKey: Buffer.from(datagram.subarray(2, 2 + publicKeyLength)) };
    case packetType.welcome:
      if (datagram.length !== welcomeLength || !hasValidCrc(datagram)) return invalid('bad WELCOME');
      return {
        type: 'welcome',
        serverKey: Buffer.from(datagram.subarray(2, 2 + publicKeyLength)),
        clientKey: Buffer.from(datagram.subarray(2 + publicKeyLength, 2 + 2 * publicKeyLength)),
      };
    case packetType.reset:
      if (datagram.length !== resetLength || !hasValidCrc(datagram)) return invalid('bad RESET');
      return { type: 'reset' };
    case packetType.sealed:
      if (datagram.length < sealedHeaderLength + tagLength) return invalid('SEALED too short');
      return {
        type: 'sealed',
        number: datagram.readBigUInt64BE(2),
        header: Buffer.from(datagram.subarray(0, sealedHeaderLength)),
        ciphertext: Buffer.from(datagram.subarray(sealedHeaderLength, datagram.length - tagLength)),
        tag: Buffer.from(datagram.subarray(datagram.length - tagLength)),
      };
    default:
      return invalid(`unknown type 0x${type.toString(16).padStart(2, '0')}`);
  }
}

function withCrc(body: Buffer): Buffer {
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(computeCrc32(body));
  return Buffer.concat([body, crc]);
}

function hasValidCrc(datagram: Buffer): boolean {
  const body = datagram.subarray(0, datagram.length - 4);
  return computeCrc32(body) === datagram.readUInt32BE(datagram.length - 4);
}

function invalid(reason: string): Packet {
  return { type: 'invalid', reason };
}
