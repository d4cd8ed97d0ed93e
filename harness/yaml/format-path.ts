// One step into a parsed document: a map key or a list index.
export type PathSegment = string | number;

const plainKey = /^[A-Za-z_][\w-]*$/;

// Writes a document path the way a reader would: criteria[2].steps[0].expect.within
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (plainKey.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
