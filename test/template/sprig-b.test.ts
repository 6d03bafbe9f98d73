/**
 * Sprig lists, dicts, semver, regex and dates, each case checked against what the real helm
 * printed for the same template (testdata/sprig-b/golden.json, written by record.ts).
 */
import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/template/fmt.ts';
import { setNowForTesting } from '../../src/template/funcs/sprig/dates.ts';
import { allCases } from './testdata/sprig-b/cases.ts';
import goldenJson from './testdata/sprig-b/golden.json' with { type: 'json' };
import { funcs } from './testdata/sprig-b/harness.ts';

// the golden outputs were recorded with TZ=UTC; our Local zone reads TZ on every lookup
process.env.TZ = 'UTC';

const golden = goldenJson as Record<string, { out?: string; err?: string }>;

/** `{{ x }}` output: a nil result prints `<no value>`, which Helm then strips. */
function render(v: unknown): string {
  if (v === undefined || v === null) return '';
  return formatValue(v);
}

for (const [group, cases] of Object.entries(allCases)) {
  describe(group, () => {
    it.each(cases)('%s', (tpl, run) => {
      const want = golden[tpl];
      expect(want, `no recorded output for ${tpl}; run record.ts`).toBeDefined();
      if (want!.err !== undefined) {
        // text/template reports both panics and returned errors as "error calling NAME: MSG"
        const msg = want!.err.replace(/^error calling [^:]+: /, '');
        expect(run).toThrow(msg);
        try {
          run();
        } catch (e) {
          expect((e as Error).message).toBe(msg);
        }
      } else {
        expect(render(run())).toBe(want!.out);
      }
    });
  });
}

describe('injected clock', () => {
  // 2023-11-14T22:13:20Z; Go prints these relative to time.Now, so they are checked by formula
  const now = 1_700_000_000n * 1_000_000_000n;
  const call = (name: string, ...args: unknown[]) => {
    setNowForTesting(() => now);
    try {
      return funcs[name]!.fn(...args);
    } finally {
      setNowForTesting(undefined);
    }
  };
  it.each([
    ['ago', [1_699_996_399n], '1h0m1s'],
    ['ago', [1_700_000_005n], '-5s'],
    ['date', ['2006-01-02 15:04', 1.5], '2023-11-14 22:13'],
    ['htmlDate', ['not a time'], '2023-11-14'],
  ] as const)('%s %s', (name, args, want) => {
    expect(call(name, ...args)).toBe(want);
  });
  it('now and durationRound of a time', () => {
    const t = call('now');
    expect(render(t)).toBe('2023-11-14 22:13:20 +0000 UTC');
    setNowForTesting(() => now + 3n * 86_400_000_000_000n + 1n);
    try {
      expect(funcs.durationRound!.fn(t)).toBe('3d');
    } finally {
      setNowForTesting(undefined);
    }
  });
});
