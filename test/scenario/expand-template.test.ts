import { describe, expect, it } from 'vitest';
import type { ScenarioContext } from '../../harness/scenario/context.js';
import { drawToken, expandTemplate } from '../../harness/scenario/expand-template.js';
import { SeededSource } from '../../harness/scenario/tokens.js';

// The parts of a run's context that templates read: the token drawn last and the room password.
function context(lastToken?: string): ScenarioContext {
  const partial = {
    lastToken,
    sentTokens: [] as string[],
    random: new SeededSource('expand-template'),
    student: { password: '123' },
  };
  return partial as unknown as ScenarioContext;
}

describe('expandTemplate', () => {
  it('fills {token} with the token drawn last', () => {
    expect(expandTemplate(context('k3j9x2m1ab'), 'halo {token}')).toBe('halo k3j9x2m1ab');
  });

  it('leaves {token} as it is when no token was drawn yet', () => {
    expect(expandTemplate(context(), 'halo {token}')).toBe('halo {token}');
  });

  it('fills {password} with the room password', () => {
    expect(expandTemplate(context(), 'not-{password}')).toBe('not-123');
  });

  it('fills other names from the values given, and leaves unknown ones alone', () => {
    expect(
      expandTemplate(context(), 'python3 client.py {host} {port} {name} {nope}', {
        host: '127.9.8.7',
        port: '4000',
        name: 'alice',
      }),
    ).toBe('python3 client.py 127.9.8.7 4000 alice {nope}');
  });

  // A join with a wrong password (M5's mallory) passes it as a value: a client that takes its
  // password on the command line must get that one, as the password prompt does.
  it('fills {password} with the password given for this join, when one is given', () => {
    expect(
      expandTemplate(context(), 'python3 client.py {name} {password}', { name: 'mallory', password: 'not-123' }),
    ).toBe('python3 client.py mallory not-123');
  });
});

describe('drawToken', () => {
  it('draws a fresh token for a text that carries {token}, and remembers it as sent', () => {
    const ctx = context();
    drawToken(ctx, 'halo {token}');
    const first = ctx.lastToken;
    drawToken(ctx, 'again {token}');
    expect(first).toMatch(/^[a-z2-9]{10}$/);
    expect(ctx.lastToken).not.toBe(first);
    expect(ctx.sentTokens).toEqual([first, ctx.lastToken]);
    expect(expandTemplate(ctx, 'again {token}')).toBe(`again ${ctx.lastToken}`);
  });

  it('draws nothing for a text without {token}', () => {
    const ctx = context('kept');
    drawToken(ctx, '/quit');
    expect(ctx.lastToken).toBe('kept');
    expect(ctx.sentTokens).toEqual([]);
  });
});
