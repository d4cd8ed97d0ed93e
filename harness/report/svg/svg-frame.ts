import { escapeHtml } from '../../model/escape-text.js';

// What every chart's <svg> element says about itself: its kind (for tests and CSS), size and title.
export interface SvgFrame {
  readonly chart: 'histogram' | 'pass-rate' | 'sequence';
  readonly width: number;
  readonly height: number;
  readonly title: string;
}

// An inline SVG element with an accessible title around already-escaped parts.
export function wrapSvg(frame: SvgFrame, parts: readonly string[]): string {
  const { chart, width, height } = frame;
  const className = chart === 'sequence' ? 'chart sequence' : 'chart';
  const size = `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"`;
  const open = `<svg class="${className}" data-chart="${chart}" role="img" ${size} xmlns="http://www.w3.org/2000/svg">`;
  return `${open}<title>${escapeHtml(frame.title)}</title>${parts.join('')}</svg>`;
}
