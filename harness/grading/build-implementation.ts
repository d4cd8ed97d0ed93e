import path from 'node:path';
import type { LaunchSettings } from '../submission/resolve-launch.js';
import type { Implementation } from '../model/implementation.js';
import { rootDir } from '../version.js';

// Turns a submission's resolved launch settings into what the scenario starts; only a trusted
// implementation (sockgrade's own reference) may read sockgrade's build and use {root}.
export function buildImplementation(
  label: 'student' | 'reference',
  stageDir: string,
  launch: LaunchSettings,
  trusted: boolean,
): Implementation {
  // Only the reference's own manifest may name sockgrade's install ({root}, for its build): its
  // programs see that build read-only; a student's never see it (loadManifest refuses {root}).
  return {
    label,
    stageDir,
    readable: trusted ? [path.join(rootDir, 'dist', 'reference')] : [],
    server: trusted ? withRoot(launch.server) : launch.server,
    client: trusted ? withRoot(launch.client) : launch.client,
    password: launch.password,
    prompts: launch.prompts,
    patterns: launch.patterns,
    commands: launch.commands,
  };
}

// "{root}" in a command is the folder sockgrade is installed in (how the reference finds its build).
function withRoot(command: string): string {
  return command.replaceAll('{root}', rootDir);
}
