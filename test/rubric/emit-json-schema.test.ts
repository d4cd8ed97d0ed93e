import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emitJsonSchemas, renderJsonSchemas } from '../../harness/emit-json-schema.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function committedSchema(file: string): Promise<z.ZodType> {
  const json: unknown = JSON.parse(await readFile(path.join(root, file), 'utf8'));
  return z.fromJSONSchema(json as z.core.JSONSchema.JSONSchema);
}

describe('the committed JSON Schemas', () => {
  it.each(['rubrics/rubric.schema.json', 'rubrics/manifest.schema.json'])(
    '%s is what the zod schema produces now',
    async (file) => {
      const fresh = renderJsonSchemas().get(file);
      expect(fresh, 'run: node dist/harness/emit-json-schema.js').toBeDefined();
      expect(await readFile(path.join(root, file), 'utf8')).toBe(fresh);
    },
  );

  it('carries $schema, $id, title and description', async () => {
    const json = JSON.parse(await readFile(path.join(root, 'rubrics/rubric.schema.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(json).slice(0, 4)).toEqual(['$schema', '$id', 'title', 'description']);
    expect(json['$schema']).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('accepts udp-chat.yaml and refuses an unknown key', async () => {
    const schema = await committedSchema('rubrics/rubric.schema.json');
    const document: unknown = parse(await readFile(path.join(root, 'rubrics/udp-chat.yaml'), 'utf8'));
    expect(schema.safeParse(document).success).toBe(true);
    expect(schema.safeParse({ ...(document as object), colour: 'blue' }).success).toBe(false);
  });

  it('accepts a manifest', async () => {
    const schema = await committedSchema('rubrics/manifest.schema.json');
    expect(
      schema.safeParse({ server: 'python3 srv.py', prompts: { name: '(?i)nama' }, commands: { quit: '!q' } }).success,
    ).toBe(true);
    expect(schema.safeParse({ sever: 'python3 srv.py' }).success).toBe(false);
  });

  it('emitJsonSchemas writes both files under the given root', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sockgrade-schema-'));
    try {
      const written = await emitJsonSchemas(dir);
      expect(written.map((file) => path.relative(dir, file))).toEqual([
        'rubrics/rubric.schema.json',
        'rubrics/manifest.schema.json',
      ]);
      expect(await readFile(written[0] ?? '', 'utf8')).toBe(renderJsonSchemas().get('rubrics/rubric.schema.json'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
