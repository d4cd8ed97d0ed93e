import type { CriterionResult, SubmissionResult } from '../model/result.js';
import { buildReplayCommand } from './build-replay-command.js';
import { describeStatus, isFailing } from './describe-status.js';
import { revealControlChars } from '../model/escape-text.js';
import { formatTranscript, formatWire } from './format-evidence.js';
import { formatScore } from './format-values.js';

// The one-line headline of a criterion: id, title, verdict and points.
export function describeCriterionHeadline(criterion: CriterionResult): string {
  const override = criterion.overridden === true ? ', overridden' : '';
  const points = formatScore(criterion.points, criterion.maxPoints);
  return `${criterion.id} ${criterion.title}: ${describeStatus(criterion.status)}${override} (${points})`;
}

// A verdict as plain text lines: message, expected, observed, notes; hint and replay when it fell short.
export function describeVerdictText(result: SubmissionResult, criterion: CriterionResult): string[] {
  const { evidence } = criterion;
  const lines = [revealControlChars(criterion.message)];
  if (criterion.automated !== undefined) {
    const { status, points, message } = criterion.automated;
    lines.push(
      `Automated verdict: ${describeStatus(status)} (${formatScore(points, criterion.maxPoints)}): ${revealControlChars(message)}`,
    );
  }
  if (evidence.expected !== undefined) lines.push(`Expected: ${revealControlChars(evidence.expected)}`);
  if (evidence.observed !== undefined) lines.push(`Observed: ${revealControlChars(evidence.observed)}`);
  for (const note of evidence.notes ?? []) lines.push(`Note: ${revealControlChars(note)}`);
  if (isFailing(criterion.status)) {
    if (criterion.hint !== undefined) lines.push(`Hint: ${criterion.hint}`);
    lines.push(`Replay: ${buildReplayCommand(result, criterion)}`);
  }
  return lines;
}

// The transcript and wire excerpts of a criterion as plain text lines (empty when it has none).
export function describeExcerptText(criterion: CriterionResult): string[] {
  const { transcript = [], wire = [] } = criterion.evidence;
  const lines: string[] = [];
  if (transcript.length > 0) lines.push('Transcript:', ...formatTranscript(transcript).map((line) => `  ${line}`));
  if (wire.length > 0) lines.push('Wire:', ...formatWire(wire).map((line) => `  ${line}`));
  return lines;
}
