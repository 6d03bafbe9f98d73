/**
 * Execution, parse and error behaviour against outputs recorded from the real helm v4.1.4
 * (testdata/core/*.cases -> *.golden.json via record.mjs). Each case renders as the chart
 * file t/templates/x.txt, so an error must match what helm prints after "Error: ".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderTemplates, TemplateError } from '../../src/template/index.ts';

interface GoldenCase {
  tpl: string;
  values: number;
  out?: string;
  err?: string;
}

interface Golden {
  valueSets: Record<string, unknown>[];
  cases: GoldenCase[];
}

function load(suite: string): Golden {
  return JSON.parse(readFileSync(new URL(`testdata/core/${suite}.golden.json`, import.meta.url), 'utf8'));
}

function render(g: Golden, c: GoldenCase): { out?: string; err?: string } {
  const files = new Map([['t/templates/x.txt', c.tpl]]);
  try {
    const out = renderTemplates(files, { Values: structuredClone(g.valueSets[c.values]) });
    return { out: out.get('t/templates/x.txt') };
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return { err: e.message };
  }
}

// exec: actions, builtins and errors; parse: Go's full parse errors (through tpl);
// recursion: Go's template depth limit and Helm's include bound.
for (const suite of ['exec', 'parse', 'recursion']) {
  const g = load(suite);
  describe(`${suite}: helm rendering matches helm v4.1.4`, () => {
    it.each(g.cases.map((c, i) => [i, c.tpl, c] as const))('#%i %s', (_i, _name, c) => {
      expect(render(g, c)).toEqual(c.err !== undefined ? { err: c.err } : { out: c.out });
    });
  });
}
