import { execa } from 'execa';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/cli.js';

// Runs the CI files we ship for course repositories (examples/ci/) the way their runners would,
// on a tiny class: the one-criterion quick-udp rubric and three submissions, one per shard. Steps
// that need the runner itself are skipped, each named below with the reason; every other step runs
// as written, so a typo in a command, a wrong path or a missing flag fails here.

const githubFile = path.join(repoRoot, 'examples/ci/github-actions.yml');
const gitlabFile = path.join(repoRoot, 'examples/ci/gitlab-ci.yml');

// GitHub steps not run here, by name, and why.
const skippedGithubSteps: Record<string, string> = {
  'Check out the course': 'actions/checkout: the test has laid the course out in the job folder already',
  'Check out sockgrade': 'actions/checkout of another repository: the test uses this worktree instead',
  'Set up Node 20': 'actions/setup-node: the test runs under Node 20 already',
  'Let the sandbox make user namespaces':
    'sudo sysctl changes the host kernel; a runner is a throw-away machine, this one is not',
  "Install the sandbox's tools": 'sudo apt-get installs system packages; this machine has them (README, Needs)',
  'Install sockgrade':
    "npm ci and npm install --global fetch and install packages; the test puts this worktree's build on PATH as `sockgrade` instead",
};

// GitLab lines not run here, and why: default.before_script installs packages and clones sockgrade.
const skippedGitlabPart =
  "default.before_script: apt-get, git clone and npm install; the test puts this worktree's build on PATH as `sockgrade`";

// Each pipeline is four sockgrade runs (three shards graded side by side, then a merge), about 13 s
// on a lightly loaded 2-core machine: the deadline leaves room for one shared with other test runs,
// and every wait inside ends as soon as its run does.
const pipelineTimeoutMs = 360_000;

const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-ci-'));
const course = path.join(scratch, 'course');
const bin = path.join(scratch, 'bin');
const submissions = ['ready', 'crash', 'ready-too'];
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(() => {
  const quick = path.join(repoRoot, 'test/fixtures/programs/quick-udp');
  mkdirSync(path.join(course, 'submissions'), { recursive: true });
  cpSync(path.join(quick, 'rubric.yaml'), path.join(course, 'quick.yaml'));
  cpSync(path.join(quick, 'ready'), path.join(course, 'submissions/ready'), { recursive: true });
  cpSync(path.join(quick, 'crash'), path.join(course, 'submissions/crash'), { recursive: true });
  cpSync(path.join(quick, 'ready'), path.join(course, 'submissions/ready-too'), { recursive: true });
  writeFileSync(path.join(course, 'submissions/README.md'), 'One folder per student.\n');
  mkdirSync(bin);
  writeFileSync(
    path.join(bin, 'sockgrade'),
    `#!/bin/sh\nexec "${process.execPath}" "${path.join(repoRoot, 'dist/harness/main.js')}" "$@"\n`,
  );
  chmodSync(path.join(bin, 'sockgrade'), 0o755);
});

// A copy of the course checkout for one job, as each runner starts from a fresh clone.
function freshCheckout(name: string): string {
  const dir = path.join(scratch, 'jobs', name);
  cpSync(course, dir, { recursive: true });
  return dir;
}

// The environment a step sees: the runner's, the file's variables, sockgrade on PATH.
function stepEnv(variables: Record<string, string>): Record<string, string> {
  return { ...variables, PATH: `${bin}:${process.env['PATH'] ?? ''}`, NO_COLOR: '1' };
}

async function runShell(script: string, cwd: string, env: Record<string, string>) {
  const result = await execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd,
    env,
    reject: false,
    timeout: 300_000,
  });
  expect(result.exitCode, `${script}\n${result.stderr}`).toBe(0);
  return result;
}

interface GithubStep {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string>;
}

interface GithubJob {
  readonly steps: GithubStep[];
  readonly strategy?: { matrix: { shard: number[] } };
}

