import { z } from 'zod';
import { maxDurationMs, parseDuration } from './parse-duration.js';
import { maxSizeBytes, parseSize } from './parse-size.js';

// A refinement's message that says what was expected, so it reads "expected …, found …" like zod's own rules.
function expected(message: string): { message: string; params: { expected: true } } {
  return { message, params: { expected: true } };
}

const durationPattern = /^\d+(\.\d+)?\s*(ms|s|m)$/;
const tooLong = `a duration of at most 1 hour ("60m" or ${maxDurationMs} ms)`;

// A duration as a lecturer writes it: "1500ms", "5s", "2m", or a bare number of milliseconds; at most 1 hour.
export const durationSchema = z
  .union([
    z.number().int().nonnegative().max(maxDurationMs, tooLong),
    z
      .string()
      .regex(durationPattern, 'a duration such as "1500ms", "5s" or "2m"')
      .refine((text) => !durationPattern.test(text) || parseDuration(text) <= maxDurationMs, expected(tooLong)),
  ])
  .describe('A duration: "1500ms", "5s", "2m", or a number of milliseconds');

// A regular expression in JavaScript syntax; "(?i)" at the start makes it case-insensitive.
const regexSchema = z.string().min(1).describe('A regular expression; a leading "(?i)" makes it case-insensitive');

const actorName = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'an actor name in lower case, such as "alice" or "server"');

const actorList = z.union([actorName, z.array(actorName).min(1)]);

const implSchema = z.enum(['student', 'reference']).describe('Whose program plays this actor');

const startStep = z.strictObject({
  start: z.union([
    actorName,
    z.strictObject({ actor: actorName, impl: implSchema.optional(), within: durationSchema.optional() }),
  ]),
});

const joinStep = z.strictObject({
  join: z.union([
    actorName,
    z.strictObject({
      as: actorName,
      name: z.string().optional().describe('The chat name typed at the prompt; the actor name by default'),
      password: z.string().optional().describe('The password typed; the room password by default'),
      wait: z.enum(['joined', 'none']).optional().describe('"joined" waits for the joined pattern'),
      impl: implSchema.optional(),
      within: durationSchema.optional(),
    }),
  ]),
});

const sendStep = z.strictObject({
  send: z.strictObject({
    from: actorName,
    text: z.string().min(1),
    optional: z.boolean().optional().describe('Skip silently when the actor has already exited'),
  }),
});

const matchFields = {
  in: actorList,
  text: z.string().min(1).optional().describe('Literal text (templates allowed)'),
  pattern: z.string().min(1).optional().describe('A named pattern from "patterns" or a regular expression'),
  mode: z.enum(['any', 'all']).optional().describe('With several actors: any one of them, or all (default all)'),
};

const expectStep = z.strictObject({
  expect: z.strictObject({
    ...matchFields,
    since: z
      .enum(['send', 'start'])
      .optional()
      .describe(
        'Look only at output printed after the last message was typed (send), or all of it (start, the default)',
      ),
    within: durationSchema.optional(),
  }),
});

const refuteStep = z.strictObject({
  refute: z.strictObject({
    ...matchFields,
    near: z.string().min(1).optional().describe('Fails on a near miss of this text: 1 or 2 characters changed'),
    for: durationSchema.optional(),
  }),
});

const rejectedStep = z.strictObject({
  rejected: z.union([actorName, z.strictObject({ actor: actorName, within: durationSchema.optional() })]),
});

const wireStep = z.strictObject({
  wire: z.strictObject({
    link: actorName.describe('The client whose link to the server is watched'),
    dir: z.enum(['up', 'down']).describe('up = client to server, down = server to client'),
    since: z.enum(['send', 'start']).optional().describe('Count from the last send step (default) or the start'),
    minBytes: z.number().int().positive().max(maxSizeBytes).optional(),
    within: durationSchema.optional(),
  }),
});

const sizePattern = /^\d+\s*(B|KB|MB)$/;
const tooBig = `a size of at most ${maxSizeBytes / 1024 / 1024}MB`;

// A size as a lecturer writes it: "200KB", "1MB", or a number of bytes; at most 64MB.
export const sizeSchema = z
  .union([
    z.number().int().positive().max(maxSizeBytes, tooBig),
    z
      .string()
      .regex(sizePattern, 'a size such as "200KB" or "1MB"')
      .refine((text) => !sizePattern.test(text) || parseSize(text) <= maxSizeBytes, expected(tooBig)),
  ])
  .describe('A size: "200KB", "1MB", or a number of bytes');

// How many packets from now a fault may wait for or strike.
const maxPackets = 100_000;

const linkSchema = z.union([z.literal('all'), actorName]).describe('A client whose link to the server, or "all"');

