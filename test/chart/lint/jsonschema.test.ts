import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateAgainstSchema } from '../../../src/chart/index.ts';
import { readValuesFile } from '../../../src/chart/lint/values.ts';

interface SchemaCase {
  name: string;
  schema: unknown;
  values: string;
  /** what helm printed after "[ERROR] values.yaml: " ('' when the values passed) */
  expected: string;
  /** sibling properties come out in Go's random map order */
  unordered?: boolean;
}

const cases = JSON.parse(
  readFileSync(resolve(import.meta.dirname, 'testdata/expected-schema.json'), 'utf8'),
) as SchemaCase[];

const sortLines = (s: string) => s.split('\n').sort().join('\n');

describe('values.schema.json validation, worded as santhosh-tekuri/jsonschema in helm', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const got = validateAgainstSchema(readValuesFile(c.values), JSON.stringify(c.schema)) ?? '';
    const norm = c.unordered ? sortLines : (s: string) => s;
    expect(norm(got)).toBe(norm(c.expected));
  });
});
