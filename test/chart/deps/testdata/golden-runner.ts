/**
 * Runs the recorded package/create/show/dependency scenarios (scenarios.mjs, golden.json from
 * the real helm) against the built bosun CLI, one vitest case per scenario.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import golden from './golden.json' with { type: 'json' };
import { runScenario, type ScenarioResult, scenarios } from './scenarios.mjs';

const bin = new URL('../../../../dist/bosun.mjs', import.meta.url).pathname;

export function describeScenarios(prefix: string): void {
  describe(`${prefix} scenarios recorded from helm v4.1.4`, () => {
    for (const sc of scenarios.filter((s) => s.id.startsWith(prefix))) {
      // npm test builds dist/ first; a missing bundle is a broken run, not a reason to skip
      it(sc.id, () => {
        expect(existsSync(bin), `${bin} is built (npm run build)`).toBe(true);
        const want = (golden as Record<string, ScenarioResult>)[sc.id]!;
        const got = runScenario(sc, process.execPath, [bin, 'helm']);
        expect(got.results).toEqual(want.results);
        expect(got.files).toEqual(want.files);
      });
    }
  });
}
