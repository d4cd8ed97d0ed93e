import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { joinUdpClient, makeScratch, removeScratch, startServer, startUdpClient } from './support/chat-programs.js';
import { findFreeUdpPort } from './support/free-port.js';
import { killAllPrograms, Program, referenceScript } from './support/program.js';

function token(): string {
  return randomBytes(6).toString('hex');
}

describe('reference UDP chat', () => {
  let port: number;
  let dir: (actor: string) => string;

  beforeEach(async () => {
    port = await findFreeUdpPort();
    dir = makeScratch();
  });

  afterEach(async () => {
    await killAllPrograms();
    removeScratch();
  });

  it('prompts for server IP, port, name and password one at a time, without newlines, then joins', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const client = Program.start('alice', referenceScript('udp-chat/client.js'), { cwd: dir('alice') });
    const steps: [string, string][] = [
      ['Server IP: ', '127.0.0.1'],
      ['Port: ', String(port)],
      ['Name: ', 'alice'],
      ['Password: ', '123'],
    ];
    let expected = '';
    for (const [prompt, answer] of steps) {
      expected += prompt;
      await client.waitFor(new RegExp(`${prompt.replace('.', '\\.')}$`));
      expect(client.output).toBe(expected);
      client.type(answer);
    }
    await client.waitFor('joined as alice\n');
    expect(client.output).toBe(`${expected}joined as alice\n`);
    await server.waitFor('* alice joined\n');
  });

  it('prints each message on the server and forwards it to every other client, not back to its sender', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port });
    const bob = await joinUdpClient('bob', { cwd: dir('bob'), port });
    const carol = await joinUdpClient('carol', { cwd: dir('carol'), port });
    await alice.waitFor('* bob joined\n');
    await alice.waitFor('* carol joined\n');
    await bob.waitFor('* carol joined\n');

    const text = `halo ${token()}`;
    alice.type(text);
    await server.waitFor(`\nalice: ${text}\n`);
    await bob.waitFor(`\nalice: ${text}\n`);
    await carol.waitFor(`\nalice: ${text}\n`);

    // Delivery to alice is in order, so once bob's later message reaches her, her own would have too.
    const reply = `balas ${token()}`;
    bob.type(reply);
    await alice.waitFor(`\nbob: ${reply}\n`);
    expect(alice.output).not.toContain(text);
    expect(server.countLines(`alice: ${text}`)).toBe(1);
    expect(bob.countLines(`alice: ${text}`)).toBe(1);
  });

  it('announces leaving on !q and on end of input, and both exit 0', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port });
    const bob = await joinUdpClient('bob', { cwd: dir('bob'), port });
    const carol = await joinUdpClient('carol', { cwd: dir('carol'), port });

    const last = `sampai jumpa ${token()}`;
    bob.type(last);
    bob.type('!q');
    expect(await bob.waitExit()).toBe(0);
    await alice.waitFor(`bob: ${last}\n* bob left\n`);
    await server.waitFor('* bob left\n');

    carol.endInput();
    expect(await carol.waitExit()).toBe(0);
    await alice.waitFor('* carol left\n');
    await server.waitFor('* carol left\n');
  });

  it('refuses a wrong password, exits 1, and nothing of that client reaches the room', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port });
    const mallory = await startUdpClient('mallory', { cwd: dir('mallory'), port, password: 'not-123' });
    mallory.type(`sneaky ${token()}`);
    await mallory.waitFor('refused: incorrect password\n');
    expect(await mallory.waitExit()).toBe(1);
    expect(mallory.output).not.toMatch(/joined/);
    await server.waitFor(/refused 127\.0\.0\.1:\d+ as "mallory": incorrect password\n/);

    const still = `masih di sini ${token()}`;
    const bob = await joinUdpClient('bob', { cwd: dir('bob'), port });
    alice.type(still);
    await bob.waitFor(`alice: ${still}\n`);
    expect(alice.output).not.toContain('mallory');
    expect(server.output).not.toContain('sneaky');
  });

  it('honours CHAT_PASSWORD instead of 123', async () => {
    await startServer('udp-chat', { cwd: dir('server'), port, env: { CHAT_PASSWORD: 'rahasia' } });
    const old = await startUdpClient('alice', { cwd: dir('alice'), port, password: '123' });
    await old.waitFor('refused: incorrect password\n');
    await joinUdpClient('alice', { cwd: dir('alice2'), port, password: 'rahasia' });
  });

  it('refuses a name already in the room, exits 1, and its owner keeps chatting', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port });
    const bob = await joinUdpClient('bob', { cwd: dir('bob'), port });
    const impostor = await startUdpClient('alice', { cwd: dir('impostor'), port });
    await impostor.waitFor('refused: name already taken\n');
    expect(await impostor.waitExit()).toBe(1);
    const upper = await startUdpClient('ALICE', { cwd: dir('upper'), port });
    await upper.waitFor('refused: name already taken\n');

    const text = `masih di sini ${token()}`;
    alice.type(text);
    await bob.waitFor(`alice: ${text}\n`);
    expect(bob.countLines('* alice joined')).toBe(0);
    expect(bob.output).not.toContain('* alice left');
    expect(server.countLines('* alice joined')).toBe(1);
  });

  it('frees the name of a client killed without goodbye', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port });
    const bob = await joinUdpClient('bob', { cwd: dir('bob'), port });
    alice.kill('SIGKILL');
    await alice.waitExit();
    const again = await joinUdpClient('alice', { cwd: dir('alice'), port });
    await bob.waitFor('* alice left\n* alice joined\n');
    await server.waitFor('* alice left\n* alice joined\n');
    const text = `kembali ${token()}`;
    again.type(text);
    await bob.waitFor(`alice: ${text}\n`);
  });

  it('says goodbye when stopped with SIGTERM and exits 0', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port });
    const bob = await joinUdpClient('bob', { cwd: dir('bob'), port });
    alice.kill('SIGTERM');
    expect(await alice.waitExit()).toBe(0);
    await bob.waitFor('* alice left\n');
    await server.waitFor('* alice left\n');
  });

  it('sends a 200 KB binary file that every other client saves byte for byte under received/', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port });
    const bob = await joinUdpClient('bob', { cwd: dir('bob'), port });
    const carol = await joinUdpClient('carol', { cwd: dir('carol'), port });
    const content = randomBytes(200 * 1024);
    writeFileSync(path.join(dir('alice'), 'foto.bin'), content);

    alice.type('/file foto.bin');
    await bob.waitFor(`file received: foto.bin (${content.length} bytes) from alice\n`);
    await carol.waitFor(`file received: foto.bin (${content.length} bytes) from alice\n`);
    await alice.waitFor(`file sent: foto.bin (${content.length} bytes)\n`);
    await server.waitFor(`alice sent file foto.bin (${content.length} bytes)\n`);
    expect(readFileSync(path.join(dir('bob'), 'received', 'foto.bin')).equals(content)).toBe(true);
    expect(readFileSync(path.join(dir('carol'), 'received', 'foto.bin')).equals(content)).toBe(true);
    expect(existsSync(path.join(dir('alice'), 'received'))).toBe(false);

    alice.type('/file no-such-file.bin');
    await alice.waitFor('error: cannot read no-such-file.bin: ENOENT\n');
  });

  it('keeps history in chat_history.jsonl and replays it, marked, to clients joining after a restart', async () => {
    const serverDir = dir('server');
    const first = await startServer('udp-chat', { cwd: serverDir, port });
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port });
    const texts = [`pertama ${token()}`, `kedua ${token()}`];
    for (const text of texts) alice.type(text);
    await first.waitFor(`alice: ${texts[1]}\n`);
    alice.type('!q');
    expect(await alice.waitExit()).toBe(0);
    first.kill('SIGTERM');
    expect(await first.waitExit()).toBe(0);
    const stored = readFileSync(path.join(serverDir, 'chat_history.jsonl'), 'utf8').trim().split('\n');
    expect(stored.map((line) => (JSON.parse(line) as { text: string }).text)).toEqual(texts);

    const second = await startServer('udp-chat', { cwd: serverDir, port });
    await second.waitFor('history: loaded 2 messages from chat_history.jsonl\n');
    const carol = await joinUdpClient('carol', { cwd: dir('carol'), port });
    await carol.waitFor(`joined as carol\n[history] alice: ${texts[0]}\n[history] alice: ${texts[1]}\n`);
  });

  it('serves a crowd of 12 clients chatting at once, each hearing every other', async () => {
    const server = await startServer('udp-chat', { cwd: dir('server'), port });
    const names = Array.from({ length: 12 }, (_, index) => `user${index + 1}`);
    const clients = await Promise.all(names.map((name) => joinUdpClient(name, { cwd: dir(name), port })));
    const sent = names.map((name) => Array.from({ length: 3 }, (_, index) => `${name} pesan ${index + 1} ${token()}`));
    clients.forEach((client, index) => {
      for (const text of sent[index] ?? []) client.type(text);
    });
    await Promise.all(
      clients.flatMap((client, index) =>
        names.flatMap((name, other) =>
          other === index ? [] : (sent[other] ?? []).map((text) => client.waitFor(`${name}: ${text}\n`, 30_000)),
        ),
      ),
    );
    for (const [index, name] of names.entries()) {
      for (const text of sent[index] ?? []) expect(server.countLines(`${name}: ${text}`)).toBe(1);
    }
  });

  it('rejoins on its own when the server restarts under it', async () => {
    const serverDir = dir('server');
    const first = await startServer('udp-chat', { cwd: serverDir, port });
    const alice = await joinUdpClient('alice', { cwd: dir('alice'), port });
    first.kill('SIGTERM');
    await first.waitExit();
    const second = await startServer('udp-chat', { cwd: serverDir, port });
    const text = `setelah restart ${token()}`;
    alice.type(text);
    await alice.waitFor(/connection lost \(.*\), rejoining\n/);
    await second.waitFor(`alice: ${text}\n`);
    expect(alice.output.match(/joined as alice\n/g)).toHaveLength(2);
  });
});
