import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeScratch, removeScratch, startServer } from './support/chat-programs.js';
import { findFreeTcpPort } from './support/free-port.js';
import { killAllPrograms, Program, referenceScript } from './support/program.js';
import { TcpPeer } from './support/tcp-peer.js';

function token(): string {
  return randomBytes(6).toString('hex');
}

describe('reference TCP chat', () => {
  let port: number;
  let dir: (actor: string) => string;
  const peers: TcpPeer[] = [];

  async function join(name: string): Promise<TcpPeer> {
    const peer = await TcpPeer.join(port, name);
    peers.push(peer);
    return peer;
  }

  beforeEach(async () => {
    port = await findFreeTcpPort();
    dir = makeScratch();
  });

  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.close();
    await killAllPrograms();
    removeScratch();
  });

  it('asks each connection for a username over the socket and announces joins to the others', async () => {
    const server = await startServer('tcp-chat', { cwd: dir('server'), port });
    const alice = await join('alice');
    expect(alice.received).toBe('Enter username: joined as alice\n');
    await join('bob');
    await alice.waitFor('* bob joined\n');
    await server.waitFor('* alice joined\n* bob joined\n');
  });

  it('re-asks for a name already taken', async () => {
    await startServer('tcp-chat', { cwd: dir('server'), port });
    await join('alice');
    const second = await TcpPeer.open(port);
    peers.push(second);
    await second.waitFor('Enter username: ');
    await second.write('alice\n');
    await second.waitFor('name already taken\nEnter username: ');
    await second.write('bob\n');
    await second.waitFor('joined as bob\n');
  });

  it('broadcasts "name: text" to everyone but the sender, and prints it on the server', async () => {
    const server = await startServer('tcp-chat', { cwd: dir('server'), port });
    const alice = await join('alice');
    const bob = await join('bob');
    const carol = await join('carol');
    const text = `halo ${token()}`;
    await alice.write(`${text}\n`);
    await bob.waitFor(`alice: ${text}\n`);
    await carol.waitFor(`alice: ${text}\n`);
    await server.waitFor(`alice: ${text}\n`);
    const reply = `balas ${token()}`;
    await bob.write(`${reply}\n`);
    await alice.waitFor(`bob: ${reply}\n`);
    expect(alice.received).not.toContain(text);
  });

  it('joins a line split across segments and splits two lines sent in one segment', async () => {
    const server = await startServer('tcp-chat', { cwd: dir('server'), port });
    const alice = await join('alice');
    const bob = await join('bob');
    const split = `terbelah ${token()}`;
    await alice.write(split.slice(0, 5));
    await alice.write(split.slice(5, 11));
    await alice.write(`${split.slice(11)}\r\n`);
    await bob.waitFor(`alice: ${split}\n`);
    const [first, second] = [`satu ${token()}`, `dua ${token()}`];
    await alice.write(`${first}\n${second}\n`);
    await bob.waitFor(`alice: ${first}\nalice: ${second}\n`);
    await server.waitFor(`alice: ${split}\nalice: ${first}\nalice: ${second}\n`);
  });

  it('survives a client that vanishes with a reset, announces it left, and keeps serving', async () => {
    const server = await startServer('tcp-chat', { cwd: dir('server'), port });
    const alice = await join('alice');
    const bob = await join('bob');
    const ghost = await join('ghost');
    await ghost.write('setengah baris tanpa akhir');
    ghost.socket.resetAndDestroy();
    await alice.waitFor('* ghost left\n');
    await server.waitFor('* ghost left\n');
    const text = `masih hidup ${token()}`;
    await alice.write(`${text}\n`);
    await bob.waitFor(`alice: ${text}\n`);
    const late = await join('dave');
    await alice.waitFor('* dave joined\n');
    expect(late.received).toContain('joined as dave');
    expect(server.exitCode).toBeUndefined();
  });

  it('its client prompts for server IP and port, shows the server prompt, and relays both ways', async () => {
    const server = await startServer('tcp-chat', { cwd: dir('server'), port });
    const bob = await join('bob');
    const client = Program.start('alice', referenceScript('tcp-chat/client.js'), { cwd: dir('alice') });
    await client.waitFor(/Server IP: $/);
    client.type('127.0.0.1');
    await client.waitFor(/Port: $/);
    client.type(String(port));
    await client.waitFor(/Enter username: $/);
    expect(client.output).toBe('Server IP: Port: Enter username: ');
    client.type('alice');
    await client.waitFor('joined as alice\n');
    await bob.waitFor('* alice joined\n');

    const text = `dari klien ${token()}`;
    client.type(text);
    await bob.waitFor(`alice: ${text}\n`);
    const reply = `ke klien ${token()}`;
    await bob.write(`${reply}\n`);
    await client.waitFor(`bob: ${reply}\n`);

    client.type('!q');
    expect(await client.waitExit()).toBe(0);
    await bob.waitFor('* alice left\n');
    await server.waitFor('* alice left\n');
  });

  it('its client says so and exits 1 when nothing listens', async () => {
    const client = Program.start('alice', referenceScript('tcp-chat/client.js'), { cwd: dir('alice') });
    await client.waitFor(/Server IP: $/);
    client.type('127.0.0.1');
    await client.waitFor(/Port: $/);
    client.type(String(port));
    await client.waitFor(`error: cannot connect to 127.0.0.1:${port}: ECONNREFUSED\n`);
    expect(await client.waitExit()).toBe(1);
  });
});
