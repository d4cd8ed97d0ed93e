// The serialisable shape of a grading: what result.json holds and what every report reads.
import type { Roster } from './roster.js';
import type { SimilarPair } from './similar-pair.js';

export type Status = 'pass' | 'fail' | 'error' | 'blocked' | 'manual' | 'flaky';

export type Isolation = 'netns' | 'none';

// What showed each student program the machine: bubblewrap (an allow-list view), unshare
// (namespaces, the class folder hidden) or none (process groups only). See SECURITY.md.
export type Sandbox = 'bubblewrap' | 'unshare' | 'none';

// One line of an actor's life: what it printed, what it was typed, what happened to it.
export interface TranscriptLine {
  readonly t: number; // ms since the run started
  readonly actor: string;
  readonly stream: 'stdin' | 'stdout' | 'stderr' | 'event';
  readonly text: string;
}

// One datagram (UDP) or one read (TCP) that crossed the proxy.
export interface WireRecord {
  readonly t: number; // ms since the run started
  readonly link: string; // the client actor on this link
  readonly dir: 'up' | 'down'; // up = client to server
  readonly n?: number; // its number on this link and direction since the run's first fault rule was armed
  readonly size: number;
  readonly head: string; // base64 of the first bytes (at most 64)
  readonly fault?: string; // the fault applied to it, if any
}

export interface Evidence {
  readonly expected?: string;
  readonly observed?: string;
  readonly step?: number; // index of the step that decided the verdict
  readonly transcript?: readonly TranscriptLine[]; // the lines around the decisive moment
  readonly wire?: readonly WireRecord[];
  readonly notes?: readonly string[];
}

export interface CriterionResult {
  readonly id: string;
  readonly title: string;
  readonly mandatory: boolean;
  readonly visibility: 'visible' | 'hidden';
  readonly points: number;
  readonly maxPoints: number;
  readonly status: Status;
  readonly message: string;
  readonly hint?: string;
  readonly durationMs: number;
  readonly evidence: Evidence;
  readonly overridden?: boolean; // points set by the lecturer in overrides.yaml
  readonly automated?: AutomatedVerdict; // the harness's own verdict, kept when overridden
}

// What the harness decided before a lecturer's override, so re-applying overrides starts from it.
export interface AutomatedVerdict {
  readonly points: number;
  readonly status: Status;
  readonly message: string;
}

// One launch setting ("server", "prompts.name", "commands.quit", …), its value (none for the
// password) and where it came from: the default, the rubric, the C convention (Makefile) or sockgrade.yaml.
export interface LaunchSetting {
  readonly setting: string;
  readonly value?: string;
  readonly from: string;
}

export interface SubmissionResult {
  readonly submission: string;
  readonly path: string;
  readonly rubric: string;
  readonly rubricPath?: string; // the rubric file as given on the command line, for replay commands
  readonly score: number;
  readonly maxScore: number;
  readonly seed: string;
  readonly durationMs: number;
  readonly gradedAt: string;
  readonly harness: {
    readonly version: string;
    readonly isolation: Isolation;
    readonly sandbox?: Sandbox; // absent in results saved before sandboxes were recorded
    readonly isolationNote?: string;
  };
  readonly notes?: readonly string[]; // what staging skipped (FIFOs, sockets, devices), for the lecturer
  readonly students?: readonly StudentOf[]; // who it grades: from the roster (--roster), or the name a download gave it
  readonly launch?: readonly LaunchSetting[]; // how it was built and started, each setting with its origin
  readonly criteria: readonly CriterionResult[];
  readonly regrades?: readonly Regrade[]; // criteria graded again later (--only into the same --out), oldest first
}

// Some criteria of a saved result graded again: which, with which seed, and when.
export interface Regrade {
  readonly criteria: readonly string[];
  readonly seed: string;
  readonly gradedAt: string;
}

// A student a submission grades, as the roster or the download names them; empty strings for what neither says.
export interface StudentOf {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export interface BatchSummary {
  readonly rubric: string;
  readonly seed: string;
  readonly isolation: Isolation;
  readonly durationMs: number;
  readonly submissions: readonly {
    readonly submission: string;
    readonly score: number;
    readonly maxScore: number;
    readonly statuses: Readonly<Record<string, Status>>;
  }[];
  readonly roster?: Roster; // the roster graded with (--roster): grades.csv is keyed by its ids
  readonly missing?: readonly string[]; // roster ids with no submission, their own or their team's
  readonly unmatched?: readonly string[]; // submissions that match no one on the roster
  readonly similar?: readonly SimilarPair[]; // pairs of submissions whose code is alike, for a person to look at
}
