import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { revealName } from '../model/escape-text.js';
import { defaultZipLimits, extractZip, type RefusedEntry, type ZipLimits } from './extract-zip.js';
import { countFiles, findRoots, findZips } from './find-roots.js';
import { isIgnoredName } from './ignored-names.js';
import { nameSubmissions } from './name-submission.js';

// One submission as found in what the lecturer holds: who it is, where its root is, what is wrong.
export interface IntakeSubmission {
  readonly id: string; // results, reports and the gradebook are keyed by it
  readonly name: string | undefined; // the student's name, where the download holds it
  readonly source: string; // where the lecturer finds it, e.g. class.zip!/Full Name_12345_assignsubmission_file_
  readonly root: string | undefined; // the folder to grade (in the private extraction folder for a zip)
  readonly rootShown: string | undefined; // that folder as the lecturer finds it
  readonly files: number;
  readonly problems: readonly string[]; // any problem makes the submission an error when graded
}

// Everything found at one path; remove() deletes the private extraction folder (call it once done).
export interface Intake {
  readonly input: string;
  readonly submissions: readonly IntakeSubmission[];
  readonly ignored: readonly string[]; // items that are no submission, with why
  readonly problems: readonly string[]; // problems of the download itself, no one submission's
  readonly workspace: string; // the private folder zips were unpacked into
  readonly remove: () => void;
}

// The intake, or why the path holds nothing sockgrade can read (a usage error).
export type IntakeOutcome =
  { readonly ok: true; readonly intake: Intake } | { readonly ok: false; readonly message: string };

// A zip may hold zips one level deep: a class download's students' own zips are opened, zips inside those are not.
const maxArchiveDepth = 2;

interface Place {
  readonly dir: string;
  readonly shown: string;
  readonly archives: number; // archives opened to reach it
}

// Finds the submissions in a folder of folders, a folder of zips, a zip (such as Moodle's "Download
// all submissions"), or a GitHub Classroom folder of clones, and each one's root: the folder that
// holds the entry points the rubric launches, wherever it sits. Zips are unpacked, carefully, into a
// fresh private folder under the system's temp folder. A problem with one submission stays with it.
export async function discoverSubmissions(
  input: string,
  entryPoints: readonly string[],
  limits: ZipLimits = defaultZipLimits,
): Promise<IntakeOutcome> {
  const shownInput = revealName(input);
  let stat;
  try {
    stat = statSync(input);
  } catch {
    return { ok: false, message: `${shownInput}: no such file or folder` };
  }
  if (!stat.isDirectory() && !(stat.isFile() && isZipFile(input))) {
    return {
      ok: false,
      message: `${shownInput}: neither a folder nor a zip; give the folder or the zip your LMS let you download`,
    };
  }
  const workspace = mkdtempSync(path.join(tmpdir(), 'sockgrade-intake-'));
  chmodSync(workspace, 0o700);
  const remove = (): void => rmSync(workspace, { recursive: true, force: true });
  let unpacked = 0;
  const unpack = async (
    zip: string,
    shown: string,
  ): Promise<{ dir: string; refused: readonly RefusedEntry[] } | { message: string }> => {
    const dir = path.join(workspace, String(unpacked++));
    const outcome = await extractZip(zip, dir, shown, limits);
    return outcome.ok ? { dir, refused: outcome.refused } : { message: outcome.message };
  };

  try {
    let top: Place;
    let topRefused: readonly RefusedEntry[] = [];
    if (stat.isDirectory()) {
      top = { dir: input, shown: input, archives: 0 };
    } else {
      const opened = await unpack(input, input);
      if ('message' in opened) {
        remove();
        return { ok: false, message: opened.message };
      }
      top = { dir: opened.dir, shown: `${input}!`, archives: 1 };
      topRefused = opened.refused;
    }
    const describeRefused = (shownPrefix: string, refused: RefusedEntry): string =>
      `${revealName(`${shownPrefix}/${refused.entry}`)}: refused, ${refused.reason}`;

    // One submission handed in on its own (a student's folder or zip): the entry points at its top.
    if (findRoots(top.dir, entryPoints)[0] === top.dir) {
      const id = path.basename(path.resolve(input)).replace(/\.zip$/i, '');
      const problems = topRefused.map((r) => describeRefused(top.shown, r));
      const submission = await intakeItem(
        { ...top, id, name: undefined, problems },
        entryPoints,
        unpack,
        describeRefused,
      );
      return { ok: true, intake: { input, submissions: [submission], ignored: [], problems: [], workspace, remove } };
    }

    const items = readdirSync(top.dir)
      .filter((item) => !isIgnoredName(item))
      .sort();
    const names = nameSubmissions(items);
    const ignored: string[] = [];
    const submissions: IntakeSubmission[] = [];
    const classProblems = topRefused
      .filter((r) => !items.includes(r.entry.split('/')[0] ?? ''))
      .map((r) => describeRefused(top.shown, r));
    for (const [index, item] of items.entries()) {
      const naming = names[index];
      if (!naming) continue;
      const full = path.join(top.dir, item);
      const shown = `${top.shown}/${item}`;
      const itemStat = lstatSync(full);
      if (naming.ignored) {
        ignored.push(
          `${revealName(shown)}: ${naming.layout === 'moodle' ? 'an online-text entry, not code' : 'ignored'}`,
        );
        continue;
      }
      const isZip = itemStat.isFile() && item.toLowerCase().endsWith('.zip');
      if (!itemStat.isDirectory() && !isZip) {
        ignored.push(`${revealName(shown)}: neither a folder nor a zip`);
        continue;
      }
      const problems = topRefused
        .filter((r) => r.entry.split('/')[0] === item)
        .map((r) => describeRefused(top.shown, r));
      let place: Place | undefined = { dir: full, shown, archives: top.archives };
      if (isZip) {
        if (top.archives >= maxArchiveDepth) {
          problems.push(`${revealName(shown)}: a zip inside a zip inside a zip; sockgrade opens zips one level deep`);
          place = undefined;
        } else {
          const opened = await unpack(full, shown);
          if ('message' in opened) {
            problems.push(opened.message);
            place = undefined;
          } else {
            problems.push(...opened.refused.map((r) => describeRefused(`${shown}!`, r)));
            place = { dir: opened.dir, shown: `${shown}!`, archives: top.archives + 1 };
          }
        }
      }
      if (!place) {
        submissions.push({
          id: naming.id,
          name: naming.name,
          source: shown,
          root: undefined,
          rootShown: undefined,
          files: 0,
          problems,
        });
        continue;
      }
      submissions.push(
        await intakeItem(
          { ...place, id: naming.id, name: naming.name, problems, source: shown },
          entryPoints,
          unpack,
          describeRefused,
        ),
      );
    }
    return {
      ok: true,
      intake: { input, submissions: markIdClashes(submissions), ignored, problems: classProblems, workspace, remove },
    };
  } catch (error) {
    remove();
    throw error;
  }
}

