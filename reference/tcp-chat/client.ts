import { LineInput } from '../shared/line-input.js';
import { say } from '../shared/say.js';
import { TcpChatClient } from './tcp-chat-client.js';

// Entry point of the reference TCP chat client: `node dist/reference/tcp-chat/client.js`.
new TcpChatClient(new LineInput(process.stdin)).run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
