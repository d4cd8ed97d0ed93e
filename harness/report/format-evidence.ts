import type { TranscriptLine, WireRecord } from '../model/result.js';
import { revealControlChars } from '../model/escape-text.js';
import { formatRunTime } from './format-values.js';

// The name of the server's end of every link in wire records and diagrams.
export const serverLifeline = 'server';

// The first bytes of a datagram as printable text: ASCII as is, other bytes as \xNN.
export function decodeWireHead(head: string, maxBytes = 24): string {
  const bytes = Buffer.from(head, 'base64');
  let text = '';
  for (const byte of bytes.subarray(0, maxBytes)) {
    text +=
      byte >= 0x20 && byte < 0x7f && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return bytes.length > maxBytes ? `${text}…` : text;
}

// Who sent a wire record and who received it.
export function describeWireEnds(record: WireRecord): { readonly from: string; readonly to: string } {
  return record.dir === 'up' ? { from: record.link, to: serverLifeline } : { from: serverLifeline, to: record.link };
}

// Transcript lines as aligned plain text: time, actor, stream, and the revealed text.
export function formatTranscript(lines: readonly TranscriptLine[]): string[] {
  const actorWidth = Math.max(0, ...lines.map((line) => line.actor.length));
  return lines.map((line) => {
    const actor = revealControlChars(line.actor, true).padEnd(actorWidth);
    return `${formatRunTime(line.t)} ${actor} ${line.stream.padEnd(6)} ${revealControlChars(line.text, true)}`;
  });
}

// Wire records as plain text: time, direction, size, fault, and the first bytes.
export function formatWire(records: readonly WireRecord[]): string[] {
  return records.map((record) => {
    const { from, to } = describeWireEnds(record);
    const fault = record.fault === undefined ? '' : ` [${revealControlChars(record.fault)}]`;
    const ends = `${revealControlChars(from)} → ${revealControlChars(to)}`;
    return `${formatRunTime(record.t)} ${ends} ${record.size} B${fault} "${decodeWireHead(record.head)}"`;
  });
}
