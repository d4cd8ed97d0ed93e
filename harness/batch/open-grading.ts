import { randomBytes } from 'node:crypto';
import { formatIssue } from '../yaml/format-issues.js';
import { loadRubric } from '../rubric/load-rubric.js';
import type { Rubric } from '../rubric/rubric.js';
import { reserveUidBlock } from '../sandbox/allocate-uid.js';
import { detectIsolation, type IsolationChoice, type IsolationPlan } from '../sandbox/detect-isolation.js';

// What grade, check and calibrate do first. Each returns undefined after telling the user
// what is wrong (every rubric problem as file:line:col), which is a usage error: exit 2.

// Loads a rubric, or logs all of its problems.
export async function openRubric(file: string, log: (line: string) => void): Promise<Rubric | undefined> {
  const loaded = await loadRubric(file);
  if (loaded.ok) return loaded.rubric;
  for (const issue of loaded.issues) log(formatIssue(issue));
  return undefined;
}

// The isolation this machine allows for the user's choice, or why the choice cannot be had.
export async function openIsolation(
  choice: IsolationChoice,
  log: (line: string) => void,
): Promise<IsolationPlan | undefined> {
  const isolation = await detectIsolation(choice);
  if (isolation.ok) return isolation.plan;
  log(isolation.message);
  return undefined;
}

// A fresh seed for a grading that was given none: short enough to type into --seed.
export function newSeed(): string {
  return randomBytes(4).toString('hex');
}

// Reserves this process's student uids now when runs drop privileges, so the opening line can
// name them: ", student uids 201000–201999", "" when runs keep the harness's uid, or undefined
// after saying why no block could be had (a fault of the batch: exit 3).
export function openUidBlock(plan: IsolationPlan, log: (line: string) => void): string | undefined {
  if (!plan.dropPrivileges) return '';
  try {
    const block = reserveUidBlock();
    return `, student uids ${block.from}–${block.to - 1}`;
  } catch (error) {
    log(
      `sockgrade cannot run students under uids of their own: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}
