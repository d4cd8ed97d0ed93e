import { describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../../harness/model/result.js';
import { renderSubmissionMarkdown } from '../../harness/report/formats/render-markdown.js';
import { renderJunit } from '../../harness/report/formats/render-junit.js';
import { buildGradescopeResults } from '../../harness/report/formats/render-gradescope.js';
import { renderTap } from '../../harness/report/formats/render-tap.js';
import { findStudentsOf, formatStudents } from '../../harness/roster/students-of.js';
import type { Roster } from '../../harness/model/roster.js';
import { loadFixtures, pickResult } from '../report/fixture-results.js';

const roster: Roster = {
  source: 'roster.csv',
  students: [
    { id: '20004', name: 'Dewi Anggraini', email: 'dewi@uni.example', team: 'Tim Merah', username: '' },
    { id: '20005', name: 'Eko Saputra', email: '', team: 'Tim Merah', username: '' },
    { id: '20006', name: 'Fajar Nugroho', email: 'fajar@uni.example', team: '', username: '' },
  ],
};

async function resultNamed(submission: string): Promise<SubmissionResult> {
  const { results } = await loadFixtures();
  return { ...pickResult(results, 'alice-full'), submission };
}

describe('findStudentsOf', () => {
  it('names every member of the team a submission grades, from the roster', async () => {
    expect(findStudentsOf(await resultNamed('20004'), roster, 'Dewi A.')).toEqual([
      { id: '20004', name: 'Dewi Anggraini', email: 'dewi@uni.example' },
      { id: '20005', name: 'Eko Saputra', email: '' },
    ]);
  });

  it('falls back to the name the download gave, and to nothing', async () => {
    expect(findStudentsOf(await resultNamed('20999'), roster, 'Gita Sari')).toEqual([
      { id: '20999', name: 'Gita Sari', email: '' },
    ]);
    expect(findStudentsOf(await resultNamed('20999'), undefined, undefined)).toBeUndefined();
  });
});

describe('whom a submission grades, in its reports', () => {
  const students = [
    { id: '20004', name: 'Dewi Anggraini', email: 'dewi@uni.example' },
    { id: '20005', name: 'Eko Saputra', email: '' },
  ];
  const line = 'Dewi Anggraini <dewi@uni.example> (20004), Eko Saputra (20005)';

  it('reads as one line', () => {
    expect(formatStudents(students)).toBe(line);
    expect(formatStudents([{ id: 'bob', name: '', email: '' }])).toBe('bob');
  });

  it('is in the Markdown, JUnit, Gradescope and TAP reports', async () => {
    const result = { ...(await resultNamed('20004')), students };
    const { summary } = await loadFixtures();
    expect(renderSubmissionMarkdown(result).split('\n')[2]).toBe(
      'Dewi Anggraini &lt;dewi@uni.example&gt; (20004), Eko Saputra (20005)',
    );
    expect(renderJunit([result], summary)).toContain(
      `<property name="students" value="Dewi Anggraini &lt;dewi@uni.example&gt; (20004), Eko Saputra (20005)"/>`,
    );
    expect(buildGradescopeResults(result).output.startsWith(`${line}. sockgrade`)).toBe(true);
    expect(renderTap([result])).toContain(`# Subtest: 20004\n    # ${line}\n`);
  });
});
