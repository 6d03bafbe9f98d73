// The course's ch10 charts render as real helm renders them (recorded by record-kiamol.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const ch10 = resolve(root, '../shared/fixtures/kiamol/ch10');
const recorded: Record<string, { exit: number; stdout: string; error: string }> = JSON.parse(
  readFileSync(new URL('./testdata/kiamol-ch10.json', import.meta.url), 'utf8'),
);

describe.runIf(existsSync(ch10))('kiamol ch10 charts: bosun helm template equals helm template', () => {
  it.each(Object.keys(recorded))('%s', (chart) => {
    const r = spawnSync(process.execPath, [`${root}dist/bosun.mjs`, 'helm', 'template', 'rel', chart], {
      cwd: ch10,
      encoding: 'utf8',
    });
    const want = recorded[chart]!;
    expect(r.status).toBe(want.exit);
    if (want.exit === 0) expect(r.stdout).toBe(want.stdout);
    else expect(r.stderr.split('\n').find((l) => l.startsWith('Error:'))).toBe(want.error);
  });
});
if (!existsSync(ch10)) console.log(`skipping kiamol ch10 charts: ${ch10} is absent`);
