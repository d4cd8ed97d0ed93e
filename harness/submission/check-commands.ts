import { quote } from '../yaml/describe-value.js';
import type { Finding } from '../yaml/yaml-issue.js';

// The placeholders a submission's own commands may use; sockgrade's own ({root}, its install
// folder) are for the reference only. A client may also take the chat name, as students who read
// `sys.argv` (`python3 client.py HOST PORT NAME PASSWORD`) need: sockgrade chooses every value.
const submissionPlaceholders = new Set(['port', 'host', 'password']);
const clientPlaceholders = new Set([...submissionPlaceholders, 'name']);

// Folders a command may name by absolute path: the runtime, never the harness or another student.
const runtimePrefixes = ['/usr/', '/bin/', '/sbin/'];

// Reports each command of a submission's manifest that reaches outside the submission: a
// placeholder of sockgrade's own, an absolute path outside the runtime, or a path through "..".
export function checkCommands(commands: Readonly<Record<string, string | undefined>>): Finding[] {
  return Object.entries(commands).flatMap(([field, command]) => {
    if (command === undefined) return [];
    const problem = describeCommandProblem(command, field === 'client' ? clientPlaceholders : submissionPlaceholders);
    return problem ? [{ path: [field], at: 'value' as const, message: problem }] : [];
  });
}

function describeCommandProblem(command: string, placeholders: ReadonlySet<string>): string | undefined {
  for (const match of command.matchAll(/\{([^{}\s]*)\}/g)) {
    const name = match[1] ?? '';
    if (!placeholders.has(name)) {
      return `${quote(command)} uses {${name}}, which is not available to a submission: its commands may use only {port}, {host} and {password} (a client also {name}), and run programs inside the submission or on the PATH (python3, make, ./server)`;
    }
  }
  for (const word of command.split(/[\s;&|()<>`"'=]+/)) {
    if (word.startsWith('/') && !runtimePrefixes.some((prefix) => word.startsWith(prefix))) {
      return `${quote(command)} names ${word}, outside the submission: a submission's commands run programs inside its own folder (./server, python3 server.py) or on the PATH`;
    }
    if (word.split('/').includes('..') || word.startsWith('~')) {
      return `${quote(command)} names ${word}, which leaves the submission: a submission's commands run programs inside its own folder (./server, python3 server.py) or on the PATH`;
    }
  }
  return undefined;
}
