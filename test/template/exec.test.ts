/**
 * Execution, parse and error behaviour against outputs recorded from the real helm v4.1.4
 * (testdata/core/exec.cases -> exec.golden.json via record.mjs). Each case renders as the
 * chart file t/templates/x.txt, so errors must match what helm prints after "Error: ".
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

const golden = JSON.parse(readFileSync(new URL('testdata/core/exec.golden.json', import.meta.url), 'utf8')) as {
  valueSets: Record<string, unknown>[];
  cases: GoldenCase[];
};

function render(c: GoldenCase): { out?: string; err?: string } {
  const files = new Map([['t/templates/x.txt', c.tpl]]);
  try {
    const out = renderTemplates(files, { Values: structuredClone(golden.valueSets[c.values]) });
    return { out: out.get('t/templates/x.txt') };
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return { err: e.message };
  }
}

describe('helm rendering matches helm v4.1.4', () => {
  it.each(golden.cases.map((c) => [c.tpl, c] as const))('%s', (_name, c) => {
    expect(render(c)).toEqual(c.err !== undefined ? { err: c.err } : { out: c.out });
  });
});
