import type { WireRecord } from '../../model/result.js';
import { escapeHtml } from '../../model/escape-text.js';
import { decodeWireHead, describeWireEnds, serverLifeline } from '../format-evidence.js';
import { formatCount, formatRunTime } from '../format-values.js';
import { wrapSvg } from './svg-frame.js';

const gutter = 78; // room for the time of each arrow
const laneGap = 190;
const padding = 70;
const headerY = 10;
const firstRowY = 66;
const rowHeight = 30;

// Clients in order of first appearance, with the server's lifeline in the middle of them.
export function orderLifelines(records: readonly WireRecord[]): string[] {
  const clients: string[] = [];
  for (const record of records) if (!clients.includes(record.link)) clients.push(record.link);
  const middle = Math.ceil(clients.length / 2);
  return [...clients.slice(0, middle), serverLifeline, ...clients.slice(middle)];
}

function describeRecord(record: WireRecord): string {
  const { from, to } = describeWireEnds(record);
  const fault = record.fault === undefined ? '' : `, fault: ${record.fault}`;
  const first = decodeWireHead(record.head, 48);
  return `${from} → ${to}: ${record.size} bytes at ${formatRunTime(record.t)}${fault}. First bytes: ${first}`;
}

function drawArrow(record: WireRecord, x1: number, x2: number, y: number): string {
  const dropped = record.fault !== undefined && /drop/i.test(record.fault);
  const end = dropped ? x1 + (x2 - x1) * 0.62 : x2;
  const direction = Math.sign(x2 - x1);
  const faultClass = record.fault === undefined ? '' : ' fault';
  const label = `${record.size} B${record.fault === undefined ? '' : ` · ${record.fault}`}`;
  const tip = dropped
    ? `<path class="drop-mark" d="M${end - 6} ${y - 6}L${end + 6} ${y + 6}M${end - 6} ${y + 6}L${end + 6} ${y - 6}"/>`
    : `<polygon class="head" points="${end},${y} ${end - direction * 9},${y - 5} ${end - direction * 9},${y + 5}"/>`;
  return [
    `<g class="message dir-${record.dir}${faultClass}" data-link="${escapeHtml(record.link)}">`,
    `<title>${escapeHtml(describeRecord(record))}</title>`,
    `<text class="time" x="${gutter - 8}" y="${y + 4}" text-anchor="end">${formatRunTime(record.t)}</text>`,
    `<line class="shaft" x1="${x1}" y1="${y}" x2="${end}" y2="${y}"/>`,
    tip,
    `<text class="size" x="${(x1 + x2) / 2}" y="${y - 6}" text-anchor="middle">${escapeHtml(label)}</text>`,
    `</g>`,
  ].join('');
}

// An SVG sequence diagram of the wire: lifelines per link and server, an arrow per record, faults in red.
export function renderSequenceDiagram(records: readonly WireRecord[], maxArrows = 150): string {
  const lifelines = orderLifelines(records);
  const shown = records.slice(0, maxArrows);
  const x = (name: string): number => gutter + padding + lifelines.indexOf(name) * laneGap;
  const width = gutter + padding * 2 + (lifelines.length - 1) * laneGap;
  const omitted = records.length - shown.length;
  const bottom = firstRowY + shown.length * rowHeight;
  const height = bottom + (omitted > 0 ? 34 : 12);
  const parts: string[] = [];
  for (const name of lifelines) {
    const role = name === serverLifeline ? ' server' : '';
    parts.push(
      `<g class="lifeline${role}"><line x1="${x(name)}" y1="${headerY + 30}" x2="${x(name)}" y2="${bottom}"/>`,
      `<rect x="${x(name) - 56}" y="${headerY}" width="112" height="30" rx="5"/>`,
      `<text x="${x(name)}" y="${headerY + 20}" text-anchor="middle">${escapeHtml(name)}</text></g>`,
    );
  }
  shown.forEach((record, row) => {
    const { from, to } = describeWireEnds(record);
    parts.push(drawArrow(record, x(from), x(to), firstRowY + row * rowHeight));
  });
  if (omitted > 0) {
    parts.push(
      `<text class="omitted" x="${gutter}" y="${bottom + 22}">`,
      `… ${omitted} more record${omitted === 1 ? '' : 's'} not drawn (all are in result.json)</text>`,
    );
  }
  const faults = records.filter((record) => record.fault !== undefined).length;
  const title = `Sequence diagram of ${formatCount(records.length, 'wire record')} between ${lifelines.join(', ')}; ${faults} with a fault`;
  return wrapSvg({ chart: 'sequence', width, height, title }, parts);
}
