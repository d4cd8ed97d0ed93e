import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { LimitFunction } from 'p-limit';
import type { Criterion, Rubric } from '../rubric/rubric.js';
import { prepareSubmission } from '../submission/prepare-submission.js';
import type { Confinement } from '../sandbox/confine-command.js';
import { describeSkipped } from '../sandbox/copy-tree.js';
import type { IsolationPlan } from '../sandbox/detect-isolation.js';
import type { PortTurns } from '../sandbox/port-turns.js';
import { allocateUid } from '../sandbox/allocate-uid.js';
import { resolveLimits } from '../sandbox/limits.js';
import { runInSandbox } from '../sandbox/run-in-sandbox.js';
import type { RunOutcome } from '../sandbox/run-spec.js';
import type { Implementation } from '../model/implementation.js';
import { buildImplementation } from './build-implementation.js';
import { decideVerdict } from './decide-verdict.js';
import { isTimeSensitive, rerunStarved } from './rerun-starved.js';
import { describeHarness, selectCriteria } from './error-result.js';
import type { CriterionResult, LaunchSetting, SubmissionResult } from '../model/result.js';
import { staticRunKey } from './static-run-key.js';
import type { LaunchSettings } from '../submission/resolve-launch.js';

// What grading one submission needs from the batch around it.
export interface GradeOptions {
  readonly plan: IsolationPlan;
  readonly seed: string;
  readonly reruns: number;
  readonly pool: LimitFunction;
  readonly portTurns?: PortTurns; // without namespaces: who may run beside whom (see runOnce)
  readonly signal: AbortSignal;
  readonly only?: readonly string[];
  readonly visibleOnly?: boolean;
  readonly reference?: Implementation;
  readonly onHarnessFault?: (fault: string) => void;
  readonly onVerdict?: (criterion: CriterionResult) => void; // each criterion's verdict, the moment it is decided (progress, live lines)
  readonly submission?: string; // the result's name: an intake's id; the folder's name by default
  readonly refusal?: string; // why the submission cannot be graded (found at intake): every criterion an error, nothing run
  readonly hide?: readonly string[]; // more folders no run may read (an intake's extraction folder)
}

