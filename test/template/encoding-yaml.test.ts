/**
 * YAML codec behaviour the golden cases cannot pin down: orders Go itself does not fix, alias
 * limits, values no template can build. Expected texts come from helm v4.1.4 runs.
 */
import { describe, expect, test } from 'vitest';
import { decodeYaml, encodeYaml, encodeYamlPretty } from '../../src/template/encoding/yaml.ts';
import { GO, type GoObject, int64, mapSet, newMap, TypedInt } from '../../src/template/value.ts';

const fromEntries = (entries: [string, unknown][]) => {
  const m = newMap();
  for (const [k, v] of entries) mapSet(m, k, v);
  return m;
};

describe('key order', () => {
  // go-yaml's "natural" key comparison is not transitive for these key sets, so Go's output
  // depends on map iteration order; these are the orders helm printed over several runs.
  const cycles: [string, string[]][] = [
    [
      'x1y2: 1\nx1y10: 2\nx10y1: 3\nx2: 4',
      ['x2: 4 x10y1: 3 x1y2: 1 x1y10: 2', 'x10y1: 3 x1y2: 1 x1y10: 2 x2: 4'],
    ],
    [
      'a01: 1\na1: 2\na001: 3\na10: 4\na1b: 5\na1a: 6',
      [
        'a1: 2 a01: 1 a001: 3 a10: 4 a1a: 6 a1b: 5',
        'a1: 2 a10: 4 a1a: 6 a1b: 5 a01: 1 a001: 3',
        'a1: 2 a1a: 6 a1b: 5 a01: 1 a001: 3 a10: 4',
      ],
    ],
  ];
  test.each(cycles)('%j is one of the orders Go produces', (src, orders) => {
    expect(orders).toContain(encodeYaml(decodeYaml(src)).trimEnd().replaceAll('\n', ' '));
  });

  test('numbers inside keys compare numerically', () => {
    const m = fromEntries(['item10', 'item9', 'item1', 'b', 'a2b', 'a10b'].map((k) => [k, 1n]));
    expect(encodeYaml(m)).toBe('a2b: 1\na10b: 1\nb: 1\nitem1: 1\nitem9: 1\nitem10: 1\n');
  });
});

describe('aliases', () => {
  test('alias bombs are refused like go-yaml does', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 7; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    expect(() => decodeYaml(lines.join('\n'))).toThrow(
      'error converting YAML to JSON: yaml: document contains excessive aliasing',
    );
  });

  test('small alias use and merges decode', () => {
    expect(decodeYaml('a: &a [1,2]\nb: [*a,*a]\nc: {<<: {x: 1}}')).toEqual({
      a: [1, 2],
      b: [
        [1, 2],
        [1, 2],
      ],
      c: { x: 1 },
    });
  });
});

describe('values the JSON round trip reshapes', () => {
  test('Go integer kinds print as integers, floats as Go formats them', () => {
    const m = fromEntries([
      ['int', 42n],
      ['int64', int64(-7n)],
      ['uint64', new TypedInt('uint64', (1n << 64n) - 1n)],
      ['float', 1e6],
      ['small', 1e-7],
    ]);
    expect(encodeYaml(m)).toBe(
      'float: 1000000\nint: 42\nint64: -7\nsmall: 1e-07\nuint64: 18446744073709551615\n',
    );
    expect(encodeYamlPretty(m)).toBe(
      'float: 1e+06\nint: 42\nint64: -7\nsmall: 1e-07\nuint64: 18446744073709551615\n',
    );
  });

  test('structs marshal through their JSON form', () => {
    const when: GoObject = {
      [GO]: {
        type: 'time.Time',
        kind: 'struct',
        method: (name) => (name === 'Format' ? () => '2024-01-02T03:04:05Z' : undefined),
      },
    };
    const meta: GoObject = {
      [GO]: {
        type: 'chart.Metadata',
        kind: 'ptr',
        method: (name) => (name === 'MarshalJSON' ? () => '{"name":"demo","version":"1.0.0"}' : undefined),
      },
    };
    expect(
      encodeYaml(
        fromEntries([
          ['at', when],
          ['chart', meta],
        ]),
      ),
    ).toBe('at: "2024-01-02T03:04:05Z"\nchart:\n  name: demo\n  version: 1.0.0\n');
  });

  test('functions and NaN fail with Go messages', () => {
    expect(() => encodeYaml(Number.NaN)).toThrow('error marshaling into JSON: json: unsupported value: NaN');
    expect(() => encodeYaml(() => 1)).toThrow(
      'error marshaling into JSON: json: unsupported type: func(...interface {}) (interface {}, error)',
    );
  });

  test('a lone surrogate (invalid UTF-8 upstream) becomes U+FFFD', () => {
    expect(encodeYaml('a\ud800b')).toBe('a\ufffdb\n');
  });
});

describe('decoding', () => {
  test('empty and comment-only documents are nil', () => {
    expect(decodeYaml('')).toBeNull();
    expect(decodeYaml('# nothing\n')).toBeNull();
  });

  test('only the first document counts', () => {
    expect(decodeYaml('a: 1\n---\nb: 2\n')).toEqual({ a: 1 });
  });

  test('control characters are rejected', () => {
    expect(() => decodeYaml('a: "\u0001"')).toThrow(
      'error converting YAML to JSON: yaml: control characters are not allowed',
    );
  });
});
