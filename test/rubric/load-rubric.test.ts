import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../harness/yaml/format-issues.js';
import { loadRubric } from '../../harness/rubric/load-rubric.js';
import type { Rubric } from '../../harness/rubric/rubric.js';
import { fixtureRubric, shippedRubric } from './fixture-path.js';
import { repoRoot } from '../helpers/cli.js';

async function issuesOf(name: string): Promise<string[]> {
  const file = fixtureRubric(name);
  const loaded = await loadRubric(file);
  if (loaded.ok) throw new Error(`${name} loaded, but it has a mistake`);
  return loaded.issues.map((issue) => formatIssue(issue).replace(`${file}:`, ''));
}

async function rubricOf(file: string): Promise<Rubric> {
  const loaded = await loadRubric(file);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.rubric;
}

describe('loadRubric on the shipped rubric', () => {
  it('loads udp-chat.yaml: M1–M6, the optional specs and the crowd, 120 points', async () => {
    const rubric = await rubricOf(shippedRubric);
    expect(rubric.name).toBe('udp-chat');
    expect(rubric.source).toBe(path.resolve(shippedRubric));
    expect(rubric.criteria.map((c) => c.id)).toEqual([
      'M1',
      'M2',
      'M3',
      'M4',
      'M5',
      'M6',
      'O1',
      'ENC',
      'O2',
      'O3',
      'O4',
      'O5',
      'O6',
      'O7',
      'O8',
      'O9',
      'O10',
      'O11',
      'X1',
    ]);
    expect(rubric.criteria.reduce((sum, c) => sum + c.points, 0)).toBe(120);
    expect(rubric.timeouts).toEqual({ start: 20_000, join: 10_000, expect: 5_000, refute: 1_500, run: 60_000 });
  });

  it('gives each criterion and step the line it is on', async () => {
    const rubric = await rubricOf(shippedRubric);
    const lines = (await readFile(shippedRubric, 'utf8')).split('\n');
    for (const criterion of rubric.criteria) {
      expect(lines[criterion.line - 1]).toContain(`id: ${criterion.id}`);
      const stepLines = criterion.steps.map((step) => step.line);
      expect(stepLines).toEqual([...stepLines].sort((a, b) => a - b));
      for (const step of criterion.steps) expect(lines[step.line - 1]).toMatch(new RegExp(`- ${step.kind}:`));
    }
  });

  it('keeps the steps close to the document, with kinds and durations in ms', async () => {
    const rubric = await rubricOf(shippedRubric);
    expect(rubric.criteria[0]?.steps.map(({ line, ...step }) => step)).toEqual([
      { kind: 'start', actor: 'server', impl: 'student', within: 20_000 },
      {
        kind: 'join',
        as: 'alice',
        name: 'alice',
        password: undefined,
        wait: 'joined',
        impl: 'student',
        within: 10_000,
      },
      { kind: 'send', from: 'alice', text: 'halo {token}', optional: false },
      { kind: 'expect', in: ['server'], text: '{token}', mode: 'all', since: 'start', within: 5_000 },
    ]);
    const steps = rubric.criteria.flatMap((criterion) => criterion.steps);
    expect(steps.find((step) => step.kind === 'any')).toMatchObject({
      checks: [
        { kind: 'wire', link: 'bob', dir: 'down', since: 'send', minBytes: 8, within: 5_000 },
        { kind: 'expect', in: ['bob'], text: '{token}' },
      ],
    });
    expect(steps.find((step) => step.kind === 'join' && step.as === 'mallory')).toMatchObject({
      name: 'mallory',
      password: 'not-{password}',
      wait: 'none',
    });
    expect(steps.find((step) => step.kind === 'rejected')).toMatchObject({ within: 10_000 });
    expect(steps.find((step) => step.kind === 'refute')).toMatchObject({ for: 1_500, mode: 'all' });
  });

  it('compiles the prompts and patterns, "(?i)" becoming the i flag', async () => {
    const rubric = await rubricOf(shippedRubric);
    expect(rubric.prompts.password.flags).toBe('i');
    expect(rubric.prompts.name.test('Masukkan NAMA: ')).toBe(true);
    expect(rubric.patterns['refused']?.test('Password SALAH')).toBe(true);
  });
});

