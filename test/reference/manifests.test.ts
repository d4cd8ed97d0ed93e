import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { manifestSchema } from '../../harness/submission/manifest-schema.js';
import { repoRoot } from './support/program.js';

describe('reference sockgrade.yaml manifests', () => {
  for (const kind of ['udp-chat', 'tcp-chat']) {
    it(`${kind}: is a valid manifest that starts the compiled reference from {root} on the port sockgrade picks`, () => {
      const text = readFileSync(path.join(repoRoot, 'reference', kind, 'sockgrade.yaml'), 'utf8');
      const manifest = manifestSchema.parse(parse(text));
      expect(manifest.server).toBe(`PORT={port} node {root}/dist/reference/${kind}/server.js`);
      expect(manifest.client).toBe(`node {root}/dist/reference/${kind}/client.js`);
      for (const pattern of Object.values(manifest.prompts ?? {})) expect(() => new RegExp(pattern)).not.toThrow();
      for (const pattern of Object.values(manifest.patterns ?? {})) expect(() => new RegExp(pattern)).not.toThrow();
    });
  }

  it('udp-chat: its prompts and patterns match what the reference prints', () => {
    const text = readFileSync(path.join(repoRoot, 'reference', 'udp-chat', 'sockgrade.yaml'), 'utf8');
    const manifest = manifestSchema.parse(parse(text));
    const prompts = manifest.prompts ?? {};
    expect(new RegExp(prompts.host ?? '^$').test('Server IP: ')).toBe(true);
    expect(new RegExp(prompts.port ?? '^$').test('Port: ')).toBe(true);
    expect(new RegExp(prompts.name ?? '^$').test('Name: ')).toBe(true);
    expect(new RegExp(prompts.password ?? '^$').test('Password: ')).toBe(true);
    expect(new RegExp(prompts.name ?? '^$').test('Password: ')).toBe(false);
    const patterns = manifest.patterns ?? {};
    expect(new RegExp(patterns['joined'] ?? '^$').test('joined as alice')).toBe(true);
    expect(new RegExp(patterns['joined'] ?? '^$').test('* bob joined')).toBe(false);
    expect(new RegExp(patterns['refused'] ?? '^$').test('refused: name already taken')).toBe(true);
    expect(manifest.password).toBe('123');
  });
});
