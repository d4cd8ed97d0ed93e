import { constants, copyFileSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

// Copies the rubric's own folder of files (a web server's document root and what lies beside it)
// into a fresh working copy, over whatever the submission holds at those paths. The copy came
// from a student's build, so nothing there is trusted: an entry in the way that is not a real
// folder (a link, above all) is removed, never followed, before the rubric's file is written.
export function placeFiles(from: string, workdir: string): void {
  for (const name of readdirSync(from).sort()) {
    const source = path.join(from, name);
    const target = path.join(workdir, name);
    const stat = lstatSync(source);
    const present = lstatOrUndefined(target);
    if (stat.isDirectory()) {
      if (present && !present.isDirectory()) rmSync(target, { recursive: true, force: true });
      if (!present?.isDirectory()) mkdirSync(target, { mode: 0o755 });
      placeFiles(source, target);
    } else if (stat.isFile()) {
      if (present) rmSync(target, { recursive: true, force: true });
      copyFileSync(source, target, constants.COPYFILE_EXCL);
    }
  }
}

function lstatOrUndefined(file: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
