import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadChart, mergeUserValues, type ValueOptions } from '../../src/chart/index.ts';
import { renderRelease } from '../../src/engine/index.ts';
import { fakeRenderer } from './fake-renderer.ts';

const testdata = new URL('../chart/testdata/', import.meta.url).pathname;

/** What `helm template x <chart> ...` prints, minus the template executor (see fake-renderer). */
function template(chartDir: string, values: ValueOptions, warnings: string[] = []): string {
  const chart = loadChart(testdata + chartDir);
  const rel = renderRelease(chart, mergeUserValues(values), {
    release: { name: 'x', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false },
    renderer: fakeRenderer,
    warn: (m) => warnings.push(m),
  });
  let out = `${rel.manifest.trim()}\n`;
  for (const h of rel.hooks) out += `---\n# Source: ${h.path}\n${h.manifest}\n`;
  return out;
}

// goldens recorded with helm v4.1.4 (`helm template x deps ...` from test/chart/testdata)
describe('dependencies, coalescing and per-chart data against helm', () => {
  it('defaults: conditions, tags, an alias whose version does not match, import-values, globals', () => {
    const warnings: string[] = [];
    expect(template('deps', {}, warnings)).toBe(readFileSync(`${testdata}deps-defaults.golden`, 'utf8'));
    expect(warnings).toEqual(readFileSync(`${testdata}deps-defaults.stderr`, 'utf8').trim().split('\n'));
  });

  it('overrides: null deletes a default, --set enables by tag and condition, --set-string', () => {
    const out = template('deps', {
      valueFiles: [`${testdata}deps-overrides.yaml`],
      values: ['global.extra=1,tags.frontend=true,third.enabled=true'],
      stringValues: ['second.str=5'],
    });
    expect(out).toBe(readFileSync(`${testdata}deps-overrides.golden`, 'utf8'));
  });
});
