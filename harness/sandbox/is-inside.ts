import path from 'node:path';

// True when a path is the folder itself or lies below it, by their names ("..foo" is a name inside;
// ".." and "../x" are not). Resolve links first where they matter.
export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
