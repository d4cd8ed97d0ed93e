import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadRubric } from '../../harness/rubric/load-rubric.js';
import { defaultLimits } from '../../harness/sandbox/limits.js';
import { runSpecSchema, type RunSpec } from '../../harness/sandbox/run-spec.js';
import { specFromJson, specToJson } from '../../harness/sandbox/spec-json.js';
import { repoRoot } from '../helpers/cli.js';

async function specOf(rubricName: string): Promise<RunSpec> {
  const loaded = await loadRubric(path.join(repoRoot, 'rubrics', rubricName));
  if (!loaded.ok) throw new Error(`${rubricName} should load`);
  const student = {
    label: 'student',
    stageDir: '/tmp/stage',
    readable: [],
    server: 'python3 server.py',
    client: 'python3 client.py',
    password: '',
    prompts: { host: '(?i)host', port: '(?i)port', name: '(?i)name', password: '(?i)pass' },
    patterns: { joined: '(?i)joined' },
    commands: { file: '/file {path}' },
  };
  return {
    rubric: loaded.rubric,
    criterionIds: [loaded.rubric.criteria[0]?.id ?? ''],
    submission: 'full-marks',
    student,
    reference: undefined,
    runDir: '/tmp/run',
    confinement: { isolation: 'netns', sandbox: 'bubblewrap', uid: 61000, limits: defaultLimits },
    seed: 'seed',
    attempt: 0,
    outcomePath: '/tmp/run/outcome.json',
    hide: [],
  };
}

describe('a run spec crossing into the worker', () => {
  it.each(['udp-chat.yaml', 'http-server.yaml'])(
    'comes back from JSON as it was, every pattern of %s compiled again',
    async (name) => {
      const spec = await specOf(name);
      expect(runSpecSchema.safeParse(spec).success).toBe(true);
      const back = specFromJson(specToJson(spec));
      expect(back).toEqual(spec);
      expect(back.rubric.prompts.host).toBeInstanceOf(RegExp);
    },
  );

  it('is refused by its schema when it names a criterion its rubric lacks, or holds what no spec has', async () => {
    const spec = await specOf('udp-chat.yaml');
    const unknown = runSpecSchema.safeParse({ ...spec, criterionIds: [spec.criterionIds[0], 'Z9'] });
    expect(unknown.error?.issues[0]?.message).toBe('the rubric has no such criterion');
    expect(runSpecSchema.safeParse({ ...spec, criterionIds: [] }).success).toBe(false);
    expect(runSpecSchema.safeParse({ ...spec, extra: 1 }).success).toBe(false);
    expect(runSpecSchema.safeParse({ ...spec, student: { ...spec.student, prompts: {} } }).success).toBe(false);
  });
});
