#!/usr/bin/env node
// The sockgrade executable: runs the CLI and is the only place that ends the process.
import { runCli } from './cli.js';

runCli(process.argv).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `sockgrade: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(3);
  },
);
