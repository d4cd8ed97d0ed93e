import { describe, expect, test } from 'vitest';
import { diagList, pointNamed, runOnFixture } from './run-probe.js';

const probe = 'account-evidence.py';

describe('account-evidence.py (O10, evidence only)', () => {
  test('registration commands, a hashed password and a users file, each cited by path:line', async () => {
    const { report, stderr } = await runOnFixture(probe, 'accounts');
    expect(stderr).toBe('');
    expect(report).toMatchObject({ ok: true, passed: 4, failed: 0, skipped: 0, problems: [] });
    expect(report.tests.map((point) => point.name)).toEqual([
      'has registration or login commands',
      'hashes passwords',
      'stores user accounts',
      'summary',
    ]);
    expect(diagList(pointNamed(report, 'has registration or login commands'), 'found')).toEqual([
      'server.py:12: def register(name, password):',
      'server.py:22: COMMANDS = {"/daftar": register}',
    ]);
    const hashing = pointNamed(report, 'hashes passwords');
    expect(diagList(hashing, 'found')).toEqual(['server.py:9: return hashlib.sha256(password.encode()).hexdigest()']);
    expect(diagList(hashing, 'kinds')).toEqual(['hashlib.sha256()']);
    expect(diagList(pointNamed(report, 'stores user accounts'), 'found')).toEqual([
      'server.py:5: USERS_FILE = "users.json"',
    ]);
    expect(pointNamed(report, 'summary').diag?.message).toBe(
      'evidence of registration or login, password hashing, stored accounts',
    );
  });

  test('hashing that has nothing to do with a password (a checksum) is listed apart', async () => {
    const { report } = await runOnFixture(probe, 'accounts');
    expect(diagList(pointNamed(report, 'hashes passwords'), 'other_hashing')).toEqual([
      'server.py:1: import hashlib',
      'server.py:19: return hashlib.md5(data).hexdigest() + str(zlib.crc32(data))',
    ]);
  });

  test('no accounts: every point ok with a SKIP saying so', async () => {
    const { report } = await runOnFixture(probe, 'oop');
    expect(report).toMatchObject({ ok: true, passed: 0, skipped: 4, problems: [] });
    expect(report.tests.map((point) => point.skip)).toEqual([
      'no registration or login found',
      'no password hashing found',
      'no stored accounts found',
      'no evidence of user accounts',
    ]);
  });
});
