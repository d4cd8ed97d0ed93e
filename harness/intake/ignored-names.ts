// What archivers and operating systems add to a folder, never part of a submission: never searched,
// never counted.
export function isIgnoredName(name: string): boolean {
  return (
    name === '__MACOSX' ||
    name === '.DS_Store' ||
    name === 'Thumbs.db' ||
    name === 'desktop.ini' ||
    name.startsWith('._') ||
    name === '.git'
  );
}
