import { describe, expect, test } from 'vitest';
import type { WireRecord } from '../../harness/model/result.js';
import { countScoreBins, renderScoreHistogram } from '../../harness/report/svg/svg-histogram.js';
import { renderPassRateChart } from '../../harness/report/svg/svg-pass-rate-chart.js';
import { orderLifelines, renderSequenceDiagram } from '../../harness/report/svg/svg-sequence-diagram.js';
import { computeCriterionStats } from '../../harness/report/summarize-results.js';
import { loadFixtures } from './fixture-results.js';

const head = Buffer.from('MSG|alice|hi').toString('base64');

function record(t: number, link: string, dir: 'up' | 'down', fault?: string): WireRecord {
  return fault === undefined ? { t, link, dir, size: 12, head } : { t, link, dir, size: 12, head, fault };
}

describe('renderScoreHistogram', () => {
  test('bins scores by ten points, 100 in the last bin', () => {
    expect(countScoreBins([0, 9.9, 10, 55, 99, 100])).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  });

  test('draws a bar per bin with its count in the tooltip', () => {
    const svg = renderScoreHistogram([100, 31, 23, 85]);
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(10);
    expect(svg).toContain('<title>1 submission scored 80–89%</title>');
  });
});

describe('renderPassRateChart', () => {
  test('draws a row per criterion with its pass rate', async () => {
    const { results } = await loadFixtures();
    const svg = renderPassRateChart(computeCriterionStats(results));
    expect(svg.match(/<g class="criterion"/g)).toHaveLength(7);
    expect(svg).toContain(
      '<title>M2 The server forwards a client&#39;s message to the other clients: 50% passed</title>',
    );
  });
});

describe('renderSequenceDiagram', () => {
  test('puts the server lifeline between the clients', () => {
    expect(orderLifelines([record(1, 'alice', 'up')])).toEqual(['alice', 'server']);
    expect(orderLifelines([record(1, 'alice', 'up'), record(2, 'bob', 'up'), record(3, 'carol', 'down')])).toEqual([
      'alice',
      'bob',
      'server',
      'carol',
    ]);
  });

  test('draws an arrow per record with time and size, faults marked, drops crossed', () => {
    const svg = renderSequenceDiagram([
      record(120, 'alice', 'up'),
      record(121, 'alice', 'up', 'drop'),
      record(130, 'bob', 'down', 'corrupt'),
    ]);
    expect(svg.match(/<g class="message /g)).toHaveLength(3);
    expect(svg.match(/<g class="message [^"]* fault"/g)).toHaveLength(2);
    expect(svg.match(/class="drop-mark"/g)).toHaveLength(1);
    expect(svg).toContain('>+0.120s</text>');
    expect(svg).toContain('>12 B · corrupt</text>');
    expect(svg).toContain('<title>alice → server: 12 bytes at +0.120s. First bytes: MSG|alice|hi</title>');
  });

  test('draws at most maxArrows and says how many it left out', () => {
    const records = Array.from({ length: 12 }, (_, index) => record(index, 'alice', index % 2 === 0 ? 'up' : 'down'));
    const svg = renderSequenceDiagram(records, 10);
    expect(svg.match(/<g class="message /g)).toHaveLength(10);
    expect(svg).toContain('… 2 more records not drawn (all are in result.json)');
  });
});
