import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { parse } from 'yaml';
import { repoRoot, runSockgrade } from '../helpers/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-init-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const copied = [
  'udp-chat.yaml',
  'probes/account-evidence.py',
  'probes/cipher-evidence.py',
  'probes/evidence_common.py',
  'probes/gui-evidence.py',
  'probes/oop.py',
  'probes/probe_common.py',
  'rubric.schema.json',
  '.github/workflows/sockgrade.yml',
  '.gitlab-ci.yml',
];

describe('sockgrade init', () => {
  it('copies udp-chat with its probes, the modules they import and its schema, drops the reference, and validate passes', async () => {
    const dir = path.join(scratch, 'course');
    const result = await runSockgrade(['init', dir, '--rubric', 'udp-chat']);
    expect(result.code, result.stderr).toBe(0);
    const rubric = path.join(dir, 'udp-chat.yaml');
    expect(result.stdout.split('\n')).toEqual([
      ...copied.map((file) => `wrote ${path.join(dir, file)}`),
      'dropped "reference: ../reference/udp-chat" from udp-chat.yaml: the reference implementation stays with sockgrade (only sockgrade calibrate needs it)',
      `next: npx sockgrade validate ${rubric}, then npx sockgrade grade SUBMISSIONS... --rubric ${rubric}`,
      `CI: the workflows grade ${path.join(dir, 'submissions')}/*/ when ${dir} is the repository's root; set SOCKGRADE_REPOSITORY as they say (README, "Grading on CI")`,
    ]);
    expect(readFileSync(rubric, 'utf8')).not.toMatch(/^reference:/m);
    expect(statSync(path.join(dir, 'probes/oop.py')).mode).toBe(
      statSync(path.join(repoRoot, 'rubrics/probes/oop.py')).mode,
    );
    const validated = await runSockgrade(['validate', rubric]);
    expect(validated.stdout.trim()).toBe(`ok  ${rubric} (19 criteria, 120 points)`);
    expect(validated.code).toBe(0);
  });

  it('copies the CI examples where GitHub and GitLab look, pointed at the copied rubric, still valid', async () => {
    const dir = path.join(scratch, 'tcp-course');
    const result = await runSockgrade(['init', dir, '--rubric', 'tcp-chat']);
    expect(result.code, result.stderr).toBe(0);
    const workflow = path.join(dir, '.github/workflows/sockgrade.yml');
    const github = parse(readFileSync(workflow, 'utf8')) as { env: Record<string, string> };
    const gitlab = parse(readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8')) as {
      variables: Record<string, string>;
    };
    expect(github.env['RUBRIC']).toBe('tcp-chat.yaml');
    expect(gitlab.variables['RUBRIC']).toBe('tcp-chat.yaml');
    const shipped = readFileSync(path.join(repoRoot, 'examples/ci/github-actions.yml'), 'utf8');
    expect(readFileSync(workflow, 'utf8')).toBe(shipped.replace('RUBRIC: udp-chat.yaml', 'RUBRIC: tcp-chat.yaml'));
    const validated = await execa(path.join(repoRoot, 'node_modules/.bin/action-validator'), [workflow], {
      reject: false,
    });
    expect(validated.exitCode, validated.stdout).toBe(0);
  });

  it('copies http-server with its folder of files (the document root and the secret beside it), and validate passes', async () => {
    const dir = path.join(scratch, 'http');
    const result = await runSockgrade(['init', dir, '--rubric', 'http-server']);
    expect(result.code, result.stderr).toBe(0);
    const files = [
      'http-server.yaml',
      'http-server/secret.txt',
      'http-server/www/img/logo.png',
      'http-server/www/index.html',
      'rubric.schema.json',
    ];
    expect(result.stdout.split('\n').slice(0, files.length)).toEqual(
      files.map((file) => `wrote ${path.join(dir, file)}`),
    );
    expect(readFileSync(path.join(dir, 'http-server/www/img/logo.png'))).toEqual(
      readFileSync(path.join(repoRoot, 'rubrics/http-server/www/img/logo.png')),
    );
    const validated = await runSockgrade(['validate', path.join(dir, 'http-server.yaml')]);
    expect(validated.stdout.trim()).toBe(`ok  ${path.join(dir, 'http-server.yaml')} (7 criteria, 100 points)`);
  });

  it('refuses to overwrite files already there, naming each, unless --force', async () => {
    const dir = path.join(scratch, 'again');
    expect((await runSockgrade(['init', dir, '--rubric', 'udp-chat'])).code).toBe(0);
    const refused = await runSockgrade(['init', dir, '--rubric', 'udp-chat']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.split('\n')).toEqual(
      copied.map((file) => `init: ${path.join(dir, file)} already exists; --force overwrites it`),
    );
    const forced = await runSockgrade(['init', dir, '--rubric', 'udp-chat', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
  });

  // The echo and greeting rubrics of issue 13 run no probe and pair nothing with the reference.
  it('copies echo-tcp, echo-udp and greet-tcp with the schema alone, and each validates', async () => {
    const dir = path.join(scratch, 'labs');
    const names = ['echo-tcp', 'echo-udp', 'greet-tcp'];
    for (const name of names) {
      const result = await runSockgrade(['init', dir, '--rubric', name, '--force']);
      expect(result.code, result.stderr).toBe(0);
      const written = [`${name}.yaml`, 'rubric.schema.json', '.github/workflows/sockgrade.yml', '.gitlab-ci.yml'];
      expect(result.stdout.split('\n').slice(0, 5)).toEqual([
        ...written.map((file) => `wrote ${path.join(dir, file)}`),
        `dropped "reference: ../reference/${name}" from ${name}.yaml: the reference implementation stays with sockgrade (only sockgrade calibrate needs it)`,
      ]);
    }
    const validated = await runSockgrade(['validate', ...names.map((name) => path.join(dir, `${name}.yaml`))]);
    expect(validated.stdout.trim().split('\n')).toEqual([
      `ok  ${path.join(dir, 'echo-tcp.yaml')} (6 criteria, 100 points)`,
      `ok  ${path.join(dir, 'echo-udp.yaml')} (4 criteria, 100 points)`,
      `ok  ${path.join(dir, 'greet-tcp.yaml')} (2 criteria, 100 points)`,
    ]);
  });

  it('names the rubrics it has when asked for another', async () => {
    const result = await runSockgrade(['init', path.join(scratch, 'none'), '--rubric', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'init: sockgrade has no rubric "nope" (it has echo-tcp, echo-udp, greet-tcp, http-server, tcp-chat, udp-chat, udp-chat-protocol)',
    );
  });

  it('refuses a rubric that grades against the reference implementation, which it does not copy', async () => {
    const result = await runSockgrade(['init', path.join(scratch, 'protocol'), '--rubric', 'udp-chat-protocol']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `init: udp-chat-protocol grades students' programs paired with sockgrade's reference implementation, which init does not copy; grade with ${path.join(repoRoot, 'rubrics/udp-chat-protocol.yaml')} itself`,
    );
  });
});
