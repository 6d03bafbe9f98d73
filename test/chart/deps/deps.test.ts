import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTable, hashReq, Manager, RemoteRepositoryError } from '../../../src/chart/deps/index.ts';
import type { Dependency } from '../../../src/chart/index.ts';

const CHARTS = new URL('./testdata/charts', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'bosun-deps-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dep(fields: Partial<Dependency>): Dependency {
  return {
    name: '',
    version: '',
    repository: '',
    condition: '',
    tags: [],
    enabled: false,
    importValues: [],
    alias: '',
    ...fields,
  };
}

describe('Chart.lock digest', () => {
  // digests recorded from `helm dependency update` (Helm escapes <, > and & in the JSON it hashes)
  it.each([
    {
      req: [
        dep({
          name: 'proxy',
          version: '>=0.1.0 <1.0.0',
          repository: 'file://../proxy',
          condition: 'proxy.enabled',
          tags: ['x', 'y&z'],
          importValues: [{ child: 'a', parent: 'b' }, 'data'],
        }),
      ],
      lock: [dep({ name: 'proxy', version: '0.1.0', repository: 'file://../proxy' })],
      digest: 'sha256:8aa2a7e0bcab0d97f88663f100581b6eff5083df2e39ca4baceab45820f77fb3',
    },
    {
      req: [
        dep({ name: 'dirsub', version: '~0.2.0' }),
        dep({ name: 'proxy', version: '>=0.1.0', repository: 'file://../dep/proxy', alias: 'px' }),
      ],
      lock: [
        dep({ name: 'dirsub', version: '~0.2.0' }),
        dep({ name: 'proxy', version: '0.1.0', repository: 'file://../dep/proxy' }),
      ],
      digest: 'sha256:d27ebd758c5757049d17ad6b55087272c59b6960fe9410a47b0c1ada527056e2',
    },
  ])('$digest', ({ req, lock, digest }) => {
    expect(hashReq(req, lock)).toBe(digest);
  });
});

describe('dependency manager', () => {
  it('refuses chart repositories with a clear error', () => {
    const dir = join(tmp, 'remote');
    cpSync(join(CHARTS, 'app'), join(dir, 'app'), { recursive: true });
    cpSync(join(CHARTS, 'proxy'), join(dir, 'proxy'), { recursive: true });
    const chartYaml = join(dir, 'app/Chart.yaml');
    const text = readFileSync(chartYaml, 'utf8').replace('file://../proxy', 'https://charts.example.com');
    writeFileSync(chartYaml, text);
    const m = new Manager(join(dir, 'app'));
    expect(() => m.update()).toThrow(RemoteRepositoryError);
    expect(() => m.update()).toThrow(/"proxy" from "https:\/\/charts.example.com"/);
  });

  it('writes progress through its output and a lock that build accepts', () => {
    const dir = join(tmp, 'local');
    cpSync(CHARTS, dir, { recursive: true });
    const lines: string[] = [];
    new Manager(join(dir, 'app'), { out: (t) => lines.push(t) }).update();
    expect(lines.join('')).toBe(
      'Saving 2 charts\nDependency dirsub did not declare a repository. Assuming it exists in the charts directory\nDeleting outdated charts\n',
    );
    const lock = readFileSync(join(dir, 'app/Chart.lock'), 'utf8');
    expect(lock).toMatch(/^generated: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"\n$/m);
    lines.length = 0;
    new Manager(join(dir, 'app'), { out: (t) => lines.push(t) }).build();
    expect(lines[0]).toBe('Saving 2 charts\n');
  });
});

describe('dependency table', () => {
  it('pads every cell (the last column too) and truncates to the max width', () => {
    expect(
      formatTable(
        [
          ['NAME', 'VERSION', 'STATUS'],
          ['a-very-long-name', '1.0.0', 'ok'],
        ],
        10,
      ),
    ).toBe('NAME      \tVERSION\tSTATUS\na-very-...\t1.0.0  \tok    ');
  });
});
