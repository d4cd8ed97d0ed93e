import { z } from 'zod';

// A submission's own sockgrade.yaml: how to start it and what it prints, where it differs from the rubric.
export const manifestSchema = z.strictObject({
  server: z.string().min(1).optional().describe('Command that starts the server, run in the submission copy'),
  client: z
    .string()
    .min(1)
    .optional()
    .describe('Command that starts one client; {name} stands for the chat name it joins as'),
  build: z.string().min(1).optional().describe('Build command run once before any actor starts'),
  password: z.string().optional().describe('The room password a hard-coded server expects'),
  prompts: z
    .strictObject({
      host: z.string().min(1).optional(),
      port: z.string().min(1).optional(),
      name: z.string().min(1).optional(),
      password: z.string().min(1).optional(),
    })
    .optional(),
  patterns: z.record(z.string(), z.string().min(1)).optional().describe('Overrides of the rubric patterns'),
  commands: z
    .record(z.string(), z.string().min(1))
    .optional()
    .describe('Chat command syntax, e.g. quit: "!q", file: "/file {path}"'),
});

export type ManifestDocument = z.infer<typeof manifestSchema>;
