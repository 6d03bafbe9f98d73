// The fast path of decodeYaml must decode exactly what the full decoder does, or decline.
// Each case: YAML text and whether the fast path should take it; when it does, its value
// must equal the full decoder's. A property run checks random line soups the same way.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeYamlFast, decodeYamlTree, FALLBACK } from '../../src/template/encoding/yaml.ts';

const cases: { name: string; text: string; fast: boolean }[] = [
  { name: 'empty', text: '', fast: true },
  { name: 'comments only', text: '# a\n  # b\n', fast: true },
  { name: 'block map', text: 'a: 1\nb: two\nc:\n  d: true\n  e: ~\n', fast: true },
  {
    name: 'typed plain scalars',
    text: 'a: 010\nb: 0x1F\nc: 1e3\nd: yes\ne: .5\nf: 2001-12-14\ng: null\n',
    fast: true,
  },
  { name: 'empty value then sibling', text: 'a:\nb: 1\n', fast: true },
  { name: 'compact sequence', text: 'a:\n- x\n- p: 1\n  q: 2\nb: 3\n', fast: true },
  { name: 'indented sequence', text: 'a:\n  - 1\n  -\n    k: v\n  - - n1\n    - n2\n', fast: true },
  { name: 'dash alone at end', text: 'a:\n- \n', fast: true },
  { name: 'quoted keys and values', text: "\"a b\": 'it''s'\n'c': \"x\\ty\\u00e9\\\\\"\n", fast: true },
  { name: 'comments after values', text: 'a: 1 # one\nb: "q" # q\nc: [] # none\nd: x#y\n', fast: true },
  { name: 'colon-led and dash-led plain', text: 'a: :8080\nb: -1\nc: ---\nd: a:b\n', fast: true },
  { name: 'empty flow collections', text: 'a: []\nb: {}\n', fast: true },
  { name: 'quoted flow sequence', text: 'a: ["", "x", \'y\']\nb: [ "v1" , "v2" ]\n', fast: true },
  { name: 'plain flow sequence', text: 'a: [443, 8443]\nb: [ x , -1, yes ]\nc: [ ]\nd: { }\n', fast: true },
  { name: 'comment ends a plain scalar', text: 'a:\n  b: 1\n    # note\n  c: 2\n', fast: true },
  { name: 'literal clip', text: 'a: |\n  x\n  y\nb: 1\n', fast: true },
  { name: 'literal strip', text: 'a: |-\n  x\n\n  y\n\n\nb: 1\n', fast: true },
  { name: 'literal keep', text: 'a: |+\n  x\n\n\nb: 1\n', fast: true },
  { name: 'literal keep at end', text: 'a: |+\n  x\n\n', fast: true },
  { name: 'literal at end without newline', text: 'a: |\n  x', fast: true },
  { name: 'literal strip at end', text: 'a: |-\n  x\n', fast: true },
  { name: 'literal leading blank lines', text: 'a: |\n\n  \n  x\n', fast: true },
  { name: 'literal more indented lines', text: 'a: |\n  x\n    y\n  z\n', fast: true },
  { name: 'literal with comment header', text: 'a: | # c\n  x\n', fast: true },
  { name: 'literal empty', text: 'a: |\nb: 1\n', fast: true },
  { name: 'literal in sequence', text: '- |\n    x\n- y\n', fast: true },
  { name: 'literal containing comment-like lines', text: 'a: |\n  # not a comment\n  k: v\n', fast: true },
  { name: 'multi-line plain', text: 'a: one\n  two\n\n  three\nb: 1\n', fast: true },
  { name: 'multi-line single-quoted', text: "a: 'one\n  two''s\n\n  three'\nb: 1\n", fast: true },
  { name: 'multi-line single-quoted empty first line', text: "a: '\n  x'\n", fast: true },
  { name: 'lone scalar document', text: 'hello\n', fast: true },
  { name: 'indented root map', text: '  a: 1\n  b: 2\n', fast: true },
  { name: 'proto key', text: '__proto__: 1\n', fast: true },
  // declined: the full decoder handles these (and their errors)
  { name: 'duplicate key', text: 'a: 1\na: 2\n', fast: false },
  { name: 'anchor and alias', text: 'a: &x 1\nb: *x\n', fast: false },
  { name: 'tag', text: 'a: !!str 1\n', fast: false },
  { name: 'folded scalar', text: 'a: >\n  x\n  y\n', fast: false },
  { name: 'tab', text: 'a:\t1\n', fast: false },
  { name: 'flow map', text: 'a: {b: 1}\n', fast: false },
  { name: 'flow sequence with a mapping', text: 'a: [b: c]\n', fast: false },
  { name: 'flow sequence with trailing comma', text: 'a: [b, ]\n', fast: false },
  { name: 'nested flow sequence', text: 'a: [[b]]\n', fast: false },
  { name: 'multi-line double-quoted', text: 'a: "x\n  y"\n', fast: false },
  { name: 'document marker', text: '---\na: 1\n', fast: false },
  { name: 'non-string key', text: '1: a\n', fast: false },
  { name: 'YAML 1.1 bool key', text: 'y: 1\n', fast: false },
  { name: 'merge key', text: '<<: {}\n', fast: false },
  { name: 'bad indentation', text: 'a:\n  b: 1\n c: 2\n', fast: false },
  { name: 'mapping in plain scalar', text: 'a: b: c\n', fast: false },
  { name: 'unterminated quote', text: 'a: "x\n', fast: false },
  { name: 'sequence after map entry', text: 'a: 1\n- b\n', fast: false },
  { name: 'deeper line after scalar', text: 'a: 1\n  b: 2\n', fast: false },
  { name: 'infinity', text: 'a: .inf\n', fast: false },
  { name: 'literal keep without content', text: 'a: |+\n\nb: 1\n', fast: false },
  { name: 'literal indentation indicator', text: 'a: |2\n   x\n', fast: false },
  { name: 'carriage return', text: 'a: 1\r\n', fast: false },
];