describe('loadRubric on http-server.yaml', () => {
  it('resolves its folder of files and builds each http request, cut where the rubric says', async () => {
    const rubric = await rubricOf(path.join(repoRoot, 'rubrics', 'http-server.yaml'));
    expect(rubric.files).toBe(path.join(repoRoot, 'rubrics', 'http-server'));
    const steps = (id: string) => rubric.criteria.find((c) => c.id === id)?.steps ?? [];
    const { line, ...split } = steps('H6')[1] ?? { line: 0 };
    expect(line).toBeGreaterThan(0);
    expect(split).toEqual({
      kind: 'http',
      request: 'GET /index.html HTTP/1.0\r\nHost: localhost\r\n\r\n',
      split: [8, 15, 26],
      pause: 400,
      clients: 1,
      status: [200],
      headers: {},
      body: { file: path.join(repoRoot, 'rubrics', 'http-server', 'www', 'index.html') },
      lacks: undefined,
      within: 5000,
    });
    expect(steps('H5')[1]).toMatchObject({
      request: 'GET /../secret.txt HTTP/1.0\r\nHost: localhost\r\n\r\n',
      status: [400, 403, 404],
      lacks: path.join(repoRoot, 'rubrics', 'http-server', 'secret.txt'),
    });
    expect(steps('H7')[1]).toMatchObject({ clients: 10, within: 8000 });
  });
});

describe('loadRubric defaults', () => {
  it('fills every default a rubric leaves out', async () => {
    const rubric = await rubricOf(fixtureRubric('minimal.yaml'));
    expect(rubric.timeouts).toEqual({ start: 10_000, join: 10_000, expect: 5_000, refute: 1_500, run: 60_000 });
    expect(rubric.launch).toEqual({});
    expect(rubric.limits).toEqual({});
    expect(rubric.password).toBeUndefined();
    expect(Object.keys(rubric.patterns)).toEqual(['joined', 'refused']);
    expect(rubric.prompts.host.test('Server IP: ')).toBe(true);
    expect(rubric.prompts.port.test('Port: ')).toBe(true);
    expect(rubric.prompts.name.test('Username: ')).toBe(true);
    expect(rubric.prompts.password.test('Kata sandi: ')).toBe(true);
    const [auto, manual] = rubric.criteria;
    expect(auto).toMatchObject({
      mandatory: false,
      visibility: 'visible',
      grading: 'auto',
      requires: [],
      timeout: 60_000,
      line: 6,
    });
    expect(manual).toMatchObject({ points: 2.5, grading: 'manual', steps: [], hint: undefined });
  });

  it('fills unset within and for from the rubric timeouts, and resolves named patterns', async () => {
    const rubric = await rubricOf(fixtureRubric('minimal.yaml'));
    const steps = rubric.criteria[0]?.steps ?? [];
    expect(steps.map((step) => step.kind)).toEqual([
      'start',
      'join',
      'send',
      'expect',
      'refute',
      'rejected',
      'wire',
      'restart',
      'stop',
      'quit',
    ]);
    expect(steps[3]).toMatchObject({
      kind: 'expect',
      in: ['server'],
      patternName: 'joined',
      pattern: rubric.patterns['joined'],
      within: 5_000,
    });
    expect(steps[4]).toMatchObject({ kind: 'refute', in: ['server'], pattern: /error/i, for: 1_500 });
    expect(steps[4]).not.toHaveProperty('patternName');
    expect(steps[5]).toMatchObject({ kind: 'rejected', actor: 'alice', within: 2_000 });
    expect(steps[6]).toMatchObject({
      kind: 'wire',
      link: 'alice',
      dir: 'up',
      since: 'send',
      minBytes: 1,
      within: 5_000,
    });
    expect(steps[7]).toMatchObject({ kind: 'restart', actor: 'server', within: 10_000 });
    expect(steps[8]).toEqual({ kind: 'stop', actor: 'server', line: 18 });
  });
});