// Grades one submission folder: one sandboxed run per criterion, in parallel where the
// criteria's requirements allow, a failure re-run to tell a flaky program from a wrong one.
export async function gradeSubmission(dir: string, rubric: Rubric, options: GradeOptions): Promise<SubmissionResult> {
  const started = Date.now();
  const criteria = selectCriteria(rubric, options);
  const notes: string[] = [];
  let settings: LaunchSetting[] | undefined;
  const finish = (results: CriterionResult[]): SubmissionResult => ({
    submission: options.submission ?? path.basename(path.resolve(dir)),
    path: path.resolve(dir),
    rubric: rubric.name,
    rubricPath: path.relative(process.cwd(), rubric.source) || rubric.source,
    score: results.reduce((sum, r) => sum + r.points, 0),
    maxScore: results.reduce((sum, r) => sum + r.maxPoints, 0),
    seed: options.seed,
    durationMs: Date.now() - started,
    gradedAt: new Date().toISOString(),
    harness: describeHarness(options.plan),
    criteria: results,
    ...(notes.length > 0 ? { notes } : {}),
    ...(settings === undefined ? {} : { launch: settings }),
  });
  const allError = (message: string): SubmissionResult => {
    const results = criteria.map((c) => decideVerdict(c, { status: 'error', message, evidence: {}, durationMs: 0 }));
    for (const result of results) options.onVerdict?.(result);
    return finish(results);
  };

  if (options.refusal !== undefined) return allError(options.refusal);
  const limits = resolveLimits(rubric.limits);
  // The rubric's own reference (calibrate grades it) is sockgrade's: its manifest may use {root}.
  const trusted = rubric.reference !== undefined && samePath(dir, rubric.reference);
  const confinement = (uid: number | undefined): Confinement => ({
    isolation: options.plan.mode,
    sandbox: options.plan.sandbox,
    uid,
    limits,
  });
  const ready = await options.pool(() =>
    prepareSubmission(dir, rubric, {
      plan: options.plan,
      confinement: confinement(allocateUid(options.plan.dropPrivileges)),
      roles: studentRoles(criteria),
      trusted,
    }),
  );
  if (!ready.ok) return allError(ready.message);
  const { stage, launch } = ready.prepared;
  settings = recordLaunch(launch, studentRoles(criteria));
  notes.push(
    ...stage.skipped.map(
      (entry) =>
        `skipped ${describeSkipped(entry)}: sockgrade copies only files, folders and links inside the submission`,
    ),
  );
  try {
    const student = buildImplementation('student', stage.dir, launch, trusted);
    const submission = options.submission ?? path.basename(path.resolve(dir));
    const reference = options.reference;
    // One worker for the criteria given: one criterion, or several that only run static probes.
    const runAlone = (group: readonly Criterion[], attempt: number): Promise<RunOutcome[]> =>
      options.pool(() =>
        runInSandbox(
          {
            rubric,
            criterionIds: group.map((c) => c.id),
            submission,
            student,
            reference,
            confinement: confinement(allocateUid(options.plan.dropPrivileges)),
            seed: options.seed,
            attempt,
            // The folder the class's submissions sit in: no run reads another submission's files.
            hide: [path.dirname(path.resolve(dir)), ...(options.hide ?? [])],
          },
          options.plan,
          Math.max(...group.map((c) => c.timeout ?? rubric.timeouts.run)), // they play at once
          options.signal,
        ),
      );
    const runAloneOne = async (criterion: Criterion, attempt: number): Promise<RunOutcome> =>
      (await runAlone([criterion], attempt))[0] as RunOutcome;
    // Without namespaces, servers share the machine's ports. A run whose server binds a port of
    // its own choosing runs alone; one whose server is told a port ({port}) runs beside others
    // like it, and is graded again alone if its server turned out to ignore that port (it may
    // have met another server there: the first verdict could be that server's doing). A run
    // that starts no server needs no turn.
    const turns = options.portTurns;
    const runOnce = async (criterion: Criterion, attempt: number): Promise<RunOutcome> => {
      const server = serverPort(criterion, student, reference);
      if (!turns || server === 'none') return runAloneOne(criterion, attempt);
      if (server === 'own') return turns.run('exclusive', () => runAloneOne(criterion, attempt));
      const first = await turns.run('shared', () => runAloneOne(criterion, attempt));
      if (!first.serverOwnPort || options.signal.aborted) return first;
      return turns.run('exclusive', () => runAloneOne(criterion, attempt));
    };
    // Criteria that only run static probes read the same staged copy and start no server: the
    // first run plays them all in one worker, each set of probes once (O2–O5 of udp-chat share
    // cipher-evidence.py, and O6, O10 and O11 come along), where each would cost a worker and its
    // namespaces of its own. A static criterion failed and run again goes alone, as any other.
    const staticKeys = new Map<string, Criterion>(); // the probes' key, and the first criterion with it
    for (const criterion of criteria) {
      const key = staticRunKey(criterion);
      if (key !== undefined && !staticKeys.has(key)) staticKeys.set(key, criterion);
    }
    let firstStaticRun: Promise<Map<string, RunOutcome>> | undefined;
    const staticReruns = new Map<string, Promise<RunOutcome>>();
    const runShared = (criterion: Criterion, attempt: number): Promise<RunOutcome> => {
      const key = staticRunKey(criterion);
      if (key === undefined) return runOnce(criterion, attempt);
      if (attempt === 0) {
        firstStaticRun ??= runAlone([...staticKeys.values()], 0).then(
          (outcomes) => new Map([...staticKeys.keys()].map((k, i) => [k, outcomes[i] as RunOutcome])),
        );
        return firstStaticRun.then((outcomes) => outcomes.get(key) as RunOutcome);
      }
      const known = staticReruns.get(`${attempt} ${key}`);
      if (known) return known;
      const run = runOnce(criterion, attempt);
      staticReruns.set(`${attempt} ${key}`, run);
      return run;
    };
    const verdicts = new Map<string, Promise<CriterionResult>>();
    const verdictOf = (criterion: Criterion): Promise<CriterionResult> => {
      const known = verdicts.get(criterion.id);
      if (known) return known;
      const verdict = grade(criterion).then((decided) => {
        options.onVerdict?.(decided);
        return decided;
      });
      verdicts.set(criterion.id, verdict);
      return verdict;
    };
    const grade = async (criterion: Criterion): Promise<CriterionResult> => {
      const blockers: CriterionResult[] = [];
      for (const id of criterion.requires) {
        const required = criteria.find((c) => c.id === id);
        const verdict = required ? await verdictOf(required) : undefined;
        if (verdict && verdict.status !== 'pass' && verdict.status !== 'manual') blockers.push(verdict);
      }
      if (blockers.length > 0) {
        const names = blockers.map((b) => `${b.id} (${b.status})`).join(', ');
        return decideVerdict(criterion, {
          status: 'blocked',
          message: `Not run: it requires ${names}.`,
          evidence: {},
          durationMs: 0,
        });
      }
      if (criterion.grading === 'manual' && criterion.steps.length === 0) {
        return decideVerdict(criterion, {
          status: 'manual',
          message: 'Graded by the lecturer.',
          evidence: {},
          durationMs: 0,
        });
      }
      // A timed run starved of CPU is judged again, so the machine's load never decides a verdict.
      const first = isTimeSensitive(criterion)
        ? await rerunStarved(() => runShared(criterion, 0), options.signal)
        : await runShared(criterion, 0);
      if (first.harnessFault) options.onHarnessFault?.(first.harnessFault);
      if (first.status !== 'fail' || options.reruns === 0 || options.signal.aborted)
        return decideVerdict(criterion, first);
      for (let attempt = 1; attempt <= options.reruns; attempt++) {
        const again = await runShared(criterion, attempt);
        if (again.status === 'pass') return decideVerdict(criterion, first, again);
      }
      return decideVerdict(criterion, first);
    };
    return finish(await Promise.all(criteria.map(verdictOf)));
  } finally {
    stage.remove();
  }
}