const faultStep = z.strictObject({
  fault: z
    .strictObject({
      link: linkSchema.optional(),
      dir: z.enum(['up', 'down', 'both']).optional(),
      kind: z.enum(['drop', 'corrupt', 'duplicate', 'reorder', 'delay', 'split', 'coalesce']),
      probability: z.number().gt(0).lte(1).optional().describe('Each packet is hit with this probability'),
      next: z.number().int().positive().max(maxPackets).optional().describe('The next N packets are hit'),
      nth: z.number().int().positive().max(maxPackets).optional().describe('Only the N-th packet from now is hit'),
      minBytes: z
        .number()
        .int()
        .nonnegative()
        .max(maxSizeBytes)
        .optional()
        .describe('Packets shorter than this (acks) are never hit'),
      delay: durationSchema.optional().describe('How long delay and reorder hold a packet back'),
    })
    .refine((f) => [f.probability, f.next, f.nth].filter((v) => v !== undefined).length === 1, {
      message: 'say when the fault strikes with exactly one of probability, next or nth',
    }),
});

const burstStep = z.strictObject({
  burst: z.strictObject({
    from: actorName,
    count: z.number().int().min(1).max(1000),
    text: z.string().min(1).describe('{n} is the message number, {token} a fresh token per message'),
  }),
});

const deliveredStep = z.strictObject({
  delivered: z.strictObject({ in: actorName, within: durationSchema.optional() }),
});

const unreadableStep = z.strictObject({
  unreadable: z
    .strictObject({ text: z.string().min(1).optional().describe('By default every token sent in this run') })
    .describe('No chat text crosses the wire readable: plain, base64, hex or UTF-16'),
});

const fileStep = z.strictObject({
  file: z.strictObject({ from: actorName, size: sizeSchema }),
});

const receivedStep = z.strictObject({
  received: z.strictObject({ in: actorName, within: durationSchema.optional() }),
});

const probeStep = z.strictObject({
  probe: z.strictObject({
    run: z.string().min(1).describe('The probe, relative to the rubric; any executable that prints TAP'),
    within: durationSchema.optional(),
  }),
});

const crowdStep = z.strictObject({
  crowd: z.strictObject({
    size: z.number().int().min(2).max(50),
    messages: z.number().int().min(1).max(20),
    within: durationSchema.optional(),
  }),
});

const severStep = z.strictObject({
  sever: actorName.describe("Cuts a client's link abruptly: TCP connections are reset (RST), UDP datagrams go nowhere"),
});

// Clients sockgrade plays itself, byte for byte (raw TCP connections or UDP sockets), for
// assignments whose client is not graded: echo servers, a greeting server.
const connectStep = z.strictObject({
  connect: actorName.describe('Opens a TCP connection (or a UDP socket) of its own to the server, through the proxy'),
});
const sendBytesStep = z.strictObject({
  'send-bytes': z
    .strictObject({
      from: actorName,
      text: z.string().optional().describe('These bytes (UTF-8, templates allowed; "" is an empty datagram)'),
      size: z
        .union([sizeSchema, z.literal(0)])
        .optional()
        .describe('This many seeded random bytes'),
      content: z
        .enum(['binary', 'text'])
        .optional()
        .describe('With size: any byte value (default), or letters and digits'),
    })
    .refine((s) => (s.text === undefined) !== (s.size === undefined), {
      message: 'say what to send with exactly one of text or size',
    }),
});
const echoedStep = z.strictObject({
  echoed: z.union([actorName, z.strictObject({ in: actorName, within: durationSchema.optional() })]),
});
const closedStep = z.strictObject({
  closed: z.union([
    actorName,
    z.strictObject({
      in: actorName,
      minBytes: z
        .number()
        .int()
        .nonnegative()
        .max(maxSizeBytes)
        .optional()
        .describe('Bytes the server must have sent before closing'),
      within: durationSchema.optional(),
    }),
  ]),
});
const halfCloseStep = z.strictObject({
  'half-close': actorName.describe('shutdown(SHUT_WR): the client sends no more'),
});
const resetStep = z.strictObject({ reset: actorName.describe('The client closes with a reset (RST, SO_LINGER 0)') });

const fileBody = z.strictObject({ file: z.string().min(1).describe('A file, relative to the rubric') });

// The harness plays an HTTP client over a raw TCP socket, loopback only, straight to the server.
const httpStep = z.strictObject({
  http: z
    .strictObject({
      get: z
        .string()
        .regex(/^\S+$/, 'a path such as "/index.html"')
        .optional()
        .describe('Sends "GET <path> HTTP/1.0", a Host header and an empty line'),
      request: z.string().min(1).optional().describe('The raw request, sent byte for byte (YAML "\\r\\n" escapes)'),
      split: z
        .array(z.number().int().positive().max(65_536))
        .min(1)
        .optional()
        .describe('Byte offsets where the request is cut into segments'),
      pause: durationSchema.optional().describe('How long to wait between segments (default 300ms)'),
      clients: z
        .number()
        .int()
        .min(2)
        .max(50)
        .optional()
        .describe('Clients at once; the first holds its request half-sent until the others are answered'),
      status: z
        .union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599)).min(1)])
        .optional(),
      headers: z
        .record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name'), z.string())
        .optional()
        .describe("Header name to regular expression; {length} stands for the body's length in bytes"),
      body: z
        .union([fileBody, z.strictObject({ pattern: regexSchema })])
        .optional()
        .describe('The body equals a file, or matches a pattern'),
      lacks: fileBody.optional().describe("The body must not hold this file's content"),
      within: durationSchema.optional(),
    })
    .refine((h) => (h.get === undefined) !== (h.request === undefined), {
      message: 'give the request with exactly one of get or request',
    }),
});

