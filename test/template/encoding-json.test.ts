/** encoding/json details beyond the recorded template cases (outputs per Go 1.25). */
import { describe, expect, test } from 'vitest';
import { decodeJson, encodeJson } from '../../src/template/encoding/json.ts';
import { GO, type GoObject, mapSet, newMap } from '../../src/template/value.ts';

describe('encodeJson', () => {
  test.each([
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [-0, '-0'],
    [123456789.125, '123456789.125'],
    [5e-324, '5e-324'],
  ])('float %d is %s', (x, want) => {
    expect(encodeJson(x)).toBe(want);
  });

  test('HTML escaping is on for Marshal, off for the raw encoder', () => {
    expect(encodeJson('<a>&\u2028')).toBe('"\\u003ca\\u003e\\u0026\\u2028"');
    expect(encodeJson('<a>&\u2028', { escapeHTML: false })).toBe('"<a>&\\u2028"');
  });

  test('MarshalIndent with prefix and indent', () => {
    const m = newMap();
    mapSet(m, 'b', [1n, newMap(), []]);
    mapSet(m, 'a', 'x');
    expect(encodeJson(m, { prefix: '>', indent: '\t' })).toBe(
      '{\n>\t"a": "x",\n>\t"b": [\n>\t\t1,\n>\t\t{},\n>\t\t[]\n>\t]\n>}',
    );
  });

  test('struct fields: exported only, declaration order', () => {
    const obj: GoObject = {
      [GO]: {
        type: 'main.T',
        kind: 'struct',
        fields: () => [
          ['Zed', 1n],
          ['hidden', 2n],
          ['Alpha', 'a'],
        ],
      },
    };
    expect(encodeJson(obj)).toBe('{"Zed":1,"Alpha":"a"}');
  });

  test('unsupported values', () => {
    expect(() => encodeJson([Infinity])).toThrow('json: unsupported value: +Inf');
    expect(() => encodeJson(-Infinity)).toThrow('json: unsupported value: -Inf');
  });

  test('keys named like Object.prototype members are ordinary keys', () => {
    const m = newMap();
    mapSet(m, '__proto__', 1n);
    mapSet(m, 'constructor', 2n);
    expect(encodeJson(m)).toBe('{"__proto__":1,"constructor":2}');
  });
});

describe('decodeJson', () => {
  test.each([
    ['{"a":[1,2.5,"x",null,true]}', { a: [1, 2.5, 'x', null, true] }],
    ['"\\ud83d\\ude00"', '😀'],
    ['"\\udc00x"', '\ufffdx'],
    ['{"a":1,"a":2}', { a: 2 }],
    ['{"__proto__":1}', JSON.parse('{"__proto__":1}')],
  ])('%s', (src, want) => {
    expect(decodeJson(src)).toEqual(want);
  });

  test.each([
    ['', 'unexpected end of JSON input'],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['[1 2]', "invalid character '2' after array element"],
    ['\u00a0{}', "invalid character 'Â' looking for beginning of value"],
    ['tx', "invalid character 'x' in literal true (expecting 'r')"],
    ['"a\u0001"', "invalid character '\\x01' in string literal"],
    ['{"a":1e400}', 'json: cannot unmarshal number 1e400 into Go value of type float64'],
  ])('%j fails: %s', (src, message) => {
    expect(() => decodeJson(src)).toThrow(message);
  });
});