interface ItemStart extends Place {
  readonly id: string;
  readonly name: string | undefined;
  readonly problems: string[];
  readonly source?: string;
}

type Unpack = (
  zip: string,
  shown: string,
) => Promise<{ dir: string; refused: readonly RefusedEntry[] } | { message: string }>;

// Finds one submission's root: in its folder first, and in the zips it holds only when the folder
// itself holds no entry point (a student who zipped their folder and also left the files is not
// two submissions).
async function intakeItem(
  start: ItemStart,
  entryPoints: readonly string[],
  unpack: Unpack,
  describeRefused: (shownPrefix: string, refused: RefusedEntry) => string,
): Promise<IntakeSubmission> {
  const problems = [...start.problems];
  let roots = findRoots(start.dir, entryPoints).map((dir) => ({ dir, place: start as Place }));
  if (roots.length === 0) {
    for (const zip of findZips(start.dir)) {
      const shown = `${start.shown}/${zip}`;
      if (start.archives >= maxArchiveDepth) {
        problems.push(`${revealName(shown)}: a zip inside a zip inside a zip; sockgrade opens zips one level deep`);
        continue;
      }
      const opened = await unpack(path.join(start.dir, zip), shown);
      if ('message' in opened) {
        problems.push(opened.message);
        continue;
      }
      problems.push(...opened.refused.map((r) => describeRefused(`${shown}!`, r)));
      const place = { dir: opened.dir, shown: `${shown}!`, archives: start.archives + 1 };
      roots = [...roots, ...findRoots(place.dir, entryPoints).map((dir) => ({ dir, place }))];
    }
  }
  const shownRoot = (root: { dir: string; place: Place }): string => {
    const relative = path.relative(root.place.dir, root.dir);
    return relative === '' ? root.place.shown : `${root.place.shown}/${relative}`;
  };
  if (roots.length === 0) {
    problems.push(
      `${revealName(start.source ?? start.shown)}: no folder in it holds ${entryPoints.filter((n) => n !== 'makefile').join(', ')}`,
    );
  } else if (roots.length > 1) {
    problems.push(
      `${revealName(start.source ?? start.shown)}: ${roots.length} candidate roots, ${roots.map((r) => revealName(shownRoot(r))).join(' and ')}; keep one folder with the programs to grade`,
    );
  }
  const root = roots.length === 1 ? roots[0] : undefined;
  return {
    id: start.id,
    name: start.name,
    source: start.source ?? start.shown,
    root: root?.dir,
    rootShown: root ? shownRoot(root) : undefined,
    files: root ? countFiles(root.dir) : 0,
    problems,
  };
}

// Two submissions of one id would be saved over each other: both are refused, naming the other.
function markIdClashes(submissions: readonly IntakeSubmission[]): IntakeSubmission[] {
  return submissions.map((submission) => {
    const others = submissions.filter((other) => other !== submission && other.id === submission.id);
    if (others.length === 0) return submission;
    const problem = `two submissions have the id "${revealName(submission.id)}" (${[submission, ...others].map((s) => revealName(s.source)).join(' and ')}); rename one`;
    return { ...submission, problems: [...submission.problems, problem] };
  });
}

// A zip starts with a local file header or, when empty, an end-of-central-directory record.
function isZipFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    return head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || head.equals(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  } finally {
    closeSync(fd);
  }
}
