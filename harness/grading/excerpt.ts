import type { TranscriptLine, WireRecord } from './result.js';

const windowMs = 10_000;
const maxLines = 40;
const maxRecords = 40;

// The transcript lines that explain a verdict: those of the actors involved, in the seconds
// before it was decided (all actors when none is named).
export function excerptTranscript(
  transcript: readonly TranscriptLine[],
  actors: readonly string[],
  at: number,
): TranscriptLine[] {
  const involved = new Set(actors);
  return transcript
    .filter((line) => (involved.size === 0 || involved.has(line.actor)) && line.t >= at - windowMs && line.t <= at + 50)
    .slice(-maxLines)
    .map((line) => ({ ...line, text: line.text.length > 400 ? `${line.text.slice(0, 399)}…` : line.text }));
}

// The datagrams or segments around the same moment: on the involved clients' links, or on all.
export function excerptWire(records: readonly WireRecord[], actors: readonly string[], at: number): WireRecord[] {
  const recent = records.filter((record) => record.t >= at - windowMs && record.t <= at + 50);
  const involved = recent.filter((record) => actors.includes(record.link));
  return (involved.length > 0 ? involved : recent).slice(-maxRecords);
}