// ${{ ... }} expressions the workflow uses, resolved as GitHub would; any other fails the test.
function substitute(text: string, context: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_whole, name: string) => {
    const value = context[name];
    if (value === undefined) throw new Error(`the workflow uses \${{ ${name} }}, which this test does not know`);
    return value;
  });
}

describe('examples/ci/github-actions.yml', () => {
  const workflow = parse(readFileSync(githubFile, 'utf8')) as {
    env: Record<string, string | number>;
    jobs: Record<string, GithubJob>;
  };
  const artifacts = path.join(scratch, 'artifacts');
  const skipped = new Set<string>();
  const outputs: string[] = [];
  const summaryFile = path.join(scratch, 'step-summary.md');

  async function runJob(jobName: string, matrix: Record<string, string>, dir: string): Promise<void> {
    const context: Record<string, string> = { 'github.run_id': '4242', ...matrix };
    const env: Record<string, string> = { GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_STEP_SUMMARY: summaryFile };
    for (const [name, value] of Object.entries(workflow.env)) env[name] = substitute(String(value), context);
    for (const [name, value] of Object.entries(env)) context[`env.${name}`] = value;
    for (const step of workflow.jobs[jobName]?.steps ?? []) {
      const name = substitute(step.name ?? '', context);
      if (step.name !== undefined && skippedGithubSteps[step.name] !== undefined) {
        skipped.add(step.name);
        continue;
      }
      const inputs = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([key, value]) => [key, substitute(String(value), context)]),
      );
      if (step.uses?.startsWith('actions/upload-artifact@')) {
        expect(existsSync(path.join(dir, inputs['path'] ?? '')), `${name}: nothing at ${inputs['path']}`).toBe(true);
        cpSync(path.join(dir, inputs['path'] ?? ''), path.join(artifacts, inputs['name'] ?? ''), { recursive: true });
      } else if (step.uses?.startsWith('actions/download-artifact@')) {
        // With a pattern and no merge-multiple, each artifact lands in path/<artifact name>.
        const pattern = new RegExp(`^${(inputs['pattern'] ?? '').replace(/\*/g, '.*')}$`);
        for (const artifact of readdirSync(artifacts).filter((a) => pattern.test(a))) {
          cpSync(path.join(artifacts, artifact), path.join(dir, inputs['path'] ?? '', artifact), { recursive: true });
        }
      } else if (step.uses?.startsWith('mikepenz/action-junit-report@')) {
        const junit = readFileSync(path.join(dir, inputs['report_paths'] ?? ''), 'utf8');
        expect(junit).toMatch(/^<\?xml[^>]*>\n<testsuites /);
      } else if (step.run !== undefined) {
        outputs.push((await runShell(substitute(step.run, context), dir, stepEnv(env))).stdout);
      } else {
        throw new Error(`step "${name}" (${step.uses}) is neither run nor emulated nor skipped with a reason`);
      }
    }
  }

  it("is a valid workflow by action-validator (GitHub's schema)", async () => {
    const result = await execa(path.join(repoRoot, 'node_modules/.bin/action-validator'), [githubFile], {
      reject: false,
    });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  });

  it(
    'its steps grade each shard, merge them, fill the step summary and leave JUnit to publish',
    async () => {
      const shards = workflow.jobs['grade']?.strategy?.matrix.shard ?? [];
      expect(shards).toEqual([1, 2, 3]);
      // The one change to the file: the class's rubric is quick-udp's (a second a run), not udp-chat's.
      workflow.env['RUBRIC'] = 'quick.yaml';
      await Promise.all(
        shards.map((shard) =>
          runJob('grade', { 'matrix.shard': String(shard) }, freshCheckout(`github-shard-${shard}`)),
        ),
      );
      for (const shard of shards) {
        const folder = path.join(artifacts, `shard-${shard}`);
        expect(readdirSync(folder).filter((entry) => existsSync(path.join(folder, entry, 'result.json')))).toHaveLength(
          1,
        );
      }
      expect(outputs.join('\n')).toContain('::error title=crash Q1 error::');

      const report = freshCheckout('github-report');
      await runJob('report', {}, report);
      const summary = readFileSync(path.join(report, 'reports/summary.md'), 'utf8');
      expect(readFileSync(summaryFile, 'utf8')).toBe(summary);
      expect(summary).toContain('3 submissions');
      expect(summary).toMatch(/\| crash \| 0\/1 \|/);
      expect(readFileSync(path.join(report, 'reports/junit.xml'), 'utf8').match(/<testsuite /g)).toHaveLength(3);
      expect(readdirSync(path.join(artifacts, 'class-report'))).toEqual(
        expect.arrayContaining(['index.html', 'grades.csv', ...submissions]),
      );
      expect([...skipped].sort()).toEqual(Object.keys(skippedGithubSteps).sort());
    },
    pipelineTimeoutMs,
  );
});

