/**
 * Go's builtins and the TemplateSet API outside Helm's function map (where Sprig's `slice`
 * replaces Go's): expectations follow Go 1.25 text/template (funcs.go, option.go).
 */
import { describe, expect, it } from 'vitest';
import { TemplateError, TemplateSet } from '../../src/template/index.ts';

function exec(
  tpl: string,
  data: unknown = { list: ['a', 'b', 'c'], m: { k: 'v' }, f: 1.5 },
  opts = {},
): string {
  try {
    return new TemplateSet(opts).parse('t', tpl).execute('t', data);
  } catch (e) {
    if (e instanceof TemplateError) return `ERR ${e.message}`;
    throw e;
  }
}

describe('Go builtins', () => {
  const cases: [string, string][] = [
    ['{{ slice "hello" 1 3 }}|{{ slice "hello" 2 }}|{{ slice "hello" }}', 'el|llo|hello'],
    ['{{ slice .list 1 }}|{{ slice .list 1 2 }}|{{ slice .list 0 1 2 }}', '[b c]|[b]|[a]'],
    [
      '{{ slice "abc" 2 1 }}',
      'ERR template: t:1:3: executing "t" at <slice "abc" 2 1>: error calling slice: invalid slice index: 2 > 1',
    ],
    [
      '{{ slice "abc" 1 2 3 }}',
      'ERR template: t:1:3: executing "t" at <slice "abc" 1 2 3>: error calling slice: cannot 3-index slice a string',
    ],
    [
      '{{ slice .list 0 4 }}',
      'ERR template: t:1:3: executing "t" at <slice .list 0 4>: error calling slice: index out of range: 4',
    ],
    [
      '{{ slice .f 1 }}',
      'ERR template: t:1:3: executing "t" at <slice .f 1>: error calling slice: can\'t slice item of type float64',
    ],
    [
      '{{ slice nil }}',
      'ERR template: t:1:3: executing "t" at <slice nil>: error calling slice: slice of untyped nil',
    ],
    [
      '{{ slice .list 1 2 3 4 }}',
      'ERR template: t:1:3: executing "t" at <slice .list 1 2 3 4>: error calling slice: too many slice indexes: 4',
    ],
    ['{{ index .m "k" }}{{ len .list }}{{ and 1 0 }}{{ or 0 2 }}{{ not 0 }}', 'v302true'],
    ['{{ .missing }}|{{ .m.missing }}', '<no value>|<no value>'],
    ['{{ .missing.x }}', '<no value>'],
  ];
  it.each(cases)('%s', (tpl, want) => {
    expect(exec(tpl)).toBe(want);
  });
});

describe('missingkey option', () => {
  const data = { m: { k: 'v' } };
  it.each([
    ['default', '{{ .m.nope }}', '<no value>'],
    ['invalid', '{{ .m.nope }}', '<no value>'],
    ['zero', '{{ .m.nope }}', '<no value>'],
    [
      'zero',
      '{{ .m.nope.x }}',
      'ERR template: t:1:5: executing "t" at <.m.nope.x>: nil pointer evaluating interface {}.x',
    ],
    [
      'error',
      '{{ .m.nope }}',
      'ERR template: t:1:5: executing "t" at <.m.nope>: map has no entry for key "nope"',
    ],
    [
      'error',
      '{{ $x := .nope }}',
      'ERR template: t:1:9: executing "t" at <.nope>: map has no entry for key "nope"',
    ],
  ] as const)('%s %s', (missingKey, tpl, want) => {
    expect(exec(tpl, data, { missingKey })).toBe(want);
  });
});

describe('TemplateSet', () => {
  it('collects defines, replaces them in later parses, and keeps non-empty bodies', () => {
    const set = new TemplateSet().parse('a', '{{ define "x" }}1{{ end }}{{ template "x" }}');
    set.parse('b', '{{ define "x" }}2{{ end }}');
    set.parse('c', '{{ define "x" }}  {{ end }}');
    expect(set.names().sort()).toEqual(['a', 'b', 'c', 'x']);
    expect(set.execute('a', null)).toBe('2');
  });

  it('clones independently', () => {
    const set = new TemplateSet().parse('a', '{{ template "x" }}{{ define "x" }}1{{ end }}');
    const c = set.clone().parse('x', '2');
    expect([set.execute('a', null), c.execute('a', null)]).toEqual(['1', '2']);
    expect(set.has('x') && c.has('x')).toBe(true);
  });

  it('honours custom delimiters and custom functions', () => {
    const set = new TemplateSet({
      delims: ['[[', ']]'],
      funcs: { twice: { fn: (s: string) => s + s, params: ['string'] } },
    });
    expect(set.parse('t', '{{ [[ twice "ab" ]] }}').execute('t', null)).toBe('{{ abab }}');
  });

  it('reports an unknown template as Go does', () => {
    expect(() => new TemplateSet().parse('a', 'x').execute('nope', null)).toThrowError(
      'template: no template "nope" associated with template "a"',
    );
  });
});
