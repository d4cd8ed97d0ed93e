// Who a top-level item of a class download belongs to, read from its name as the LMS wrote it.

// The id results and the gradebook are keyed by, the student's name where the LMS wrote it, and
// whether the item is graded at all (Moodle's online-text entries are not code).
export interface SubmissionName {
  readonly id: string;
  readonly name: string | undefined;
  readonly layout: 'moodle' | 'classroom' | 'plain';
  readonly ignored: boolean;
}

// Moodle's "Download all submissions": `Full Name_12345_assignsubmission_file_` (the trailing
// underscore may be missing; `onlinetext` holds the text a student typed into the form).
const moodleName = /^(.+)_(\d+)_assignsubmission_([a-z]+)_?(?:\.zip)?$/;

// Names every item of one folder at once: GitHub Classroom's `<assignment>-<username>` is known only
// by the assignment prefix all the items share.
export function nameSubmissions(items: readonly string[]): SubmissionName[] {
  const prefix = classroomPrefix(items);
  return items.map((item) => {
    const moodle = moodleName.exec(item);
    if (moodle) {
      return {
        id: moodle[2] as string,
        name: (moodle[1] as string).trim(),
        layout: 'moodle',
        ignored: moodle[3] !== 'file',
      };
    }
    const bare = item.replace(/\.zip$/i, '');
    if (prefix !== undefined)
      return { id: bare.slice(prefix.length), name: undefined, layout: 'classroom', ignored: false };
    return { id: bare, name: undefined, layout: 'plain', ignored: false };
  });
}

// The `<assignment>-` prefix every item shares (at least two items, none a Moodle one), if any.
function classroomPrefix(items: readonly string[]): string | undefined {
  if (items.length < 2 || items.some((item) => moodleName.test(item))) return undefined;
  const bare = items.map((item) => item.replace(/\.zip$/i, ''));
  let common = bare[0] ?? '';
  for (const item of bare) while (!item.startsWith(common)) common = common.slice(0, -1);
  const dash = common.lastIndexOf('-');
  if (dash <= 0) return undefined;
  const prefix = common.slice(0, dash + 1);
  return bare.every((item) => item.length > prefix.length) ? prefix : undefined;
}