describe('examples/ci/gitlab-ci.yml', () => {
  interface GitlabJob {
    readonly script: string[];
    readonly parallel?: number;
    readonly artifacts?: { paths?: string[]; reports?: { junit?: string } };
  }
  const pipeline = parse(readFileSync(gitlabFile, 'utf8')) as Record<string, unknown> & {
    variables: Record<string, string>;
    default: { before_script: string[] };
  };

  // GitLab expands $NAME in variables from the ones defined before and its own.
  function variables(own: Record<string, string>): Record<string, string> {
    const all: Record<string, string> = { ...own };
    for (const [name, value] of Object.entries(pipeline.variables)) {
      all[name] = value.replace(/\$(\w+)/g, (_whole, ref: string) => all[ref] ?? '');
    }
    return all;
  }

  async function runScript(job: GitlabJob, dir: string, own: Record<string, string>): Promise<void> {
    const env = stepEnv({ ...variables(own), CI: 'true', GITLAB_CI: 'true' });
    for (const line of job.script) await runShell(line, dir, env);
  }

  it(
    'its script lines grade the shards in parallel jobs and merge them into a JUnit report',
    async () => {
      expect(pipeline.default.before_script.join('\n')).toMatch(/apt-get .*bubblewrap iproute2/);
      expect(skippedGitlabPart).toContain('before_script');
      // The one change to the file, as for GitHub: the quick rubric.
      pipeline.variables['RUBRIC'] = 'quick.yaml';
      const grade = pipeline['grade'] as GitlabJob;
      const report = pipeline['report'] as GitlabJob;
      const total = grade.parallel ?? 1;
      expect(total).toBe(3);
      const reportDir = freshCheckout('gitlab-report');
      await Promise.all(
        Array.from({ length: total }, async (_, i) => {
          const own = { CI_NODE_INDEX: String(i + 1), CI_NODE_TOTAL: String(total), CI_PIPELINE_ID: '77' };
          const dir = freshCheckout(`gitlab-grade-${i + 1}`);
          await runScript(grade, dir, own);
          // artifacts:paths, expanded as GitLab does, arrive in the jobs that need this one.
          for (const artifact of grade.artifacts?.paths ?? []) {
            const expanded = artifact.replace(
              /\$(\w+)/g,
              (_whole, ref: string) => (own as Record<string, string>)[ref] ?? '',
            );
            cpSync(path.join(dir, expanded), path.join(reportDir, expanded), { recursive: true });
          }
        }),
      );
      await runScript(report, reportDir, { CI_PIPELINE_ID: '77' });
      const junit = readFileSync(path.join(reportDir, report.artifacts?.reports?.junit ?? ''), 'utf8');
      expect(junit.match(/<testsuite /g)).toHaveLength(3);
      expect(junit).toContain('name="crash"');
      const summary = JSON.parse(readFileSync(path.join(reportDir, 'reports/summary.json'), 'utf8')) as {
        seed: string;
      };
      expect(summary.seed).toBe('pipeline-77');
    },
    pipelineTimeoutMs,
  );
});