function full(text: string): unknown {
  return decodeYamlTree(text).value;
}

describe('decodeYaml fast path', () => {
  test.each(cases)('$name', ({ text, fast }) => {
    const got = decodeYamlFast(text);
    expect(got === FALLBACK ? 'declined' : 'taken').toBe(fast ? 'taken' : 'declined');
    if (got !== FALLBACK) expect(got).toStrictEqual(full(text));
  });

  // random line soups: whatever the fast path takes, the full decoder takes with the same value
  const lines = fc.constantFrom(
    'a: 1',
    'b:',
    'c: two words',
    '- x',
    '- k: v',
    '-',
    '  ',
    '',
    '# comment',
    'd: |',
    'e: |-',
    'f: |+',
    'text line',
    "g: 'open",
    "close'",
    'h: "q"',
    'i: []',
    'j: ["a", "b"]',
    'k: :80',
    'l: x # c',
    'm: a: b',
    'n: ~',
    '- - a',
    'o: -x',
    'p: "a\\"b"',
    "q: 'it''s'",
    '"r": 1',
    'more text',
    '  - s',
    't: |2',
    'u: >',
    'v: &a x',
    'w: 1 #c',
    '---',
    'x: {}',
    'fa: [a, 1, -2, yes]',
    'fb: [ ]',
    'fc: { }',
    'fd: [a:b]',
    'fe: [a, ]',
    'ff: [ "q" , p ]',
    '  # deeper comment',
  );
  const line = fc.tuple(fc.integer({ min: 0, max: 6 }), lines).map(([n, l]) => ' '.repeat(n) + l);
  test('random documents agree with the full decoder', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), (ls, finalBreak) => {
        const text = ls.join('\n') + (finalBreak ? '\n' : '');
        const got = decodeYamlFast(text);
        if (got === FALLBACK) return true;
        expect(got).toStrictEqual(full(text));
        return true;
      }),
      { numRuns: Number(process.env.YAML_FAST_RUNS ?? 4000) },
    );
  });
});
