import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { joinUdpClient, makeScratch, removeScratch, startServer } from './support/chat-programs.js';
import { findFreeUdpPort } from './support/free-port.js';
import { killAllPrograms, type Program } from './support/program.js';
import { carriesMessage, flipBit, UdpRelay } from './support/udp-relay.js';

function token(): string {
  return randomBytes(6).toString('hex');
}

const integrityLine = (peer: string): string => `integrity check failed: message from ${peer} was corrupted\n`;

// The chat lines of a program's output that carry one of these texts, in the order printed.
function chatLines(program: Program, name: string, texts: readonly string[]): string[] {
  const wanted = new Set(texts.map((text) => `${name}: ${text}`));
  return program.output.split('\n').filter((line) => wanted.has(line));
}

describe('reference UDP chat under faults', () => {
  let port: number;
  let dir: (actor: string) => string;
  const relays: UdpRelay[] = [];

  async function startRelay(options: Parameters<typeof UdpRelay.start>[1] = {}): Promise<UdpRelay> {
    const relay = await UdpRelay.start(port, options);
    relays.push(relay);
    return relay;
  }

  beforeEach(async () => {
    port = await findFreeUdpPort();
    dir = makeScratch();
  });

  afterEach(async () => {
    await killAllPrograms();
    for (const relay of relays.splice(0)) relay.close();
    removeScratch();
  });

  it('delivers 20 messages each way exactly once, in order, through 20% loss, duplication and reordering', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const relay = await startRelay({ seed: 20241101, faults: { drop: 0.2, duplicate: 0.15, reorder: 0.15 } });
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port: relay.port });
    const bob = await joinUdpClient('bob', { cwd: dir('bob'), port: relay.port });

    const fromAlice = Array.from({ length: 20 }, (_, index) => `pesan ${index + 1} ${token()}`);
    const fromBob = Array.from({ length: 20 }, (_, index) => `balasan ${index + 1} ${token()}`);
    for (let index = 0; index < 20; index++) {
      alice.type(fromAlice[index] ?? '');
      bob.type(fromBob[index] ?? '');
    }
    const doneAlice = `selesai ${token()}`;
    const doneBob = `selesai ${token()}`;
    alice.type(doneAlice);
    bob.type(doneBob);
    await bob.waitFor(`alice: ${doneAlice}\n`, 60_000);
    await alice.waitFor(`bob: ${doneBob}\n`, 60_000);
    await server.waitFor(`alice: ${doneAlice}\n`, 60_000);
    await server.waitFor(`bob: ${doneBob}\n`, 60_000);

    expect(chatLines(server, 'alice', fromAlice)).toEqual(fromAlice.map((text) => `alice: ${text}`));
    expect(chatLines(server, 'bob', fromBob)).toEqual(fromBob.map((text) => `bob: ${text}`));
    expect(chatLines(bob, 'alice', fromAlice)).toEqual(fromAlice.map((text) => `alice: ${text}`));
    expect(chatLines(alice, 'bob', fromBob)).toEqual(fromBob.map((text) => `bob: ${text}`));
    for (const program of [server, alice, bob]) expect(program.output).not.toContain('integrity check failed');
    expect(relay.counts.dropped).toBeGreaterThan(10);
    expect(relay.counts.duplicated).toBeGreaterThan(5);
    expect(relay.counts.reordered).toBeGreaterThan(5);
  });

  it('carries a 200 KB file intact through the same lossy relay', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const relay = await startRelay({ seed: 7, faults: { drop: 0.2, duplicate: 0.1, reorder: 0.1 } });
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port: relay.port });
    const bob = await joinUdpClient('bob', { cwd: dir('bob'), port: relay.port });
    const content = randomBytes(200 * 1024);
    writeFileSync(path.join(dir('alice'), 'data.bin'), content);
    alice.type('/file data.bin');
    await bob.waitFor(`file received: data.bin (${content.length} bytes) from alice\n`, 90_000);
    await server.waitFor(`alice sent file data.bin (${content.length} bytes)\n`);
    expect(readFileSync(path.join(dir('bob'), 'received', 'data.bin')).equals(content)).toBe(true);
  });

  // Offsets into a SEALED datagram: type, version, packet number, frame kind, text, GCM tag.
  const flips: readonly [string, number, number][] = [
    ['the type byte', 0, 1],
    ['the version byte', 1, 0],
    ['the packet number', 9, 3],
    ['the frame kind', 10, 2],
    ['the message text', 24, 5],
    ['the authentication tag', -1, 7],
  ];

  it('flags a flipped bit anywhere in a client-to-server datagram, and delivers the intact retransmission once', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const relay = await startRelay();
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port: relay.port });
    const bob = await joinUdpClient('bob', { cwd: dir('bob'), port });
    for (const [where, offset, bit] of flips) {
      const text = `utuh ${where} ${token()}`;
      const flipped = relay.corruptNext('up', flipBit(offset, bit), carriesMessage);
      const reports = server.countLines(integrityLine('alice').trim());
      alice.type(text);
      await flipped;
      await server.waitFor(`alice: ${text}\n`);
      await bob.waitFor(`alice: ${text}\n`);
      expect(server.countLines(integrityLine('alice').trim()), where).toBe(reports + 1);
      expect(server.countLines(`alice: ${text}`), where).toBe(1);
      expect(bob.countLines(`alice: ${text}`), where).toBe(1);
    }
    expect(bob.output).not.toContain('integrity check failed');
  });

  it('flags a flipped bit in a server-to-client datagram on the receiving client', async () => {
    await startServer('udp-chat', { cwd: dir('server'), port });
    const relay = await startRelay();
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port });
    const bob = await joinUdpClient('bob', { cwd: dir('bob'), port: relay.port });
    for (const [where, offset, bit] of flips) {
      const text = `utuh ${where} ${token()}`;
      const reports = bob.countLines(integrityLine('server').trim());
      const flipped = relay.corruptNext('down', flipBit(offset, bit), carriesMessage);
      alice.type(text);
      await flipped;
      await bob.waitFor(`alice: ${text}\n`);
      expect(bob.countLines(integrityLine('server').trim()), where).toBe(reports + 1);
      expect(bob.countLines(`alice: ${text}`), where).toBe(1);
    }
  });

  it('flags a corrupted handshake datagram and still joins', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const relay = await startRelay();
    void relay.corruptNext('up', flipBit(5));
    void relay.corruptNext('down', flipBit(40));
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port: relay.port });
    await server.waitFor(/integrity check failed: message from 127\.0\.0\.1:\d+ was corrupted\n/);
    await alice.waitFor(integrityLine('server'));
  });

  it('puts no chat text, name, password or file content on the wire, in either direction', async () => {
    const password = 'kata-sandi-rahasia-4711';
    await startServer('udp-chat', { cwd: dir('server'), port, env: { CHAT_PASSWORD: password } });
    const relay = await startRelay();
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port: relay.port, password });
    const bob = await joinUdpClient('bob', { cwd: dir('bob'), port: relay.port, password });
    const texts = [`rahasia ${token()}`, `sangat rahasia ${token()}`];
    const fileText = `isi berkas ${token()} `.repeat(50);
    writeFileSync(path.join(dir('alice'), 'catatan.txt'), fileText);
    alice.type(texts[0] ?? '');
    bob.type(texts[1] ?? '');
    alice.type('/file catatan.txt');
    await bob.waitFor(`alice: ${texts[0]}\n`);
    await alice.waitFor(`bob: ${texts[1]}\n`);
    await bob.waitFor('file received: catatan.txt');

    const wire = Buffer.concat(relay.captured.map((datagram) => datagram.bytes));
    expect(relay.captured.some((datagram) => datagram.direction === 'down')).toBe(true);
    const secrets = [...texts, fileText.slice(0, 40), password, 'alice', 'bob', 'catatan.txt'];
    for (const secret of secrets) {
      for (const encoding of ['utf8', 'utf16le', 'hex', 'base64'] as const) {
        const needle = Buffer.from(
          Buffer.from(secret, 'utf8').toString(encoding === 'utf16le' ? 'utf8' : encoding),
          encoding === 'utf16le' ? 'utf16le' : 'latin1',
        );
        expect(wire.includes(needle), `${secret} (${encoding})`).toBe(false);
      }
    }
    const types = new Set(relay.captured.map((datagram) => datagram.bytes[0]));
    expect([...types].every((type) => type !== undefined && type >= 1 && type <= 4)).toBe(true);
  });

  it('can be broken on purpose: SOCKGRADE_REFERENCE_BREAK=integrity delivers the corrupted text silently', async () => {
    const server = await startServer('udp-chat', {
      cwd: dir('server'),
      port,
      env: { SOCKGRADE_REFERENCE_BREAK: 'integrity' },
    });
    const relay = await startRelay();
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port: relay.port });
    const text = 'aaaaaaaaaaaaaaaa';
    const flipped = relay.corruptNext('up', flipBit(25, 1), carriesMessage);
    alice.type(text);
    await flipped;
    await server.waitFor(/alice: a*ca*\n/);
    expect(server.output).not.toContain('integrity check failed');
    expect(server.output).not.toContain(`alice: ${text}\n`);
  });
});
