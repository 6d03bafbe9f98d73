import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChart } from '../../src/chart/index.ts';

// recorded from `helm template x <chart>` (helm v4.1.4) with each Chart.yaml
const cases: { chartYaml: string; ok?: true; error?: string }[] = JSON.parse(
  readFileSync(new URL('./testdata/chartyaml.json', import.meta.url), 'utf8'),
);

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
}

describe('Chart.yaml decoding and validation against helm', () => {
  const root = mkdtempSync(join(tmpdir(), 'bosun-chartyaml-'));
  it.each(cases.map((c, i) => [i, c] as const))('case %i', (i, c) => {
    const dir = join(root, String(i));
    mkdirSync(join(dir, 'templates'), { recursive: true });
    writeFileSync(join(dir, 'Chart.yaml'), c.chartYaml);
    if (c.ok) expect(loadChart(dir).metadata.name).toBe('t');
    else expect(errorOf(() => loadChart(dir))).toBe(c.error);
  });

  it('reads a numeric appVersion as sigs.k8s.io/yaml does (FormatFloat g, 32 bits): 1.10 is "1.1"', () => {
    const dir = join(root, 'appversion');
    mkdirSync(dir);
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: t\nversion: 0.1.0\nappVersion: 1.10\n');
    expect(loadChart(dir).metadata.appVersion).toBe('1.1'); // helm show chart prints appVersion: "1.1"
  });
});
