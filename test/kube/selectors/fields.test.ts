import { describe, expect, it } from 'vitest';
import {
  checkFieldLabels,
  escapeFieldValue,
  objectMetaFieldSet,
  parseFieldSelector,
} from '../../../src/kube/selectors/index.ts';

// [input, String() after parsing] — upstream's fields/selector_test.go cases.
const valid: Array<[string, string]> = [
  ['', ''],
  ['a=b', 'a=b'],
  ['kind=Pod,metadata.name=x', 'kind=Pod,metadata.name=x'],
  ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
  ['z=c,x=a', 'x=a,z=c'],
  ['x!=a,y=b', 'x!=a,y=b'],
  ['x==a', 'x=a'],
  ['x=,z= ', 'x=,z= '],
  ['x=a\\,b', 'x=a,b'],
  ['x=a\\=b', 'x=a=b'],
  ['x=a\\\\b', 'x=a\\b'],
  [',x=a,', 'x=a'],
];

const invalid: Array<[string, string]> = [
  ['x', "invalid selector: 'x'; can't understand 'x'"],
  ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
  ['x=a=b', 'invalid field selector: unescaped character in value: 61'],
  ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
  ['x=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
  ['x=a\\', 'invalid field selector: invalid escape sequence: \\'],
];

describe('parseFieldSelector', () => {
  it.each(valid)('%j prints as %j', (input, printed) => {
    expect(parseFieldSelector(input).toString()).toBe(printed);
  });
  it.each(invalid)('%j fails with %j', (input, message) => {
    expect(() => parseFieldSelector(input)).toThrow(message);
  });
  it('matches field sets; missing fields read as empty', () => {
    const s = parseFieldSelector('metadata.name=web,status.phase!=Running');
    expect(s.matches({ 'metadata.name': 'web', 'status.phase': 'Pending' })).toBe(true);
    expect(s.matches({ 'metadata.name': 'web', 'status.phase': 'Running' })).toBe(false);
    expect(s.matches({ 'metadata.name': 'web' })).toBe(true);
    expect(parseFieldSelector('spec.nodeName=').matches({})).toBe(true);
    expect(s.requiresExactMatch('metadata.name')).toBe('web');
    expect(s.requiresExactMatch('status.phase')).toBeUndefined();
  });
  it('escapes values so they parse back', () => {
    const v = 'a,b=c\\d';
    expect(parseFieldSelector(`x=${escapeFieldValue(v)}`).requirements[0].value).toBe(v);
  });
  it('rejects fields a resource does not support', () => {
    const s = parseFieldSelector('metadata.name=a,spec.foo=b');
    expect(() => checkFieldLabels(s, ['metadata.name', 'metadata.namespace'])).toThrow(
      'field label not supported: spec.foo',
    );
    const set = objectMetaFieldSet({ metadata: { name: 'a', namespace: 'n' } }, true);
    expect(set).toEqual({ 'metadata.name': 'a', 'metadata.namespace': 'n' });
  });
});
