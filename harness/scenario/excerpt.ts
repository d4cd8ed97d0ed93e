import type { TranscriptLine, WireRecord } from '../model/result.js';

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

// The datagrams or segments around the same moment (on the involved clients' links, or on
// all), and every one the proxy faulted during the run, since a fault is often the cause.
export function excerptWire(records: readonly WireRecord[], actors: readonly string[], at: number): WireRecord[] {
  const recent = records.flatMap((record, index) => (record.t >= at - windowMs && record.t <= at + 50 ? [index] : []));
  const involved = recent.filter((index) => actors.includes(records[index]?.link ?? ''));
  const faulted = records.flatMap((record, index) => (record.fault ? [index] : []));
  return chooseRecords(records, [...faulted, ...(involved.length > 0 ? involved : recent).slice(-maxRecords)]).map(
    (index) => records[index] as WireRecord,
  );
}

// At most maxRecords of these records, in the order they crossed: the faulted ones first, then
// the others from the earliest.
export function chooseRecords(records: readonly WireRecord[], indexes: readonly number[]): number[] {
  const unique = [...new Set(indexes)].sort((a, b) => a - b);
  const faulted = unique.filter((index) => records[index]?.fault);
  const plain = unique.filter((index) => !records[index]?.fault);
  const kept = [...faulted.slice(0, maxRecords), ...plain.slice(0, Math.max(0, maxRecords - faulted.length))];
  return kept.sort((a, b) => a - b);
}
