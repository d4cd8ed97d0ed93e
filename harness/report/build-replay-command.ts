import type { CriterionResult, SubmissionResult } from '../model/result.js';

// Quotes one shell word only when it needs it, so simple commands stay readable.
export function quoteShellWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

// The folder a replay writes to: a scratch folder of its own, never the class's reports, named
// after the submission in plain characters only (a student's folder name may hold anything).
export function describeReplayFolder(result: SubmissionResult): string {
  const plain = result.submission.replace(/[^A-Za-z0-9._@+-]/g, '_').replace(/^[.-]/, '_');
  return `reports-replay/${plain}`;
}

// What a report says under a replay command: where its reports go, and that nothing else changes.
export function describeReplayNote(result: SubmissionResult): string {
  return `its reports go to ${describeReplayFolder(result)}, a folder of its own: no other report changes`;
}

// The command that grades one whole submission again, same rubric and seed, into its own folder.
export function buildSubmissionReplayCommand(result: SubmissionResult): string {
  return buildGradeCommand(result, []);
}

// The exact command that replays one criterion of one submission: same rubric, same seed, into
// a scratch folder of its own (a replay must never overwrite the class's results).
export function buildReplayCommand(result: SubmissionResult, criterion: CriterionResult): string {
  return buildGradeCommand(result, ['--only', criterion.id]);
}

function buildGradeCommand(result: SubmissionResult, only: readonly string[]): string {
  const rubric = result.rubricPath ?? result.rubric;
  const words = ['sockgrade', 'grade', result.path, '--rubric', rubric, '--seed', result.seed, ...only];
  return [...words, '--out', describeReplayFolder(result)].map(quoteShellWord).join(' ');
}
