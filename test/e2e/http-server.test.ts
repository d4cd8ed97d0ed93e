import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runSockgrade } from '../helpers/cli.js';
import { leftoversOf } from '../helpers/leftovers.js';

const out = mkdtempSync(path.join(tmpdir(), 'sockgrade-http-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Graded {
  readonly status: string;
  readonly message: string;
  readonly evidence: { readonly wire?: readonly { readonly link: string; readonly dir: string }[] };
}

function criterion(submission: string, id: string): Graded {
  const result = JSON.parse(readFileSync(path.join(out, submission, 'result.json'), 'utf8')) as {
    criteria: (Graded & { id: string })[];
  };
  const found = result.criteria.find((c) => c.id === id);
  if (!found) throw new Error(`${submission} has no ${id}`);
  return found;
}

// The issue's "done when" for http-server.yaml: the path-traversal criterion (H5) and the
// binary-file criterion (H2) each catch their mutant, for the reason the mutant has, and pass a
// correct server; one batch of three submissions, two criteria each.
describe('http-server.yaml catches its traversal and binary mutants', () => {
  it('fails h5-path-traversal on H5 and h2-text-mode-binary on H2, and nothing else', async () => {
    const examples = path.join(repoRoot, 'submissions', 'examples', 'http-server');
    const names = ['h2-text-mode-binary', 'h5-path-traversal', 'http-threaded'];
    const result = await runSockgrade([
      'grade',
      ...names.map((name) => path.join(examples, name)),
      '--rubric',
      path.join(repoRoot, 'rubrics', 'http-server.yaml'),
      '--only',
      'H2,H5',
      '--reruns',
      '0', // as calibrate grades: each mutant's failure must show on the first run, and is not run again
      '--format',
      'json',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);

    const traversal = criterion('h5-path-traversal', 'H5');
    expect(traversal.status).toBe('fail');
    expect(traversal.message).toMatch(
      /^Expected GET \/\.\.\/secret\.txt HTTP\/1\.0: status 400 or 403 or 404, a body without the content of secret\.txt\.\nObserved: the content of secret\.txt, a file outside the folder served, in the answer: \d+ bytes: "HTTP\/1\.0 200 OK\\r\\n/,
    );
    expect(traversal.evidence.wire?.map((record) => `${record.link} ${record.dir}`)).toEqual(['http up', 'http down']);

    const binary = criterion('h2-text-mode-binary', 'H2');
    expect(binary.status).toBe('fail');
    expect(binary.message).toBe(
      'Expected GET /img/logo.png HTTP/1.0: status 200, a body equal to logo.png (4672 bytes).\nObserved: a body of 2634 bytes that differs from byte 0 on (0x89 expected, 0x50 received; the file has 4672 bytes)',
    );

    expect(criterion('h2-text-mode-binary', 'H5').status).toBe('pass');
    expect(criterion('h5-path-traversal', 'H2').status).toBe('pass');
    expect(criterion('http-threaded', 'H2').status).toBe('pass');
    expect(criterion('http-threaded', 'H5').status).toBe('pass');
    expect(leftoversOf(result)).toEqual([]);

    // The rubric starts no client of the student's: the launch record names only the server.
    const launch = (
      JSON.parse(readFileSync(path.join(out, 'http-threaded', 'result.json'), 'utf8')) as {
        launch: { setting: string }[];
      }
    ).launch.map((s) => s.setting);
    expect(launch).toContain('server');
    expect(launch.filter((setting) => /^(client|prompts\.|commands\.)/.test(setting))).toEqual([]);
  }, 300_000);
});
