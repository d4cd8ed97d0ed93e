import type { CriterionResult, SubmissionResult } from '../grading/result.js';

// Quotes one shell word only when it needs it, so simple commands stay readable.
export function quoteShellWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

// The exact command that replays one criterion of one submission: same rubric, same seed.
export function buildReplayCommand(result: SubmissionResult, criterion: CriterionResult): string {
  const words = [
    'sockgrade',
    'grade',
    result.path,
    '--rubric',
    result.rubricPath ?? result.rubric,
    '--seed',
    result.seed,
    '--only',
    criterion.id,
  ];
  return words.map(quoteShellWord).join(' ');
}
