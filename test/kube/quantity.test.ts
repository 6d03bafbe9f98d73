// resource.Quantity against upstream's own cases (k8s.io/apimachinery v0.35.2 quantity_test.go):
// the canonical text of each input, the exact parse errors, JSON decoding, and the arithmetic
// `kubectl describe` uses (Add, Cmp, Value, MilliValue, percentages).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { percentOf, Quantity, QuantityError } from '../../src/kube/index.ts';

const table = JSON.parse(readFileSync(join(import.meta.dirname, 'testdata/quantity.json'), 'utf8'));

describe('Quantity.parse then String()', () => {
  test.each(table.canonical as [string, string][])('%j -> %j', (input, expected) => {
    expect(Quantity.parse(input).toString()).toBe(expected);
  });
  // a negative input prints as its positive twin with a minus, as TestQuantityString checks
  test.each((table.canonical as [string, string][]).filter(([i, o]) => /^[0-9.]/.test(i) && o !== '0'))(
    'negated %j',
    (input) => {
      const positive = Quantity.parse(input);
      const negative = Quantity.parse(`-${input}`);
      expect(negative.cmp(positive.neg())).toBe(0);
    },
  );
});

describe('Quantity.parse errors', () => {
  test.each(table.invalid as [string, string][])('%j', (input, message) => {
    expect(() => Quantity.parse(input)).toThrow(new QuantityError(message));
  });
});

describe('Quantity.fromJSON (UnmarshalJSON)', () => {
  test.each(table.json as [unknown, string][])('%j -> %j', (input, expected) => {
    expect(Quantity.fromJSON(input).toString()).toBe(expected);
  });
  test.each((table.jsonInvalid as unknown[]).map((v) => [v]))('%j fails', (input) => {
    expect(() => Quantity.fromJSON(input)).toThrow(QuantityError);
  });
});

describe('arithmetic', () => {
  test.each(table.add as [string, string, string][])('%s + %s = %s', (a, b, sum) => {
    expect(Quantity.parse(a).add(Quantity.parse(b)).toString()).toBe(sum);
  });
  test('the zero value takes the format of what is added to it', () => {
    expect(Quantity.zero().toString()).toBe('0');
    expect(Quantity.zero().add(Quantity.parse('3Gi')).toString()).toBe('3Gi');
  });
  test.each(table.cmp as [string, string, number][])('cmp(%s, %s) = %d', (a, b, c) => {
    expect(Quantity.parse(a).cmp(Quantity.parse(b))).toBe(c);
  });
  test.each(table.values as [string, string, string][])('%s: Value %s, MilliValue %s', (q, value, milli) => {
    expect(String(Quantity.parse(q).value())).toBe(value);
    expect(String(Quantity.parse(q).milliValue())).toBe(milli);
  });
  test.each(table.percent as [string, string, string][])('%s of %s is %s%%', (part, whole, pct) => {
    expect(percentOf(BigInt(part), BigInt(whole))).toBe(pct);
  });
});
