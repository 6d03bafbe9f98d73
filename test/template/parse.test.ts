/**
 * The parser over every template of the real-chart corpus: each parses, and each tree prints
 * (Go's String()) to text that parses back to the same print, which pins node printing, the
 * form execution errors quote.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTemplates } from '../../src/template/parse.ts';

const CORPUS = '/work/shared/fixtures/helm-corpus/charts';

function templateFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) templateFiles(p, out);
    else if (/\/templates\/.*\.(ya?ml|tpl|txt)$/.test(p)) out.push(p);
  }
  return out;
}

const files = (() => {
  try {
    return templateFiles(CORPUS);
  } catch {
    return [];
  }
})();

const anyFunction = { hasFunction: () => true };

describe('parser over the chart corpus', () => {
  it.skipIf(files.length === 0)('parses every template and round-trips its printed form', () => {
    let trees = 0;
    for (const f of files) {
      const set = parseTemplates(f, readFileSync(f, 'utf8'), anyFunction);
      for (const [name, tree] of set) {
        const printed = String(tree.root);
        // Text ending in "{" or starting with "}" glues onto a printed delimiter (as in Go).
        if (/\{\{\{|\}\}\}/.test(printed)) continue;
        const again = parseTemplates(name, printed, anyFunction).get(name);
        expect(String(again?.root), `${f} (${name})`).toBe(printed);
        trees++;
      }
    }
    expect(trees).toBeGreaterThan(files.length);
  });
});

describe('node printing', () => {
  const cases: [string, string][] = [
    ['{{ .a.b | printf "%s" }}', '{{.a.b | printf "%s"}}'],
    ['{{- $x := (index . 1).y -}}', '{{$x := (index . 1).y}}'],
    ['{{ range $i, $v := . }}{{ $i }}{{ else }}e{{ end }}', '{{range $i, $v := .}}{{$i}}{{else}}e{{end}}'],
    ['{{ if 1 }}a{{ else if 2 }}b{{ end }}', '{{if 1}}a{{else}}{{if 2}}b{{end}}{{end}}'],
    ['{{ with $x = 1 }}{{ end }}', '{{with $x = 1}}{{end}}'],
    ['{{ template "x" \'a\' }}{{ template `y` }}', '{{template "x" \'a\'}}{{template "y"}}'],
    ['{{ block "b" . }}B{{ end }}', '{{template "b" .}}'],
    ['{{ range . }}{{ break }}{{ continue }}{{ end }}', '{{range .}}{{break}}{{continue}}{{end}}'],
    ['{{ 0x1F }} {{ nil | print }} {{ true }}', '{{0x1F}} {{nil | print}} {{true}}'],
  ];
  it.each(cases)('%s', (src, want) => {
    expect(String(parseTemplates('t', src, { ...anyFunction, skipFuncCheck: true }).get('t')!.root)).toBe(
      want,
    );
  });
});
