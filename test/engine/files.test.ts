import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runTemplate } from '../../src/cli/helm/template.ts';
import { ChartFiles } from '../../src/engine/index.ts';
import { GO, type GoObject } from '../../src/template/index.ts';

const testdata = new URL('./testdata/', import.meta.url).pathname;
const enc = new TextEncoder();

function files(entries: Record<string, string>): ChartFiles {
  const yamlStub = (m: Record<string, string>) => JSON.stringify(m);
  return ChartFiles.of(
    Object.entries(entries).map(([name, text]) => ({ name, data: enc.encode(text) })),
    yamlStub,
  );
}

function call(obj: GoObject, method: string, ...args: unknown[]): unknown {
  return obj[GO].method!(method)!(...args);
}

describe('.Files methods', () => {
  const f = files({
    'config/a.txt': 'line one\nline two\n',
    'config/b.yaml': 'key: value\n',
    'config/sub/c.conf': 'no newline at end',
    'top.txt': 'data',
  });
  const names = (x: unknown) => (x as ChartFiles).names();

  it('Get and GetBytes, missing files empty', () => {
    expect(call(f, 'Get', 'config/a.txt')).toBe('line one\nline two\n');
    expect(call(f, 'Get', 'nope')).toBe('');
    expect((call(f, 'GetBytes', 'top.txt') as { value: bigint }[]).map((b) => b.value)).toEqual([
      100n,
      97n,
      116n,
      97n,
    ]);
  });

  it('Lines drops one trailing newline', () => {
    expect(call(f, 'Lines', 'config/a.txt')).toEqual(['line one', 'line two']);
    expect(call(f, 'Lines', 'config/sub/c.conf')).toEqual(['no newline at end']);
    expect(call(f, 'Lines', 'nope')).toEqual([]);
  });

  it.each([
    ['config/*', ['config/a.txt', 'config/b.yaml']],
    ['config/**', ['config/a.txt', 'config/b.yaml', 'config/sub/c.conf']],
    ['**.{txt,conf}', ['config/a.txt', 'config/sub/c.conf', 'top.txt']],
    ['config/[ab].*', ['config/a.txt', 'config/b.yaml']],
    ['*.txt', ['top.txt']],
  ])('Glob %s (gobwas/glob, / as separator)', (pattern, expected) => {
    expect(names(call(f, 'Glob', pattern))).toEqual(expected);
  });

  it('AsSecrets keys by base name with base64 values', () => {
    expect(call(call(f, 'Glob', 'config/sub/*') as ChartFiles, 'AsSecrets')).toBe(
      JSON.stringify({ 'c.conf': 'bm8gbmV3bGluZSBhdCBlbmQ=' }),
    );
  });
});

function template(chart: string): string {
  return runTemplate({
    releaseName: 'x',
    chartRef: `${testdata}${chart}`,
    namespace: 'default',
    values: {},
    showOnly: [],
    includeCrds: false,
    skipCrds: false,
    useReleaseName: false,
    isUpgrade: false,
    apiVersions: [],
    noHooks: false,
    skipTests: false,
  }).stdout;
}

// expected.golden in each chart: `helm template x .` there (helm v4.1.4)
describe('.Files through the template engine against helm', () => {
  it('Get, Lines, AsConfig, AsSecrets, GetBytes', () => {
    expect(template('files')).toBe(readFileSync(`${testdata}files/expected.golden`, 'utf8'));
  });

  // needs the template room to range over a map-kind GoObject (engine.files is a Go map type)
  it('range over .Files.Glob', () => {
    expect(template('files-range')).toBe(readFileSync(`${testdata}files-range/expected.golden`, 'utf8'));
  });
});
