import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCompatibleRange } from '../../src/chart/index.ts';

// recorded with helm v4.1.4's semverCompare (the same Masterminds/semver v3 that checks ranges)
const cases: { constraint: string; version: string; match: boolean }[] = JSON.parse(
  readFileSync(new URL('./testdata/semver.json', import.meta.url), 'utf8'),
);

describe('semver ranges against helm', () => {
  it.each(cases)('$constraint vs $version', (c) => {
    expect(isCompatibleRange(c.constraint, c.version)).toBe(c.match);
  });
});
