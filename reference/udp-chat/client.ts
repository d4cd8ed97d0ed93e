import { LineInput } from '../shared/line-input.js';
import { say } from '../shared/say.js';
import { ChatClient } from './chat-client.js';
import { readBreakModes } from './settings.js';

// Entry point of the reference UDP chat client: `node dist/reference/udp-chat/client.js`;
// everything else comes from the prompts on standard input.
async function main(): Promise<number> {
  const client = new ChatClient({
    input: new LineInput(process.stdin),
    directory: process.cwd(),
    breaks: readBreakModes(process.env),
  });
  process.once('SIGTERM', () => client.stop());
  process.once('SIGINT', () => client.stop());
  return client.run();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
