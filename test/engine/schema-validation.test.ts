// `helm template` checks values against values.schema.json (and skips with --skip-schema-validation);
// the golden files were recorded from helm v4.1.4 (helm lists sibling errors in Go map order, so
// lines are compared as a set).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const testdata = `${root}test/engine/testdata/`;
const bosun = (...args: string[]) =>
  spawnSync(process.execPath, [`${root}dist/bosun.mjs`, 'helm', 'template', ...args], { encoding: 'utf8' });
const lines = (s: string) => s.split('\n').sort();

describe('values.schema.json in helm template', () => {
  it('rejects values that break the schema with helm\'s message', () => {
    const r = bosun(`${testdata}schema-chart`, '--set', 'port=0', '--set', 'name=toolong');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual(lines(readFileSync(`${testdata}schema-chart.stderr.golden`, 'utf8')));
  });

  it('renders anyway with --skip-schema-validation', () => {
    const r = bosun(`${testdata}schema-chart`, '--set', 'port=0', '--skip-schema-validation');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(`${testdata}schema-chart.skip.golden`, 'utf8'));
  });
});
