import path from 'node:path';
import { fileURLToPath } from 'node:url';

// A fixture rubric as a user would name it: relative to the directory vitest runs in.
export function fixtureRubric(name: string): string {
  return path.relative(process.cwd(), fileURLToPath(new URL(`../fixtures/rubrics/${name}`, import.meta.url)));
}

// The shipped rubric, named relative to the directory vitest runs in.
export const shippedRubric = path.relative(
  process.cwd(),
  fileURLToPath(new URL('../../rubrics/udp-chat.yaml', import.meta.url)),
);
