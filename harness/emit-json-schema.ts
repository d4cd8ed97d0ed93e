import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { manifestSchema } from './submission/manifest-schema.js';
import { rubricSchema } from './rubric/schema.js';

interface SchemaFile {
  readonly file: string; // relative to the repository root
  readonly schema: z.ZodType;
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

const schemaFiles: readonly SchemaFile[] = [
  {
    file: 'rubrics/rubric.schema.json',
    schema: rubricSchema,
    id: 'urn:sockgrade:rubric',
    title: 'sockgrade rubric',
    description:
      'A sockgrade rubric: the criteria of a socket-programming assignment and the scenario that tests each one.',
  },
  {
    file: 'rubrics/manifest.schema.json',
    schema: manifestSchema,
    id: 'urn:sockgrade:manifest',
    title: 'sockgrade submission manifest',
    description:
      "A submission's own sockgrade.yaml: how to build and start it, and what it prints where that differs from the rubric.",
  },
];

// The JSON Schemas generated from the zod schemas, as the text of each file, keyed by its path from the repository root.
export function renderJsonSchemas(): Map<string, string> {
  return new Map(
    schemaFiles.map(({ file, schema, id, title, description }) => {
      const { $schema, ...body } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' });
      const document = { $schema, $id: id, title, description, ...body };
      return [file, `${JSON.stringify(document, null, 2)}\n`];
    }),
  );
}

// Writes rubrics/rubric.schema.json and rubrics/manifest.schema.json under rootDir (for editor completion); returns the paths written.
export async function emitJsonSchemas(rootDir: string): Promise<string[]> {
  const written: string[] = [];
  for (const [file, text] of renderJsonSchemas()) {
    const target = path.join(rootDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
    written.push(target);
  }
  return written;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  for (const file of await emitJsonSchemas(process.cwd())) console.log(`wrote ${file}`);
}
