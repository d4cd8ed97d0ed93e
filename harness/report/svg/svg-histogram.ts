import { escapeHtml } from '../../model/escape-text.js';
import { formatCount } from '../format-values.js';
import { wrapSvg } from './svg-frame.js';

const width = 520;
const height = 260;
const margin = { top: 24, right: 16, bottom: 46, left: 44 };
const binCount = 10;

function describeBin(bin: number): string {
  return bin === binCount - 1 ? '90–100' : `${bin * 10}–${bin * 10 + 9}`;
}

function chooseTickStep(maxCount: number): number {
  return Math.max(1, Math.ceil(maxCount / 5));
}

// Counts scores (0..100) into ten bins of ten percentage points; 100 joins the last bin.
export function countScoreBins(percentages: readonly number[]): number[] {
  const counts = new Array<number>(binCount).fill(0);
  for (const percentage of percentages) {
    const bin = Math.min(binCount - 1, Math.max(0, Math.floor(percentage / 10)));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts;
}

// An SVG histogram of the class's scores in percent, drawn by hand so the page needs no library.
export function renderScoreHistogram(percentages: readonly number[]): string {
  const counts = countScoreBins(percentages);
  const step = chooseTickStep(Math.max(1, ...counts));
  const top = Math.ceil(Math.max(1, ...counts) / step) * step;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const binWidth = plotWidth / binCount;
  const y = (count: number): number => margin.top + plotHeight - (count / top) * plotHeight;
  const parts: string[] = [];
  for (let tick = 0; tick <= top; tick += step) {
    parts.push(
      `<line class="grid" x1="${margin.left}" x2="${width - margin.right}" y1="${y(tick)}" y2="${y(tick)}"/>`,
      `<text class="tick" x="${margin.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`,
    );
  }
  counts.forEach((count, bin) => {
    const x = margin.left + bin * binWidth;
    const label = `${formatCount(count, 'submission')} scored ${describeBin(bin)}%`;
    parts.push(
      `<g class="bin"><title>${escapeHtml(label)}</title>`,
      `<rect class="bar" x="${x + 3}" y="${y(count)}" width="${binWidth - 6}" height="${y(0) - y(count)}"/>`,
      count > 0
        ? `<text class="count" x="${x + binWidth / 2}" y="${y(count) - 5}" text-anchor="middle">${count}</text>`
        : '',
      `<text class="tick" x="${x + binWidth / 2}" y="${y(0) + 16}" text-anchor="middle">${describeBin(bin)}</text></g>`,
    );
  });
  parts.push(
    `<line class="axis" x1="${margin.left}" x2="${width - margin.right}" y1="${y(0)}" y2="${y(0)}"/>`,
    `<text class="axis-label" x="${margin.left + plotWidth / 2}" y="${height - 8}" text-anchor="middle">`,
    'score (% of maximum)</text>',
    `<text class="axis-label" transform="translate(12 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">`,
    'submissions</text>',
  );
  const summary = counts.map((count, bin) => `${describeBin(bin)}%: ${count}`).join(', ');
  return wrapSvg({ chart: 'histogram', width, height, title: `Histogram of scores. ${summary}` }, parts);
}
