import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createChart, SCAFFOLD_FILES, validateChartName } from '../../../src/chart/create/index.ts';
import { loadChart } from '../../../src/chart/index.ts';
import { REFERENCE_DIR } from '../../support/reference-bins.ts';

const HELM = join(REFERENCE_DIR, 'helm');
const hasHelm = existsSync(HELM);
const tmp = mkdtempSync(join(tmpdir(), 'bosun-create-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string) => {
    for (const n of readdirSync(p).sort()) {
      const f = join(p, n);
      const st = statSync(f);
      if (st.isDirectory()) {
        out[`${relative(dir, f)}/`] = (st.mode & 0o777).toString(8);
        walk(f);
      } else out[relative(dir, f)] = `${(st.mode & 0o777).toString(8)} ${readFileSync(f, 'utf8')}`;
    }
  };
  walk(dir);
  return out;
}

describe('helm create scaffold', () => {
  it.skipIf(!hasHelm).each(['mychart', 'x.y_z-1'])('%s is byte for byte what helm create writes', (name) => {
    const ours = join(tmp, 'ours', name);
    const theirs = join(tmp, 'theirs', name);
    mkdirSync(ours, { recursive: true });
    mkdirSync(theirs, { recursive: true });
    const warnings: string[] = [];
    createChart(name, ours, (w) => warnings.push(w));
    execFileSync(HELM, ['create', name], { cwd: theirs });
    expect(tree(join(ours, name))).toEqual(tree(join(theirs, name)));
    expect(warnings).toEqual([]);
    // the scaffold passes the real linter
    expect(execFileSync(HELM, ['lint', join(ours, name)], { encoding: 'utf8' })).toContain(
      '0 chart(s) failed',
    );
  });

  it('loads as a chart named after its directory', () => {
    const dir = createChart('loadme', tmp, () => {});
    const chart = loadChart(dir);
    expect(chart.name()).toBe('loadme');
    expect(chart.metadata.version).toBe('0.1.0');
    expect(chart.templates.map((t) => t.name).sort()).toEqual(
      SCAFFOLD_FILES.filter((f) => f.path.startsWith('templates/'))
        .map((f) => f.path)
        .sort(),
    );
    expect(readFileSync(join(dir, 'templates/_helpers.tpl'), 'utf8')).toContain('define "loadme.fullname"');
    expect(statSync(join(dir, 'charts')).isDirectory()).toBe(true);
  });

  it('warns for each file it overwrites', () => {
    createChart('twice', tmp, () => {});
    const warnings: string[] = [];
    createChart('twice', tmp, (w) => warnings.push(w));
    expect(warnings).toHaveLength(SCAFFOLD_FILES.length);
    expect(warnings[0]).toBe(
      `WARNING: File "${join(tmp, 'twice/Chart.yaml')}" already exists. Overwriting.\n`,
    );
  });

  it.each([
    ['', 'chart name must be between 1 and 250 characters'],
    ['a'.repeat(251), 'chart name must be between 1 and 250 characters'],
    ['b@d', 'chart name must match the regular expression "^[a-zA-Z0-9._-]+$"'],
  ])('rejects the name %j', (name, msg) => {
    expect(() => validateChartName(name)).toThrow(msg);
  });

  it('refuses a file where the chart directory should be', () => {
    writeFileSync(join(tmp, 'afile'), '');
    expect(() => createChart('afile', tmp, () => {})).toThrow(
      `file ${join(tmp, 'afile')} already exists and is not a directory`,
    );
    expect(() => createChart('x', join(tmp, 'missing'), () => {})).toThrow(
      `stat ${join(tmp, 'missing')}: no such file or directory`,
    );
  });
});
