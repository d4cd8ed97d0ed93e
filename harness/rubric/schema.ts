import { z } from 'zod';
import { durationSchema, regexSchema } from './schema-fields.js';
import { stepSchema } from './step-kinds.js';

// The schema of a rubric document; each step kind's schema is declared with its kind in rubric/steps/.

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
export type { StepDocument } from './step-kinds.js';
export type LaunchDocument = z.infer<typeof launchSchema>;
