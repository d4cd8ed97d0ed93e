import path from 'node:path';

// Why an archive entry's name may not be written under the extraction folder, or undefined when
// it may: the name is the student's, so it is judged before anything touches the disk.
export function describeUnsafeEntryName(name: string): string | undefined {
  if (name === '' || name === '/') return 'it has no name';
  if (name.includes('\0')) return 'its name holds a NUL character';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name))
    return 'its path is absolute, so it would be written outside the extraction folder';
  if (name.split('/').includes('..'))
    return 'its path climbs out with "..", so it would be written outside the extraction folder';
  const resolved = path.resolve('/extract', name);
  if (!resolved.startsWith('/extract/')) return 'its path leaves the extraction folder';
  return undefined;
}
