import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatIssue } from '../../harness/yaml/format-issues.js';
import { loadManifest } from '../../harness/submission/load-manifest.js';

let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sockgrade-manifest-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function issuesFor(yaml: string): Promise<string[]> {
  await writeFile(path.join(dir, 'sockgrade.yaml'), yaml);
  const loaded = await loadManifest(dir);
  if (loaded.ok) throw new Error('the manifest loaded, but it has a mistake');
  return loaded.issues.map((issue) => formatIssue(issue).replace(`${dir}${path.sep}`, ''));
}

describe('loadManifest', () => {
  it('is fine with no sockgrade.yaml', async () => {
    expect(await loadManifest(dir)).toEqual({ ok: true, manifest: undefined });
  });

  it('reads a valid manifest, with the absolute path it came from', async () => {
    await writeFile(
      path.join(dir, 'sockgrade.yaml'),
      'server: python3 srv.py\npassword: rahasia\nprompts:\n  name: "(?i)nama"\ncommands:\n  quit: "/exit"\n',
    );
    expect(await loadManifest(dir)).toEqual({
      ok: true,
      manifest: {
        server: 'python3 srv.py',
        password: 'rahasia',
        prompts: { name: '(?i)nama' },
        commands: { quit: '/exit' },
        source: path.resolve(dir, 'sockgrade.yaml'),
      },
    });
  });

  it('reports an unknown key and a wrong type with file:line:col', async () => {
    expect(await issuesFor('sever: python3 srv.py\npassword: 123\n')).toEqual([
      'sockgrade.yaml:1:1 sever: unknown key, did you mean "server"?',
      'sockgrade.yaml:2:11 password: expected text, found 123',
    ]);
  });

  it('reports a regex that does not compile', async () => {
    expect(await issuesFor('patterns:\n  joined: "(welcome"\n')).toEqual([
      'sockgrade.yaml:2:11 patterns.joined: expected a valid regular expression, found "(welcome" (Unterminated group)',
    ]);
  });

  it('reports YAML syntax errors', async () => {
    expect(await issuesFor('server: python3 srv.py\n  client: x\n')).toEqual([
      'sockgrade.yaml:1:9 invalid YAML: Nested mappings are not allowed in compact mappings',
    ]);
  });

  it('treats an empty sockgrade.yaml as one that changes nothing', async () => {
    await writeFile(path.join(dir, 'sockgrade.yaml'), '# nothing to say\n');
    expect(await loadManifest(dir)).toEqual({ ok: true, manifest: { source: path.resolve(dir, 'sockgrade.yaml') } });
  });

  it('reports a sockgrade.yaml that is a directory', async () => {
    await mkdir(path.join(dir, 'sockgrade.yaml'));
    const loaded = await loadManifest(dir);
    expect(loaded.ok ? [] : loaded.issues.map((issue) => issue.message)).toEqual([
      'sockgrade.yaml is not a regular file',
    ]);
  });

  it("refuses sockgrade's own placeholders and programs outside the submission, each at file:line:col", async () => {
    expect(
      await issuesFor(
        'server: PORT={port} node {root}/dist/reference/udp-chat/server.js\nclient: python3 /work/other/client.py\nbuild: cd .. && make\n',
      ),
    ).toEqual([
      'sockgrade.yaml:1:9 server: "PORT={port} node {root}/dist/reference/udp-chat/server.js" uses {root}, which is not available to a submission: its commands may use only {port}, {host} and {password} (a client also {name}), and run programs inside the submission or on the PATH (python3, make, ./server)',
      'sockgrade.yaml:2:9 client: "python3 /work/other/client.py" names /work/other/client.py, outside the submission: a submission\'s commands run programs inside its own folder (./server, python3 server.py) or on the PATH',
      'sockgrade.yaml:3:8 build: "cd .. && make" names .., which leaves the submission: a submission\'s commands run programs inside its own folder (./server, python3 server.py) or on the PATH',
    ]);
  });

  it('lets a client, and only a client, take the chat name', async () => {
    await writeFile(path.join(dir, 'sockgrade.yaml'), 'client: python3 client.py {host} {port} {name} {password}\n');
    expect(await loadManifest(dir)).toMatchObject({ ok: true });
    expect(await issuesFor('server: python3 server.py {port} {name}\n')).toEqual([
      'sockgrade.yaml:1:9 server: "python3 server.py {port} {name}" uses {name}, which is not available to a submission: its commands may use only {port}, {host} and {password} (a client also {name}), and run programs inside the submission or on the PATH (python3, make, ./server)',
    ]);
  });

  it("lets the reference's own manifest use {root}", async () => {
    await writeFile(path.join(dir, 'sockgrade.yaml'), 'server: node {root}/dist/reference/udp-chat/server.js\n');
    expect(await loadManifest(dir, { trusted: true })).toMatchObject({ ok: true });
  });

  it('reads the manifest of a copy but names the folder handed in, and never follows a link out of it', async () => {
    await writeFile(path.join(dir, 'sockgrade.yaml'), 'server: [\n');
    const shown = await loadManifest(dir, { shownAs: '/class/alice' });
    expect(shown.ok ? '' : shown.issues[0]?.file).toBe('/class/alice/sockgrade.yaml');
    await rm(path.join(dir, 'sockgrade.yaml'));
    await symlink('/etc/passwd', path.join(dir, 'sockgrade.yaml'));
    const linked = await loadManifest(dir);
    expect(linked.ok ? [] : linked.issues.map((issue) => issue.message)).toEqual([
      'sockgrade.yaml is a link to /etc/passwd, outside the submission',
    ]);
  });
});
