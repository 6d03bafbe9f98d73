// Hostile and broken inputs to `bosun helm template`: each must end as real helm ends (recorded
// in expected.json by record.mjs): the same first `Error:` line and a non-zero exit, no stack
// trace, nothing written to --output-dir — or, where helm accepts the input, the same output.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cases } from './cases.mjs';

const bin = new URL('../../dist/bosun.mjs', import.meta.url).pathname;
const expected: Record<string, { exit: number; error?: string; stdout?: string }> = JSON.parse(
  readFileSync(new URL('./expected.json', import.meta.url), 'utf8'),
);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('bad input to helm template', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const dir = mkdtempSync(join(tmpdir(), 'bosun-bad-input-'));
    dirs.push(dir);
    const args: string[] = c.setup(dir);
    const r = spawnSync(process.execPath, [bin, 'helm', 'template', 'rel', ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const want = expected[name]!;
    expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack trace
    if (want.exit === 0) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(want.stdout);
      return;
    }
    expect(r.status).toBe(1);
    const first = r.stderr.split('\n').find((l) => l.startsWith('Error:')) ?? '';
    expect(first.replaceAll(dir, '$DIR')).toBe(want.error);
    if (c.outputDir) {
      const out = join(dir, c.outputDir);
      expect(existsSync(out) ? readdirSync(out, { recursive: true }) : []).toEqual([]);
    }
  });
});
