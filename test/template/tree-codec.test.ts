// The parse-tree codec of the engine's on-disk parse cache: a decoded set is the parsed set
// (same trees, same output), and bytes that are not an encoding decode to undefined.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  decodeParsedTemplates,
  encodeParsedTemplates,
  executeParsed,
  type ParsedTemplates,
  parseHelmTemplates,
} from '../../src/template/index.ts';
import type { Tree } from '../../src/template/node.ts';

/** Every node type and field the parser sets, one or more templates each. */
const cases: [string, Record<string, string>][] = [
  ['text only', { 'c/templates/a.yaml': 'kind: A\n' }],
  ['trim markers', { 'c/templates/a.yaml': 'a:  {{- " x " -}}  \nb: {{ 1 }}\n' }],
  ['comment', { 'c/templates/a.yaml': 'x{{/* note */}}y{{- /* trimmed */ -}} z' }],
  [
    'pipes, declarations, assignment',
    {
      'c/templates/a.yaml':
        '{{ $a := 1 }}{{ $a = 2 }}{{ $a | add 1 | printf "%d" }}{{ range $i, $v := list 1 }}{{ $v }}{{ end }}',
    },
  ],
  [
    'fields, chains, variables',
    {
      'c/templates/a.yaml':
        '{{ .Values.a.b }}{{ (dict "k" (dict "j" 1)).k.j }}{{ $.Values }}{{ $x := . }}{{ $x.Values }}',
    },
  ],
  [
    'literals',
    {
      'c/templates/a.yaml':
        '{{ true }}{{ false }}{{ nil | default 1 }}{{ 0x1F }}{{ -3 }}{{ 1.5e3 }}{{ \'a\' }}{{ 1_000 }}{{ "q\\"s" }}{{ `raw` }}{{ . | kindOf }}',
    },
  ],
  [
    'control flow',
    {
      'c/templates/a.yaml':
        '{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}{{ range $i, $e := list 1 2 }}{{ if eq $i 1 }}{{ break }}{{ end }}{{ continue }}{{ else }}none{{ end }}{{ with .c }}{{ . }}{{ else with .d }}D{{ end }}',
    },
  ],
  [
    'define, template, block, include, partials',
    {
      'c/templates/_helpers.tpl': '{{ define "c.name" }}n-{{ . }}{{ end }}{{ define "c.empty" }}{{ end }}',
      'c/templates/a.yaml':
        '{{ template "c.name" "x" }}{{ template "c.empty" }}{{ block "c.blk" . }}b{{ end }}{{ include "c.name" 1 }}',
      'c/charts/s/templates/b.yaml': '{{ define "c.empty" }}{{ end }}{{ tpl "{{ 1 }}" . }}',
    },
  ],
  ['multi-byte text', { 'c/templates/a.yaml': 'é{{ "ü" }}→{{- " 😀 " }}\n' }],
];

function encodeDecode(files: Map<string, string>): { parsed: ParsedTemplates; decoded: ParsedTemplates } {
  const parsed = parseHelmTemplates(files);
  const bytes = encodeParsedTemplates(parsed, files);
  const decoded = decodeParsedTemplates(bytes, files);
  if (!decoded) throw new Error('decoding failed');
  return { parsed, decoded };
}

/** The tree's nodes as plain data, without the back-references to the tree. */
function plain(n: unknown): unknown {
  if (Array.isArray(n)) return n.map(plain);
  if (n === null || typeof n !== 'object') return n;
  const out: Record<string, unknown> = { class: n.constructor.name };
  for (const [k, v] of Object.entries(n)) if (k !== 'tree') out[k] = plain(v);
  return out;
}

function treeData(t: Tree): unknown {
  return { name: t.name, parseName: t.parseName, same: t.root?.tree === t, root: plain(t.root) };
}

function expectSameSets(a: ParsedTemplates, b: ParsedTemplates): void {
  expect(b.order).toEqual(a.order);
  expect(b.set.name).toBe(a.set.name);
  const ta = [...a.set.entries()];
  const tb = [...b.set.entries()];
  expect(tb.map(([k]) => k)).toEqual(ta.map(([k]) => k));
  for (const [i, [, t]] of ta.entries()) {
    const u = tb[i]![1];
    expect(treeData(u)).toEqual(treeData(t));
    expect(u.text).toBe(t.text);
    expect(String(u.root)).toBe(String(t.root));
  }
}

describe('tree codec', () => {
  test.each(cases)('%s: decodes to the parsed trees and renders alike', (_, files) => {
    const m = new Map(Object.entries(files));
    const { parsed, decoded } = encodeDecode(m);
    expectSameSets(parsed, decoded);
    const data = { Values: {}, a: false, b: true, c: 0, d: 'd' };
    // execution errors quote nodes and positions: they must agree too
    const outcome = (p: ParsedTemplates) => {
      try {
        return executeParsed(p, structuredClone(data));
      } catch (e) {
        return `error: ${(e as Error).message}`;
      }
    };
    expect(outcome(decoded)).toEqual(outcome(parsed));
  });

  test('every corpus chart with templates round-trips', () => {
    const corpus = join(import.meta.dirname, '../../../shared/fixtures/helm-corpus/charts');
    let charts = 0;
    for (const chart of readdirSync(corpus)) {
      const files = new Map<string, string>();
      for (const e of readdirSync(join(corpus, chart), { recursive: true, withFileTypes: true })) {
        const path = join(e.parentPath, e.name);
        const rel = `${chart}/${path.slice(join(corpus, chart).length + 1)}`;
        if (e.isFile() && /\/templates\//.test(rel)) files.set(rel, readFileSync(path, 'utf8'));
      }
      let parsed: ParsedTemplates;
      try {
        parsed = parseHelmTemplates(files);
      } catch {
        continue; // a chart whose templates helm rejects: nothing to cache
      }
      const decoded = decodeParsedTemplates(encodeParsedTemplates(parsed, files), files);
      expect(decoded, chart).toBeDefined();
      expectSameSets(parsed, decoded!);
      charts++;
    }
    expect(charts).toBeGreaterThan(50);
  });

  const files = new Map(Object.entries(cases[7]![1]));
  const good = encodeParsedTemplates(parseHelmTemplates(files), files);
  const corrupt: [string, () => Uint8Array][] = [
    ['empty', () => new Uint8Array()],
    ['truncated integers', () => good.subarray(0, 40)],
    ['truncated strings', () => good.subarray(0, good.length - 3)],
    ['trailing bytes', () => Uint8Array.from([...good, 0x41])],
    [
      'another version',
      () => {
        const b = Uint8Array.from(good);
        b[4] = 99;
        return b;
      },
    ],
    ['a huge count', () => Uint8Array.from([0xff, 0xff, 0xff, 0x7f, ...good.subarray(4)])],
    [
      'a node type out of range',
      () => {
        const b = Uint8Array.from(good);
        const ints = new Int32Array(b.buffer, 4, new DataView(b.buffer).getUint32(0, true));
        // the first tree's root list: its type is the first List (0xb) after the header
        ints[ints.indexOf(11)] = 77;
        return b;
      },
    ],
    ['random bytes', () => Uint8Array.from({ length: 300 }, (_, i) => (i * 7919) % 251)],
  ];
  test.each(corrupt)('%s: undefined, no exception', (_, bytes) => {
    expect(decodeParsedTemplates(bytes(), files)).toBeUndefined();
  });

  test('other file texts: undefined', () => {
    const other = new Map(files);
    other.delete('c/templates/a.yaml');
    expect(decodeParsedTemplates(good, other)).toBeUndefined();
  });
});
