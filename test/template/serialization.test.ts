/**
 * Serialization functions against what helm v4.1.4 printed for the same templates
 * (testdata/encoding/cases.json, recorded by testdata/encoding/record.mjs from inputs.mjs).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { serializationFuncs } from '../../src/template/funcs/serialization.ts';
import { mapSet, newMap } from '../../src/template/value.ts';

interface GoldenCase {
  pipe: string;
  input: string;
  out?: string;
  err?: string;
}

const cases: GoldenCase[] = JSON.parse(
  readFileSync(new URL('./testdata/encoding/cases.json', import.meta.url), 'utf8'),
);

const call = (name: string, ...args: unknown[]): unknown => {
  const f = serializationFuncs[name];
  if (!f) throw new Error(`no function ${name}`);
  return f.fn(...args);
};

/** The same pipelines the recorded templates ran, as direct function calls. */
const PIPES: Record<string, (s: string) => unknown> = {
  yamlToYaml: (s) => call('toYaml', call('fromYaml', s)),
  yamlToJson: (s) => call('toJson', call('fromYaml', s)),
  yamlToYamlPretty: (s) => call('toYamlPretty', call('fromYaml', s)),
  yamlToPrettyJson: (s) => call('toPrettyJson', call('fromYaml', s)),
  yamlToRawJson: (s) => call('toRawJson', call('fromYaml', s)),
  yamlToToml: (s) => call('toToml', call('fromYaml', s)),
  yamlArrayToJson: (s) => call('toJson', call('fromYamlArray', s)),
  yamlArrayToYaml: (s) => call('toYaml', call('fromYamlArray', s)),
  stringToYaml: (s) => call('toYaml', s),
  stringToYamlPretty: (s) => call('toYamlPretty', s),
  stringToJson: (s) => call('toJson', s),
  stringToRawJson: (s) => call('toRawJson', s),
  keyToYaml: (s) => {
    const m = newMap();
    mapSet(m, s, 1n);
    return call('toYaml', m);
  },
  jsonToJson: (s) => call('toJson', call('fromJson', s)),
  jsonToYaml: (s) => call('toYaml', call('fromJson', s)),
  jsonArrayToJson: (s) => call('toJson', call('fromJsonArray', s)),
  mustFromJson: (s) => call('toJson', call('mustFromJson', s)),
  tomlToJson: (s) => call('toJson', call('fromToml', s)),
  mustToYaml: (s) => call('mustToYaml', call('fromYaml', s)),
};

function run(c: GoldenCase): { out?: unknown; err?: string } {
  try {
    return { out: PIPES[c.pipe]!(c.input) };
  } catch (e) {
    return { err: (e as Error).message };
  }
}

describe.each(Object.keys(PIPES))('%s matches helm', (pipe) => {
  const these = cases.filter((c) => c.pipe === pipe);
  test.each(these.map((c) => [JSON.stringify(c.input).slice(0, 60), c] as const))('%s', (_, c) => {
    const expected = c.err !== undefined ? { err: c.err } : { out: c.out };
    expect(run(c)).toEqual(expected);
  });
});

test('every recorded pipe has a runner', () => {
  expect(cases.filter((c) => !(c.pipe in PIPES))).toEqual([]);
});
