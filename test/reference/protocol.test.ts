import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, diffieHellman, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveSessionKeys } from '../../reference/udp-chat/crypto/key-agreement.js';
import { PacketSealer } from '../../reference/udp-chat/crypto/packet-sealer.js';
import { computeCrc32 } from '../../reference/udp-chat/wire/crc32.js';
import { decodeFrame, encodeFrame } from '../../reference/udp-chat/wire/frame.js';
import { decodePacket, encodeHello, encodeReset, encodeWelcome } from '../../reference/udp-chat/wire/packet.js';
import { joinUdpClient, makeScratch, removeScratch, startServer } from './support/chat-programs.js';
import { findFreeUdpPort } from './support/free-port.js';
import { killAllPrograms, Program, repoRoot } from './support/program.js';
import { UdpRelay } from './support/udp-relay.js';

const protocolText = readFileSync(path.join(repoRoot, 'reference', 'PROTOCOL.md'), 'utf8');

// An X25519 private key from its 32 raw bytes (PKCS#8 wrapping of RFC 8410).
function privateKeyFromRaw(hex: string): ReturnType<typeof createPrivateKey> {
  const prefix = Buffer.from('302e020100300506032b656e04220420', 'hex');
  return createPrivateKey({ key: Buffer.concat([prefix, Buffer.from(hex, 'hex')]), format: 'der', type: 'pkcs8' });
}

function rawPublic(key: ReturnType<typeof createPrivateKey>): Buffer {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url');
}

describe('PROTOCOL.md', () => {
  it('quotes test vectors that the reference implementation reproduces', () => {
    const client = privateKeyFromRaw('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    const server = privateKeyFromRaw('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb');
    const clientKey = rawPublic(client);
    const serverKey = rawPublic(server);
    const shared = diffieHellman({ privateKey: client, publicKey: createPublicKey(server) });
    const keys = deriveSessionKeys(shared, clientKey, serverKey);
    const clientSealer = new PacketSealer(keys, 'client', true);
    const serverSealer = new PacketSealer(keys, 'server', true);
    const join = encodeFrame(0, 0, { kind: 'join', name: 'alice', password: '123' });
    const sayFrame = encodeFrame(1, 1, { kind: 'say', text: 'halo' });
    const joined = encodeFrame(0, 1, { kind: 'joined', name: 'alice' });
    const vectors = [
      clientKey,
      serverKey,
      shared,
      keys.clientToServerKey,
      keys.serverToClientKey,
      keys.clientToServerNoncePrefix,
      keys.serverToClientNoncePrefix,
      encodeHello(clientKey),
      encodeWelcome(serverKey, clientKey),
      encodeReset(),
      join,
      clientSealer.seal(join),
      sayFrame,
      clientSealer.seal(sayFrame),
      joined,
      serverSealer.seal(joined),
      encodeFrame(0, 1, { kind: 'ack' }),
    ];
    for (const vector of vectors) expect(protocolText).toContain(vector.toString('hex'));
    expect(computeCrc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips a frame through sealing and opening, and rejects it after one flipped bit', () => {
    const client = privateKeyFromRaw('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    const server = privateKeyFromRaw('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb');
    const shared = diffieHellman({ privateKey: client, publicKey: createPublicKey(server) });
    const keys = deriveSessionKeys(shared, rawPublic(client), rawPublic(server));
    const datagram = new PacketSealer(keys, 'client', true).seal(encodeFrame(1, 1, { kind: 'say', text: 'halo' }));
    const receiver = new PacketSealer(keys, 'server', true);
    const packet = decodePacket(datagram);
    if (packet.type !== 'sealed') throw new Error(`expected a SEALED datagram, got ${packet.type}`);
    const opened = receiver.open(packet);
    expect(opened && decodeFrame(opened)).toEqual({
      ok: true,
      frame: { seq: 1, ack: 1, body: { kind: 'say', text: 'halo' } },
    });
    for (let offset = 0; offset < datagram.length; offset++) {
      const corrupted = Buffer.from(datagram);
      corrupted[offset] = (corrupted[offset] ?? 0) ^ 0x10;
      const damaged = decodePacket(corrupted);
      const outcome = damaged.type === 'sealed' ? receiver.open(damaged) : undefined;
      expect(outcome, `bit flipped at offset ${offset}`).toBeUndefined();
    }
  });

  it('documents every frame kind and error code the implementation knows', () => {
    for (const name of [
      'ACK',
      'JOIN',
      'JOINED',
      'REFUSED',
      'SAY',
      'MESSAGE',
      'PRESENCE',
      'FILE_OFFER',
      'FILE_CHUNK',
      'FILE_END',
      'BYE',
      'PING',
      'NOTICE',
    ]) {
      expect(protocolText).toMatch(new RegExp(`\\| \`0x[0-9A-F]{2}\` \\| ${name} \\|`));
    }
    for (const reason of [
      'incorrect password',
      'name already taken',
      'invalid name',
      'not joined',
      'malformed frame',
      'message too long',
      'file rejected',
    ]) {
      expect(protocolText).toContain(reason);
    }
  });
});

const hasPythonCrypto = spawnSync('python3', ['-c', 'import cryptography'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasPythonCrypto)('a Python client written from PROTOCOL.md alone', () => {
  let port: number;
  let dir: (actor: string) => string;
  const relays: UdpRelay[] = [];

  beforeEach(async () => {
    port = await findFreeUdpPort();
    dir = makeScratch();
  });

  afterEach(async () => {
    await killAllPrograms();
    for (const relay of relays.splice(0)) relay.close();
    removeScratch();
  });

  function startPython(name: string, targetPort: number, password = '123'): Program {
    const script = path.join(repoRoot, 'test', 'reference', 'support', 'protocol_client.py');
    return Program.spawn(name, 'python3', [script, '127.0.0.1', String(targetPort), name, password], {
      cwd: dir(name),
      env: { PYTHONUNBUFFERED: '1' },
    });
  }

  it('joins the reference server and chats both ways with a reference client, through a lossy link', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const relay = await UdpRelay.start(port, { seed: 99, faults: { drop: 0.2, duplicate: 0.1, reorder: 0.1 } });
    relays.push(relay);
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port });
    const budi = startPython('budi', relay.port);
    await budi.waitFor('joined as budi\n');
    await alice.waitFor('* budi joined\n');

    const texts = Array.from({ length: 5 }, (_, index) => `dari python ${index} ${randomBytes(4).toString('hex')}`);
    for (const text of texts) budi.type(text);
    for (const text of texts) await alice.waitFor(`budi: ${text}\n`);
    expect(alice.output.split('\n').filter((line) => line.startsWith('budi: dari python'))).toEqual(
      texts.map((text) => `budi: ${text}`),
    );
    await server.waitFor(`budi: ${texts[4]}\n`);

    const reply = `dari node ${randomBytes(4).toString('hex')}`;
    alice.type(reply);
    await budi.waitFor(`alice: ${reply}\n`);
    budi.type('!q');
    expect(await budi.waitExit()).toBe(0);
    await alice.waitFor('* budi left\n');
  });

  it('is refused by the reference server for a wrong password', async () => {
    await startServer('udp-chat', { cwd: dir('server'), port });
    const mallory = startPython('mallory', port, 'salah');
    await mallory.waitFor('refused: incorrect password\n');
    expect(await mallory.waitExit()).toBe(1);
  });
});
