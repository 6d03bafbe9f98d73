// releaseutil.SplitManifests and the manifest head, as the fast paths compute them.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseHead, splitManifests } from '../../src/engine/manifest.ts';

/** The reference: Go's regexp.Split on `(?:^|\s*\n)---\s*` and strings.TrimSpace as regexps. */
function splitByRegexp(text: string): string[] {
  const space =
    /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
  const trim = (s: string) => s.replace(space, '');
  return trim(text)
    .split(/(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/)
    .filter((d) => d !== '')
    .map(trim);
}

describe('splitManifests', () => {
  test.each([
    ['a: 1\n---\nb: 2\n', ['a: 1', 'b: 2']],
    ['---\na: 1', ['a: 1']],
    // the first match eats the blank lines, so the second --- has no line break of its own
    ['a: 1\n  \n---  \n\n---\nb: 2', ['a: 1', '---\nb: 2']],
    ['a: x---y\n----\nb', ['a: x---y', '-\nb']],
    ['a\n --- b', ['a\n --- b']],
    ['\u00a0a\n---\n\u3000', ['a']],
  ])('%j', (text, docs) => {
    expect(splitManifests(text)).toEqual(docs);
  });

  test('agrees with the regexp on random text', () => {
    const chars = fc.constantFrom('-', '-', '-', '\n', ' ', '\t', '\r', '\f', '\v', 'a', '#', '\u00a0');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }), (cs) => {
        const text = cs.join('');
        expect(splitManifests(text)).toEqual(splitByRegexp(text));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('parseHead', () => {
  test.each([
    [
      'plain',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n',
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', annotations: null } },
    ],
    // a string field keeps a scalar's text (sigs.k8s.io/yaml), through both decoders
    [
      'numbers as text',
      'apiVersion: v1\nkind: 1.50\nmetadata:\n  name: 0x1F\n',
      { apiVersion: 'v1', kind: '1.50', metadata: { name: '0x1F', annotations: null } },
    ],
    [
      'annotations',
      'kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n    a: ~\n',
      {
        apiVersion: '',
        kind: 'Job',
        metadata: { name: '', annotations: { 'helm.sh/hook': 'pre-install', a: '' } },
      },
    ],
    ['case-insensitive duplicate', 'kind: A\nKind: B\nkind: C\n', { apiVersion: '', kind: 'C' }],
    ['alias', 'x: &k Secret\nkind: *k\n', { apiVersion: '', kind: 'Secret' }],
    // helm v4.1.4 accepts this (go-yaml stops after the flow mapping) and sorts it as a ConfigMap
    [
      'flow root with trailing text',
      '{apiVersion: v1, kind: ConfigMap} garbage',
      { apiVersion: 'v1', kind: 'ConfigMap' },
    ],
  ])('%s', (_name, doc, head) => {
    expect(parseHead(doc)).toEqual(head);
  });

  test.each([
    [
      'metadata not a map',
      'kind: A\nmetadata: 5\n',
      /cannot unmarshal number into Go struct field SimpleHead.metadata/,
    ],
    [
      'kind a list',
      'kind: [a]\n',
      /cannot unmarshal array into Go struct field SimpleHead.kind of type string/,
    ],
    ['bad YAML', 'kind: A\n b: c\n', /error converting YAML to JSON: yaml: line 2/],
  ])('%s', (_name, doc, message) => {
    expect(() => parseHead(doc)).toThrow(message);
  });
});
