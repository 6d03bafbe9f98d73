/**
 * Helm's rendering mode across files: one shared set, partials not rendered, parse order
 * (deeper paths first, so a parent chart's define wins), per-file .Template, and options.
 * Expected outputs recorded from `helm template` (helm v4.1.4) on the same chart layout.
 */
import { describe, expect, it } from 'vitest';
import { helmFuncMap, renderTemplates, TemplateError } from '../../src/template/index.ts';

const files = new Map([
  ['t/templates/_h.tpl', '{{ define "h" }}root-h{{ end }}{{ define "only" }}O{{ end }}'],
  ['t/charts/sub/templates/_h.tpl', '{{ define "h" }}sub-h{{ end }}'],
  [
    't/templates/a.yaml',
    'x: "{{ include "h" . }}|{{ include "only" . }}|{{ .Template.Name }}|{{ .Template.BasePath }}|{{ .Values.nope }}"\n',
  ],
  ['t/charts/sub/templates/b.yaml', 'y: "{{ include "h" . }}|{{ .Template.BasePath }}|{{ .Values.b }}"\n'],
]);

describe('renderTemplates', () => {
  it('renders a chart with a subchart as helm does', () => {
    const root = { Values: { a: 1, sub: { b: 2 } } };
    const sub = { Values: { b: 2 } };
    const out = renderTemplates(files, root, {
      dataFor: (f) => (f.startsWith('t/charts/sub/') ? sub : root),
    });
    expect([...out.entries()].sort()).toEqual([
      ['t/charts/sub/templates/b.yaml', 'y: "root-h|t/charts/sub/templates|2"\n'],
      ['t/templates/a.yaml', 'x: "root-h|O|t/templates/a.yaml|t/templates|"\n'],
    ]);
  });

  it('uses the injected lookup', () => {
    const calls: string[][] = [];
    const out = renderTemplates(
      new Map([['t/templates/l.yaml', '{{ (lookup "v1" "Secret" "ns" "s").kind }}']]),
      { Values: {} },
      {
        lookup: (...args) => {
          calls.push(args);
          return { kind: 'Secret' };
        },
      },
    );
    expect(out.get('t/templates/l.yaml')).toBe('Secret');
    expect(calls).toEqual([['v1', 'Secret', 'ns', 's']]);
  });

  it('reports missing keys in strict mode (missingkey=error)', () => {
    const render = (tpl: string) => () =>
      renderTemplates(new Map([['t/templates/s.yaml', tpl]]), { Values: { m: {} } }, { strict: true });
    expect(render('{{ .Values.nope }}')).toThrowError(
      't/templates/s.yaml:1:10\n  executing "t/templates/s.yaml" at <.Values.nope>:\n    map has no entry for key "nope"',
    );
    expect(render('{{ .Values.m.k }}')).toThrowError(/map has no entry for key "k"$/);
  });

  it('lets callers override functions, and drops env/expandenv', () => {
    const funcs = helmFuncMap({ funcs: { upper: { fn: (s: string) => `<${s}>`, params: ['string'] } } });
    expect(funcs.env).toBeUndefined();
    expect(funcs.expandenv).toBeUndefined();
    const out = renderTemplates(
      new Map([['t/templates/u.yaml', '{{ upper "x" }}']]),
      { Values: {} },
      { funcs: { upper: funcs.upper } },
    );
    expect(out.get('t/templates/u.yaml')).toBe('<x>');
  });

  it('throws TemplateError naming the file for a parse error', () => {
    try {
      renderTemplates(new Map([['t/templates/p.yaml', 'a\n{{ if }}']]), { Values: {} });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      expect((e as TemplateError).message).toBe(
        'parse error at (t/templates/p.yaml:2): missing value for if',
      );
      expect((e as TemplateError).kind).toBe('parse');
      expect((e as TemplateError).line).toBe(2);
    }
  });
});
