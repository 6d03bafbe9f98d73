import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IgnoreRules, loadArchive, loadChart, loadFiles } from '../../src/chart/index.ts';

const testdata = new URL('./testdata/', import.meta.url).pathname;
const enc = new TextEncoder();

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
}

/** A ustar archive of [name, content] entries, gzipped. */
function tgz(entries: [string, string][]): Uint8Array {
  const blocks: Buffer[] = [];
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const h = Buffer.alloc(512);
    h.write(name, 0, 100);
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write('0', 156);
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

const CHART_YAML = 'apiVersion: v2\nname: t\nversion: 0.1.0\n';

describe('loading a directory', () => {
  // expected.golden: `helm template x .` listing .Files (helm v4.1.4)
  it('.helmignore: base-name patterns, anchored dirs, dir-only rules, hidden templates', () => {
    const c = loadChart(`${testdata}ignore`);
    const golden = readFileSync(`${testdata}ignore/expected.golden`, 'utf8');
    const listed = /# files: (.*)$/m.exec(golden)![1]!.trim().split(' ');
    expect(c.files.map((f) => f.name).sort()).toEqual(listed);
    expect(c.templates.map((t) => t.name).sort()).toEqual([
      'templates/NOTES.txt',
      'templates/list.yaml',
      'templates/sub/t.yaml',
    ]);
  });

  it('a negated rule ignores everything else, Chart.yaml included (Helm quirk)', () => {
    expect(errorOf(() => loadChart(`${testdata}ignore-negated`))).toBe('Chart.yaml file is missing');
  });

  it('refuses ** in .helmignore', () => {
    expect(errorOf(() => IgnoreRules.parse('a/**/b\n'))).toBe('double-star (**) syntax is not supported');
  });

  it('a directory without Chart.yaml', () => {
    const dir = `${testdata}ignore/docs`;
    expect(errorOf(() => loadChart(dir))).toBe(
      `unable to detect chart at ${dir}/Chart.yaml: open ${dir}/Chart.yaml: no such file or directory`,
    );
  });
});

describe('loading an archive', () => {
  it('loads a packaged subchart (helm package output)', () => {
    const c = loadArchive(readFileSync(`${testdata}deps/charts/sub2-0.1.5.tgz`));
    expect(c.name()).toBe('sub2');
    expect(c.metadata.version).toBe('0.1.5');
    expect(c.templates.map((t) => t.name)).toEqual(['templates/values.yaml']);
  });

  it('drops the top directory and strips a UTF-8 BOM', () => {
    const c = loadArchive(
      tgz([
        ['t/Chart.yaml', `\ufeff${CHART_YAML}`],
        ['t/templates/a.yaml', 'a: 1\n'],
      ]),
    );
    expect(c.name()).toBe('t');
    expect(c.raw.map((f) => f.name)).toEqual(['Chart.yaml', 'templates/a.yaml']);
  });

  it.each([
    [[['t/../../etc/passwd', 'x']], 'chart illegally references parent directory'],
    [[['t//abs', 'x']], 'chart illegally contains absolute paths'],
    // Go cleans the empty rest of the path to "." first, so this is its message for a root-level file
    [
      [['Chart.yaml', CHART_YAML]],
      'chart illegally contains content outside the base directory: "Chart.yaml"',
    ],
    [[['t/', '']], 'no files in chart archive'],
    [[['t/C:/x', 'x']], 'chart contains illegally named files'],
    [[['t', 'x']], 'chart illegally contains content outside the base directory: "t"'],
  ] as [[string, string][], string][])('rejects %j', (entries, message) => {
    expect(errorOf(() => loadArchive(tgz(entries)))).toBe(message);
  });

  it('rejects a file over 5 MiB', () => {
    const big = 'x'.repeat(5 * 1024 * 1024 + 1);
    expect(errorOf(() => loadArchive(tgz([['t/big', big]])))).toBe(
      'decompressed chart file "t/big" is larger than the maximum file size 5242880',
    );
  });

  it('a subchart archive in charts/ and errors naming the subchart', () => {
    const sub = tgz([['s/Chart.yaml', 'apiVersion: v2\nname: s\nversion: bad\n']]);
    const files = [
      { name: 'Chart.yaml', data: enc.encode(CHART_YAML) },
      { name: 'charts/s-1.tgz', data: sub },
    ];
    expect(errorOf(() => loadFiles(files))).toBe(
      'error unpacking subchart s-1.tgz in t: validation: chart.metadata.version "bad" is invalid',
    );
  });
});