describe('loadRubric reports each mistake with its place', () => {
  it.each([
    ['bad-yaml-syntax.yaml', ['2:8 invalid YAML: Nested mappings are not allowed in compact mappings']],
    [
      'unknown-top-level-key.yaml',
      [
        '4:1 colour: unknown key; expected one of rubric, title, transport, launch, reference, files, starter, password, prompts, patterns, timeouts, limits, commands or criteria',
      ],
    ],
    ['points-as-string.yaml', ['7:13 criteria[0].points: expected a number from 0 to 1000, found "ten"']],
    ['unknown-step-kind.yaml', ['12:9 criteria[0].steps[3].expct: unknown step kind "expct", did you mean "expect"?']],
    [
      'expect-without-in.yaml',
      [
        '12:17 criteria[0].steps[3].expect.in: missing; expected an actor name in lower case, such as "alice" or "server", or a list of them',
      ],
    ],
    ['requires-unknown-id.yaml', ['13:20 criteria[1].requires[1]: unknown criterion id "M9"; the ids are M1, M2']],
    ['requires-cycle.yaml', ['9:16 criteria[0].requires[0]: requirements form a cycle: M1 → M3 → M2 → M1']],
    ['duplicate-id.yaml', ['9:9 criteria[1].id: duplicate id "M1", already used by criteria[0]']],
    [
      'bad-regex.yaml',
      [
        '5:11 patterns.joined: expected a valid regular expression, found "(?i)(joined|welcome" (Unterminated group)',
        '13:39 criteria[0].steps[2].expect.pattern: expected the name of a pattern (joined or refused) or a valid regular expression, found "hello(?i)" (Invalid group; "(?i)" is only understood at the very start)',
      ],
    ],
    [
      'send-before-join.yaml',
      ['11:23 criteria[0].steps[2].send.from: "bob" sends before it has joined; put "- join: bob" before this step'],
    ],
    [
      'duration-in-words.yaml',
      [
        '12:56 criteria[0].steps[3].expect.within: expected a duration such as "1500ms", "5s" or "2m", found "5 seconds"',
      ],
    ],
    [
      'duration-too-long.yaml',
      [
        '4:18 timeouts.run: expected a duration of at most 1 hour ("60m" or 3600000 ms), found "99999999m"',
        '9:14 criteria[0].timeout: expected a duration of at most 1 hour ("60m" or 3600000 ms), found 3000000000',
        '11:41 criteria[0].steps[0].start.within: expected a duration of at most 1 hour ("60m" or 3600000 ms), found "61m"',
        '14:56 criteria[0].steps[3].expect.within: expected a duration such as "1500ms", "5s" or "2m", found "1e20s"',
        '15:53 criteria[0].steps[4].refute.for: expected a duration of at most 1 hour ("60m" or 3600000 ms), found "100000000000000000000s"',
      ],
    ],
    [
      'numbers-too-big.yaml',
      [
        '4:22 limits.processes: expected a whole number from 1 to 4096, found 100000',
        '4:40 limits.memoryMb: expected a whole number from 1 to 65536, found 1000000000000000',
        '4:58 limits.cpuSeconds: expected a whole number from 1 to 3600, found 3601',
        '4:76 limits.fileSizeMb: expected a whole number from 1 to 4096, found 4097',
        '4:92 limits.outputKb: expected a whole number from 1 to 65536, found 65537',
        '8:13 criteria[0].points: expected a number from 0 to 1000, found 1e+300',
        '12:24 criteria[0].steps[2].crowd.size: expected a whole number from 2 to 50, found 51',
        '13:38 criteria[0].steps[3].burst.count: expected a whole number from 1 to 1000, found 1001',
        '14:36 criteria[0].steps[4].fault.next: expected a whole number from 1 to 100000, found 1000000000',
        '15:36 criteria[0].steps[5].file.size: expected a size of at most 64MB, found "99999MB"',
        '16:49 criteria[0].steps[6].wire.minBytes: expected a whole number from 1 to 67108864, found 1000000000000',
      ],
    ],
    [
      'join-before-start.yaml',
      ['9:15 criteria[0].steps[0].join: "alice" joins before any server is started; put a "start" step before it'],
    ],
    [
      'auto-without-steps.yaml',
      ['5:5 criteria[0].steps: missing; a criterion graded automatically needs steps (or set "grading: manual")'],
    ],
  ])('%s', async (name, expected) => {
    expect(await issuesOf(name)).toEqual(expected);
  });

  it('explains clients sockgrade plays itself used before they connect, and a send-bytes with two payloads', async () => {
    expect(await issuesOf('raw-client-mistakes.yaml')).toEqual([
      '9:18 criteria[0].steps[0].connect: "alice" connects before any server is started; put a "start" step before it',
      '11:29 criteria[0].steps[2].send-bytes.from: "bob" sends before it has connected; put "- connect: bob" before this step',
      '12:23 criteria[0].steps[3].echoed.in: "carol" is used before it has connected; put "- connect: carol" before this step',
      '13:16 criteria[0].steps[4].reset: "dave" is used before it has connected; put "- connect: dave" before this step',
    ]);
    expect(await issuesOf('send-bytes-two-payloads.yaml')).toEqual([
      '11:21 criteria[0].steps[2].send-bytes: say what to send with exactly one of text or size',
    ]);
  });

  it('explains every mistake of http steps: order, patterns, files, and a request given twice', async () => {
    const dir = path.resolve(path.dirname(fixtureRubric('http-step-mistakes.yaml')));
    expect(await issuesOf('http-step-mistakes.yaml')).toEqual([
      '9:15 criteria[0].steps[0].http: an http request is sent before any server is started; put a "start" step before it',
      '11:62 criteria[0].steps[2].http.headers.Content-Length: expected a valid regular expression, found "^({length}$" (Unterminated group)',
      `12:49 criteria[0].steps[3].http.body.file: no file ${dir}/www/nope.html (an http step's file is relative to the rubric's folder)`,
      `12:81 criteria[0].steps[3].http.lacks.file: no file ${dir}/nope.txt (an http step's file is relative to the rubric's folder)`,
      '13:52 criteria[0].steps[4].http.body.pattern: expected a valid regular expression, found "a[" (Unterminated character class)',
      '19:15 criteria[1].steps[1].http: give the request with exactly one of get or request',
    ]);
  });

  it('explains steps of the wrong shape', async () => {
    const kinds =
      'start, join, send, expect, refute, rejected, wire, stop, restart, quit, any, fault, burst, delivered, unreadable, file, received, probe, crowd, sever, connect, send-bytes, echoed, closed, half-close, reset or http';
    expect(await issuesOf('step-shapes.yaml')).toEqual([
      `9:9 criteria[0].steps[0]: expected a step: a map with exactly one key, one of ${kinds}, found "start server"; did you mean "start: server"?`,
      `10:9 criteria[0].steps[1]: expected a step: a map with exactly one key, one of ${kinds}, found 2 keys: join, send; begin each step with its own "-"`,
      `12:9 criteria[0].steps[2].frobnicate: unknown step kind "frobnicate"; expected one of ${kinds}`,
      '14:13 criteria[0].steps[3].any[0].send: a "send" step is not allowed here; expected one of expect, refute or wire',
      '16:35 criteria[0].steps[4].wire.dir: expected "up" or "down", found "sideways"',
    ]);
  });

  it('reports all three mistakes of a file at once, schema and meaning alike', async () => {
    expect(await issuesOf('three-mistakes.yaml')).toEqual([
      '12:56 criteria[0].steps[3].expect.within: expected a duration such as "1500ms", "5s" or "2m", found "5 seconds"',
      '15:13 criteria[1].points: expected a number from 0 to 1000, found "ten"',
      '21:16 criteria[2].requires[0]: unknown criterion id "M9"; the ids are M1, M2, M3',
    ]);
  });

  it('gives the file as the user named it', async () => {
    const file = fixtureRubric('points-as-string.yaml');
    const loaded = await loadRubric(file);
    expect(loaded.ok ? [] : loaded.issues).toEqual([
      { file, line: 7, col: 13, path: 'criteria[0].points', message: 'expected a number from 0 to 1000, found "ten"' },
    ]);
  });

  it('reports a missing file as an issue, not an exception', async () => {
    expect(await loadRubric('rubrics/nope.yaml')).toEqual({
      ok: false,
      issues: [{ file: 'rubrics/nope.yaml', line: 0, col: 0, path: '', message: 'no such file' }],
    });
  });
});

