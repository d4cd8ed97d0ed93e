import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { placeFiles } from '../../harness/sandbox/place-files.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'sockgrade-place-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('placeFiles', () => {
  it("lays the rubric's files over a working copy, removing links and files in the way instead of following them", () => {
    const files = path.join(scratch, 'files');
    mkdirSync(path.join(files, 'www', 'img'), { recursive: true });
    writeFileSync(path.join(files, 'www', 'index.html'), 'rubric page');
    writeFileSync(path.join(files, 'www', 'img', 'logo.png'), Buffer.from([0x89, 0x50, 0x0d, 0x0a, 0x00, 0xff]));
    writeFileSync(path.join(files, 'secret.txt'), 'rubric secret');

    const outside = path.join(scratch, 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'index.html'), 'untouched');
    writeFileSync(path.join(outside, 'passwd'), 'untouched');
    const workdir = path.join(scratch, 'workdir');
    mkdirSync(workdir);
    writeFileSync(path.join(workdir, 'server.py'), 'print("hi")');
    symlinkSync(outside, path.join(workdir, 'www')); // the student's copy holds links where the rubric's files go
    symlinkSync(path.join(outside, 'passwd'), path.join(workdir, 'secret.txt'));

    placeFiles(files, workdir);

    expect(readFileSync(path.join(outside, 'index.html'), 'utf8')).toBe('untouched');
    expect(readFileSync(path.join(outside, 'passwd'), 'utf8')).toBe('untouched');
    expect(lstatSync(path.join(workdir, 'www')).isDirectory()).toBe(true);
    expect(lstatSync(path.join(workdir, 'secret.txt')).isFile()).toBe(true);
    expect(readFileSync(path.join(workdir, 'secret.txt'), 'utf8')).toBe('rubric secret');
    expect(readFileSync(path.join(workdir, 'www', 'img', 'logo.png'))).toEqual(
      Buffer.from([0x89, 0x50, 0x0d, 0x0a, 0x00, 0xff]),
    );
    expect(readdirSync(workdir).sort()).toEqual(['secret.txt', 'server.py', 'www']);
  });

  it("keeps the submission's own files beside the rubric's, and replaces a file where the rubric has a folder", () => {
    const files = path.join(scratch, 'files2');
    mkdirSync(path.join(files, 'www', 'img'), { recursive: true });
    writeFileSync(path.join(files, 'www', 'img', 'a.png'), 'a');
    const workdir = path.join(scratch, 'workdir2');
    mkdirSync(path.join(workdir, 'www'), { recursive: true });
    writeFileSync(path.join(workdir, 'www', 'about.html'), 'student page');
    writeFileSync(path.join(workdir, 'www', 'img'), 'not a folder');

    placeFiles(files, workdir);

    expect(readFileSync(path.join(workdir, 'www', 'about.html'), 'utf8')).toBe('student page');
    expect(readFileSync(path.join(workdir, 'www', 'img', 'a.png'), 'utf8')).toBe('a');
  });
});
