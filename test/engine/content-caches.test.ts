/**
 * The content-keyed caches of chart loading and rendering (parsed templates, manifest heads,
 * Chart.yaml fields): a chart loaded again renders from them, and any change to a file's text
 * is seen, as if nothing were cached.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChart } from '../../src/chart/index.ts';
import { renderRelease } from '../../src/engine/index.ts';

const root = mkdtempSync(join(tmpdir(), 'bosun-content-caches-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Big enough for the head cache (documents from 2 KB). */
const padding = Array.from({ length: 80 }, (_, i) => `  key${i}: "${'x'.repeat(20)}"`).join('\n');

function writeChart(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

function template(dir: string): string {
  const rel = renderRelease(
    loadChart(dir),
    {},
    { release: { name: 'x', namespace: 'default', revision: 1, isInstall: true, isUpgrade: false } },
  );
  return rel.manifest;
}

const chartYaml = (version: string) => `apiVersion: v2\nname: cached\nversion: ${version}\n`;
const configMap = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ "${name}" }}\ndata:\n${padding}\n`;
const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n${padding}\n`;

interface Case {
  name: string;
  /** file -> text changed between the first and the second load */
  change: Record<string, string>;
  /** what the second render must contain */
  expect: RegExp;
}

const cases: Case[] = [
  { name: 'nothing changed', change: {}, expect: /name: one/ },
  {
    name: 'a template changed (parse cache)',
    change: { 'templates/b.yaml': configMap('two') },
    expect: /name: two/,
  },
  {
    name: 'a document kind changed (head cache): the install order follows it',
    change: { 'templates/a.yaml': secret.replace('kind: Secret', 'kind: Service') },
    expect: /# Source: cached\/templates\/b\.yaml[\s\S]*# Source: cached\/templates\/a\.yaml/,
  },
  {
    name: 'Chart.yaml changed (metadata cache)',
    change: { 'Chart.yaml': chartYaml('2.0.0') },
    expect: /chart: 2\.0\.0/,
  },
];

describe('content caches: a reloaded chart renders as a fresh process would', () => {
  for (const c of cases) {
    it(c.name, () => {
      const dir = join(root, c.name.replace(/\W+/g, '-'));
      const base = {
        'Chart.yaml': chartYaml('1.0.0'),
        'templates/a.yaml': secret,
        'templates/b.yaml': configMap('one'),
        'templates/c.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    chart: {{ .Chart.Version }}\n',
      };
      writeChart(dir, base);
      const first = template(dir);
      expect(template(dir)).toBe(first);
      writeChart(dir, c.change);
      const second = template(dir);
      expect(second).toMatch(c.expect);
      if (Object.keys(c.change).length === 0) expect(second).toBe(first);
      else expect(second).not.toBe(first);
    });
  }

  it('each load gets its own metadata: changing one chart object leaves the next load alone', () => {
    const dir = join(root, 'metadata-copies');
    writeChart(dir, {
      'Chart.yaml': `${chartYaml('1.0.0')}keywords: [a]\nmaintainers:\n- name: m\nannotations:\n  k: v\n`,
    });
    const first = loadChart(dir);
    first.metadata.version = '9.9.9';
    first.metadata.keywords.push('changed');
    first.metadata.maintainers[0]!.name = 'changed';
    first.metadata.annotations!.k = 'changed';
    const second = loadChart(dir).metadata;
    expect([second.version, second.keywords, second.maintainers[0]!.name, second.annotations]).toEqual([
      '1.0.0',
      ['a'],
      'm',
      { k: 'v' },
    ]);
  });

  it('a Chart.yaml error is reported on every load, not cached away', () => {
    const dir = join(root, 'metadata-error');
    writeChart(dir, { 'Chart.yaml': 'apiVersion: v2\nname: [not, a, string]\nversion: 1.0.0\n' });
    const messages = [0, 1].map(() => {
      try {
        loadChart(dir);
        return 'loaded';
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(messages[0]).toMatch(/cannot load Chart\.yaml/);
    expect(messages[1]).toBe(messages[0]);
  });
});
