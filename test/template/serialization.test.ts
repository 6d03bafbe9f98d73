/**
 * Serialization functions against what helm v4.1.4 printed for the same templates
 * (testdata/encoding/cases.json, recorded by testdata/encoding/record.mjs from inputs.mjs).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { serializationFuncs } from '../../src/template/funcs/serialization.ts';
import { int64, mapSet, newMap, sortedKeys, typeOf } from '../../src/template/value.ts';

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

const dict = (...kv: unknown[]) => {
  const m = newMap();
  for (let i = 0; i < kv.length; i += 2) mapSet(m, kv[i] as string, kv[i + 1]);
  return m;
};
const mixedList = () => [1n, 'a', 2.5, null, true];
const typesOf = (m: Record<string, unknown>) =>
  sortedKeys(m)
    .map((k) => `${k}=${typeOf(m[k])};`)
    .join('');

/** The recorded whole-template expressions (inputs.mjs EXPRESSIONS), as direct calls. */
const EXPRESSIONS: Record<string, () => unknown> = {
  jsonList: () => call('toJson', mixedList()),
  yamlList: () => call('toYaml', mixedList()),
  prettyList: () => call('toYamlPretty', mixedList()),
  jsonInt64: () => call('toJson', int64(5n)),
  yamlFloatMillion: () => call('toYaml', 1e6),
  prettyFloatMillion: () => call('toYamlPretty', 1e6),
  yamlFloatBig: () => call('toYaml', 1e20),
  jsonNegZero: () => call('toJson', -0),
  yamlNegZero: () => call('toYaml', -0),
  jsonNil: () => call('toJson', null),
  yamlNil: () => call('toYaml', null),
  prettyNil: () => call('toYamlPretty', null),
  tomlNil: () => call('toToml', dict('a', null, 'b', 1n)),
  jsonInf: () => call('toJson', Infinity),
  yamlInf: () => call('toYaml', Infinity),
  prettyInf: () => call('toYamlPretty', [Infinity, -Infinity]),
  tomlInf: () => call('toToml', dict('a', Infinity)),
  mustJsonInf: () => call('mustToJson', Infinity),
  mustYamlInf: () => call('mustToYaml', Infinity),
  mustPrettyInf: () => call('mustToPrettyJson', Infinity),
  rawInf: () => call('toRawJson', Infinity),
  prettyJsonInf: () => call('toPrettyJson', Infinity),
  jsonNaN: () => `${call('toJson', Number.NaN)} ${call('toToml', dict('n', Number.NaN))}`,
  mustJsonNaN: () => call('mustToJson', [Number.NaN]),
  prettyJsonEmpty: () => `${call('toPrettyJson', newMap())} ${call('toPrettyJson', [])}`,
  tomlTopList: () => call('toToml', [1n, 2n]),
  tomlTopString: () => call('toToml', 'x'),
  tomlTopTables: () => call('toToml', [dict('a', 1n)]),
  tomlNilElement: () => call('toToml', dict('a', [1n, null])),
  tomlInts: () => call('toToml', dict('i', 1n, 'j', int64(-5n), 'f', 2.0)),
  mustFromJsonEmpty: () => call('mustFromJson', ''),
  fromYamlTypes: () => typesOf(call('fromYaml', 'a: 1\nb: x\nc: true\nd: [1]\ne: {}\nf: 1.5') as never),
  fromTomlTypes: () => typesOf(call('fromToml', 'a = 1\nb = 1.5\nc = "x"\nd = [1]') as never),
};
PIPES.expr = (name) => EXPRESSIONS[name]!();

function run(c: GoldenCase): { out?: unknown; err?: string } {
  try {
    return { out: PIPES[c.pipe]!(c.input) };
  } catch (e) {
    return { err: (e as Error).message };
  }
}

/**
 * Go's nil map / nil slice (from decoding JSON `null` into a map or slice) prints as map[] / []
 * but marshals as null; the value model has no typed nil, so we return an empty map / slice.
 */
const KNOWN_DIFFERENCES = new Set(['jsonToJson null', 'jsonArrayToJson null']);

describe.each(Object.keys(PIPES))('%s matches helm', (pipe) => {
  const these = cases.filter((c) => c.pipe === pipe);
  test.each(these.map((c) => [JSON.stringify(c.input).slice(0, 60), c] as const))('%s', (_, c) => {
    const expected = c.err !== undefined ? { err: c.err } : { out: c.out };
    const check = () => expect(run(c)).toEqual(expected);
    if (KNOWN_DIFFERENCES.has(`${c.pipe} ${c.input}`)) expect(check).toThrow();
    else check();
  });
});

test('every recorded pipe has a runner', () => {
  expect(cases.filter((c) => !(c.pipe in PIPES))).toEqual([]);
});