describe('a rubric copied without what it names', () => {
  it('reports each missing probe, reference and starter folder at file:line:col, relative to the rubric', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sockgrade-copied-rubric-'));
    try {
      const file = path.join(dir, 'udp-chat.yaml');
      const text = readFileSync(path.join(repoRoot, 'rubrics', 'udp-chat.yaml'), 'utf8').replace(
        /^reference: .*$/m,
        '$&\nstarter: handout',
      );
      writeFileSync(file, text);
      const loaded = await loadRubric(file);
      const messages = loaded.ok ? [] : loaded.issues.map(formatIssue);
      const lineOf = (needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
      expect(messages).toContain(
        `${file}:${lineOf('reference:')}:12 reference: no folder ${path.resolve(dir, '../reference/udp-chat')} (reference is relative to the rubric's folder)`,
      );
      expect(messages).toContain(
        `${file}:${lineOf('starter:')}:10 starter: no folder ${path.join(dir, 'handout')} (starter is relative to the rubric's folder)`,
      );
      const probe = messages.find((m) => m.includes('probes/oop.py'));
      expect(probe).toMatch(
        new RegExp(
          `^${file.replaceAll('.', '\\.')}:${lineOf('probes/oop.py')}:\\d+ criteria\\[\\d+\\]\\.steps\\[0\\]\\.probe\\.run: no file ${dir.replaceAll('.', '\\.')}/probes/oop\\.py \\(a probe is relative to the rubric's folder: copy the rubric's probes/ beside it\\)$`,
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
