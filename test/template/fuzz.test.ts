/**
 * Property tests: whatever the template text, parsing and executing it either succeeds or
 * throws TemplateError (never another exception, never a hang). Templates come from a small
 * grammar of actions and from mutating known-valid templates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinFuncs, helmOnlyFuncs, TemplateError, TemplateSet } from '../../src/template/index.ts';

const data = {
  Values: { a: 1, s: 'str', m: { k: 'v', n: { x: 1 } }, list: ['x', 'y'], nil: null, empty: [] },
  Template: { Name: 'f', BasePath: 't/templates' },
};

/** Only functions whose cost is bounded by their input (no Sprig repeat/until etc.). */
const funcs = { ...builtinFuncs, ...helmOnlyFuncs };

function run(text: string): void {
  const set = new TemplateSet({ funcs, missingKey: 'zero' }).setRootName('gotpl');
  try {
    set.parse('f', text);
    set.execute('f', structuredClone(data));
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    expect(e.message.startsWith('template: ')).toBe(true);
  }
}

const operand = fc.oneof(
  fc.constantFrom(
    '.',
    '$',
    '.Values',
    '.Values.a',
    '.Values.m.k',
    '.Values.list',
    '.Values.nil.x',
    '$.Values.s',
  ),
  fc.constantFrom('1', '-2', '1.5', '0x1F', "'a'", 'true', 'nil', '"s"', '`r`', '$x', '$i', '$v'),
);
const func = fc.constantFrom(
  'and',
  'or',
  'not',
  'len',
  'index',
  'slice',
  'eq',
  'ne',
  'lt',
  'print',
  'printf',
  'html',
  'js',
  'urlquery',
  'include',
  'tpl',
  'required',
);
const command: fc.Arbitrary<string> = fc.oneof(
  operand,
  fc.tuple(func, fc.array(operand, { maxLength: 3 })).map(([f, args]) => [f, ...args].join(' ')),
);
const pipeline = fc
  .tuple(
    fc.constantFrom('', '$x := ', '$x = ', '$i, $v := '),
    fc.array(command, { minLength: 1, maxLength: 3 }),
  )
  .map(([decl, cmds]) => decl + cmds.join(' | '));

const block: fc.Arbitrary<string> = fc.letrec<{ item: string; list: string }>((tie) => ({
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      'text',
      ' ',
      '\n',
      '{{/* c */}}',
      '{{- " " -}}',
      '{{ break }}',
      '{{ continue }}',
      '{{ end }}',
    ),
    pipeline.map((p) => `{{ ${p} }}`),
    fc
      .tuple(fc.constantFrom('if', 'with', 'range'), pipeline, tie('list'), fc.option(tie('list')))
      .map(([k, p, body, els]) => `{{ ${k} ${p} }}${body}${els === null ? '' : `{{ else }}${els}`}{{ end }}`),
    fc
      .tuple(fc.constantFrom('a', 'b'), tie('list'))
      .map(([n, body]) => `{{ define "${n}" }}${body}{{ end }}{{ template "${n}" . }}`),
  ),
  list: fc.array(tie('item'), { maxLength: 4 }).map((xs) => xs.join('')),
})).list;

const seeds = [
  '{{ range $i, $v := .Values.list }}{{ $i }}={{ $v }}{{ end }}',
  '{{ if .Values.a }}{{ .Values.s | printf "%s" }}{{ else if .Values.nil }}x{{ end }}',
  '{{ define "h" }}{{ .k }}{{ end }}{{ include "h" .Values.m }}',
  '{{- with .Values.m }}{{ .n.x }}{{ end -}}',
  '{{ tpl "{{ .Values.a }}" . }}',
  '{{ $x := 1 }}{{ range .Values.list }}{{ $x = . }}{{ end }}{{ $x }}',
  '{{ index .Values.m "n" "x" }} {{ eq 1 2 }} {{ and 1 (or 0 "a") }}',
  "{{ 'a' }}{{ 0x1p4 }}{{ `raw` }}{{/* c */}}",
];
const alphabet = [
  '{',
  '}',
  '{{',
  '}}',
  '-',
  ' ',
  '$',
  '.',
  '|',
  '(',
  ')',
  '"',
  '`',
  "'",
  ':=',
  '=',
  ',',
  'x',
  '1',
  '\n',
];

const mutated = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...alphabet)), { minLength: 1, maxLength: 4 }),
  )
  .map(([seed, edits]) => {
    let s = seed;
    for (const [pos, del, ins] of edits) {
      const at = pos % (s.length + 1);
      s = s.slice(0, at) + ins + s.slice(at + del);
    }
    return s;
  });

describe('template engine robustness', () => {
  it('grammar-built templates only ever fail with TemplateError', () => {
    fc.assert(
      fc.property(block, (t) => run(t)),
      { numRuns: 1500 },
    );
  });

  it('mutated templates only ever fail with TemplateError', () => {
    fc.assert(
      fc.property(mutated, (t) => run(t)),
      { numRuns: 3000 },
    );
  });

  it('arbitrary text only ever fails with TemplateError', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...alphabet, 'é', '☃', '\t', 'if', 'end', 'range') }),
        (t) => run(t),
      ),
      { numRuns: 1500 },
    );
  });
});