// Whether the criterion starts a server, and if so whether its command takes the port the
// harness assigns ({port}) or leaves the server to bind one of its own (most often hard-coded).
export function serverPort(
  criterion: Criterion,
  student: Implementation,
  reference: Implementation | undefined,
): 'none' | 'assigned' | 'own' {
  const starts = criterion.steps.filter((step) => step.kind === 'start');
  if (starts.length === 0) return 'none';
  const own = starts.some(
    (step) => !(step.impl === 'reference' ? (reference ?? student) : student).server.includes('{port}'),
  );
  return own ? 'own' : 'assigned';
}

// The programs of the student's that these criteria start: a server-only rubric needs no client.py.
function studentRoles(criteria: readonly Criterion[]): Set<'server' | 'client'> {
  const roles = new Set<'server' | 'client'>();
  for (const step of criteria.flatMap((c) => c.steps)) {
    if (step.kind === 'start' && step.impl === 'student') roles.add('server');
    if ((step.kind === 'join' && step.impl === 'student') || step.kind === 'crowd') roles.add('client');
  }
  return roles;
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

// The resolved launch settings as result.json keeps them: every value but the password's, with its
// origin. A rubric that starts none of the student's clients (an echo or HTTP server) records no
// client command, prompts or chat commands: the report would show a default nothing used.
function recordLaunch(launch: LaunchSettings, roles: ReadonlySet<'server' | 'client'>): LaunchSetting[] {
  const usedByClient = (setting: string): boolean =>
    setting === 'client' || setting.startsWith('prompts.') || setting.startsWith('commands.');
  const values: Record<string, string | undefined> = {
    server: launch.server,
    client: launch.client,
    build: launch.build,
    ...Object.fromEntries(Object.entries(launch.prompts).map(([k, v]) => [`prompts.${k}`, v])),
    ...Object.fromEntries(Object.entries(launch.patterns).map(([k, v]) => [`patterns.${k}`, v])),
    ...Object.fromEntries(Object.entries(launch.commands).map(([k, v]) => [`commands.${k}`, v])),
  };
  const recorded = Object.entries(launch.from).filter(([setting]) => roles.has('client') || !usedByClient(setting));
  return recorded.map(([setting, from]) => {
    const value = setting === 'password' ? undefined : values[setting];
    return value === undefined ? { setting, from } : { setting, value, from };
  });
}
