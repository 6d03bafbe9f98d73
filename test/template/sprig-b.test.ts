/**
 * Sprig lists, dicts, semver, regex and dates, each case checked against what the real helm
 * printed for the same template (testdata/sprig-b/golden.json, written by record.ts).
 */
import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/template/fmt.ts';
import goldenJson from './testdata/sprig-b/golden.json' with { type: 'json' };
import { allCases } from './testdata/sprig-b/cases.ts';

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
