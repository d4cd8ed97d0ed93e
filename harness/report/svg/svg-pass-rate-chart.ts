import type { CriterionStats } from '../summarize-results.js';
import { describeStatus, statusOrder } from '../describe-status.js';
import { escapeHtml } from '../../model/escape-text.js';
import { wrapSvg } from './svg-frame.js';

const width = 560;
const rowHeight = 26;
const labelWidth = 64;
const rateWidth = 52;
const top = 8;
const legendHeight = 34;

// A horizontal bar per criterion, split by verdict, so the lecturer sees which spec the class missed.
export function renderPassRateChart(stats: readonly CriterionStats[]): string {
  const barWidth = width - labelWidth - rateWidth;
  const height = top + stats.length * rowHeight + legendHeight;
  const parts: string[] = [];
  stats.forEach((criterion, row) => {
    const y = top + row * rowHeight;
    const percent = Math.round(criterion.passRate * 100);
    parts.push(
      `<g class="criterion" data-criterion="${escapeHtml(criterion.id)}">`,
      `<title>${escapeHtml(`${criterion.id} ${criterion.title}: ${percent}% passed`)}</title>`,
      `<text class="label" x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(criterion.id)}</text>`,
      `<rect class="track" x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="${rowHeight - 8}"/>`,
    );
    let x = labelWidth;
    for (const status of statusOrder) {
      const count = criterion.counts[status];
      if (count === 0 || criterion.total === 0) continue;
      const segment = (count / criterion.total) * barWidth;
      parts.push(
        `<rect class="segment status-${status}" x="${x}" y="${y + 4}" width="${segment}" height="${rowHeight - 8}">`,
        `<title>${escapeHtml(`${criterion.id}: ${count} ${describeStatus(status)}`)}</title></rect>`,
      );
      x += segment;
    }
    parts.push(`<text class="rate" x="${width - 4}" y="${y + 16}" text-anchor="end">${percent}%</text></g>`);
  });
  const legendY = top + stats.length * rowHeight + 14;
  statusOrder.forEach((status, index) => {
    const x = labelWidth + index * 82;
    parts.push(
      `<rect class="segment status-${status}" x="${x}" y="${legendY}" width="12" height="12"/>`,
      `<text class="legend" x="${x + 16}" y="${legendY + 10}">${status}</text>`,
    );
  });
  const summary = stats.map((criterion) => `${criterion.id} ${Math.round(criterion.passRate * 100)}%`).join(', ');
  return wrapSvg({ chart: 'pass-rate', width, height, title: `Pass rate per criterion. ${summary}` }, parts);
}