const stopStep = z.strictObject({ stop: actorName });
const restartStep = z.strictObject({
  restart: z.union([actorName, z.strictObject({ actor: actorName, within: durationSchema.optional() })]),
});
const quitStep = z.strictObject({ quit: actorName });

// Checks that only observe, and so may be combined with "any".
export const checkSchema = z.union([expectStep, refuteStep, wireStep]);

const anyStep = z.strictObject({
  any: z.array(checkSchema).min(2).describe('Passes as soon as one of these checks passes'),
});

// Every step is a map with exactly one key naming its kind.
export const stepSchema = z.union([
  anyStep,
  startStep,
  joinStep,
  sendStep,
  expectStep,
  refuteStep,
  rejectedStep,
  wireStep,
  stopStep,
  restartStep,
  quitStep,
  faultStep,
  burstStep,
  deliveredStep,
  unreadableStep,
  fileStep,
  receivedStep,
  probeStep,
  crowdStep,
  severStep,
  connectStep,
  sendBytesStep,
  echoedStep,
  closedStep,
  halfCloseStep,
  resetStep,

  httpStep,
]);

export const criterionSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'an id such as "M1" or "O8"'),
  title: z.string().min(1),
  points: z.number().nonnegative().max(1000),
  mandatory: z.boolean().optional(),
  visibility: z.enum(['visible', 'hidden']).optional().describe('Hidden criteria are left out of student checks'),
  requires: z.array(z.string()).optional().describe('Criteria that must pass first, or this one is blocked'),
  grading: z.enum(['auto', 'manual']).optional(),
  hint: z.string().optional().describe('Shown to a student whose submission fails this criterion'),
  timeout: durationSchema.optional().describe('Wall-clock limit of the whole run of this criterion'),
  partial: z
    .union([z.literal('proportional'), z.strictObject({ threshold: z.number().gt(0).lte(1) })])
    .optional()
    .describe('Steps that measure a share (crowd): points in proportion, or pass at a threshold'),
  steps: z.array(stepSchema).optional(),
});

const promptsSchema = z.strictObject({
  host: regexSchema.optional(),
  port: regexSchema.optional(),
  name: regexSchema.optional(),
  password: regexSchema.optional(),
});

export const launchSchema = z.strictObject({
  server: z.string().min(1).optional().describe('Command template: {host} {port} {password}'),
  client: z.string().min(1).optional().describe('Command template: {host} {port} {name} {password}'),
  build: z.string().min(1).optional().describe('Run once in the submission copy before any actor starts'),
});

export const limitsSchema = z.strictObject({
  processes: z.number().int().positive().max(4096).optional(),
  memoryMb: z.number().int().positive().max(65_536).optional(),
  cpuSeconds: z.number().int().positive().max(3600).optional(),
  fileSizeMb: z.number().int().positive().max(4096).optional(),
  outputKb: z.number().int().positive().max(65_536).optional(),
  submissionMb: z
    .number()
    .int()
    .positive()
    .max(4096)
    .optional()
    .describe('The largest submission sockgrade copies (apparent size)'),
});

export const rubricSchema = z.strictObject({
  rubric: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a rubric name such as "udp-chat"'),
  title: z.string().min(1),
  transport: z.enum(['udp', 'tcp']),
  launch: launchSchema.optional(),
  reference: z.string().min(1).optional().describe('The reference implementation folder, relative to the rubric'),
  files: z
    .string()
    .min(1)
    .optional()
    .describe(
      "A folder, relative to the rubric, copied into every actor's working copy before it starts (the files a server serves)",
    ),
  starter: z
    .string()
    .min(1)
    .optional()
    .describe(
      'A folder of starter code handed out to the class, relative to the rubric: the similarity check ignores what it holds',
    ),
  password: z.string().optional().describe('The room password typed by clients'),
  prompts: promptsSchema.optional(),
  patterns: z.record(z.string(), regexSchema).optional(),
  timeouts: z
    .strictObject({
      start: durationSchema.optional(),
      join: durationSchema.optional(),
      expect: durationSchema.optional(),
      refute: durationSchema.optional(),
      run: durationSchema.optional(),
    })
    .optional(),
  limits: limitsSchema.optional(),
  commands: z
    .record(z.string(), z.string().min(1))
    .optional()
    .describe('Chat command syntax typed into clients: quit: "!q", file: "/file {path}"'),
  criteria: z.array(criterionSchema).min(1),
});

export type RubricDocument = z.infer<typeof rubricSchema>;
export type CriterionDocument = z.infer<typeof criterionSchema>;
export type StepDocument = z.infer<typeof stepSchema>;
export type LaunchDocument = z.infer<typeof launchSchema>;
