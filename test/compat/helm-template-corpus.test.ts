/**
 * `bosun helm template` against the recorded real-helm corpus (../shared/fixtures/helm-corpus),
 * in process, with the rule of shared/tools/corpus-check.py: an error case must fail with the
 * same first `Error:` line; a success must match line for line, except lines that differ between
 * helm's two recordings (random values), which keep their common prefix, suffix and length.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { runTemplate, type TemplateOptions } from '../../src/cli/helm/template.ts';
import { registerTemplate, templateOptionsFrom } from '../../src/cli/helm/template-command.ts';

const projectRoot = resolve(new URL('../..', import.meta.url).pathname);
const corpus = resolve(projectRoot, '../shared/fixtures/helm-corpus');
const hasCorpus = existsSync(resolve(corpus, 'cases'));

interface Case {
  command: string[];
  exit: number;
  stderr: string;
  volatile?: number[];
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

function rstripRandom(s: string): string {
  return s.replace(/[A-Za-z0-9+/=_-]+$/, '');
}

function lstripRandom(s: string): string {
  return s.replace(/^[A-Za-z0-9+/=_-]+/, '');
}

/** corpus-check.py's same_output: undefined when equal under the rule, else why not. */
function sameOutput(got: string, exp1: string, exp2: string, volatile: number[]): string | undefined {
  const g = got.split('\n');
  const a = exp1.split('\n');
  const b = exp2.split('\n');
  if (g.length !== a.length) return `${g.length} lines, expected ${a.length}`;
  for (let i = 0; i < g.length; i++) {
    const x = g[i]!;
    const y = a[i]!;
    const z = b[i]!;
    if (volatile.includes(i + 1)) {
      if (x.split(':')[0] !== y.split(':')[0])
        return `line ${i + 1} (clock-dependent): got ${x}, expected like ${y}`;
    } else if (y === z) {
      if (x !== y)
        return `line ${i + 1}: got ${JSON.stringify(x.slice(0, 160))}, expected ${JSON.stringify(y.slice(0, 160))}`;
    } else {
      const p = rstripRandom(commonPrefix(y, z));
      const s = lstripRandom(
        [...commonPrefix([...y].reverse().join(''), [...z].reverse().join(''))].reverse().join(''),
      );
      const slack = Math.max(y.length, z.length) > 64 ? 8 : 0;
      const lo = Math.min(y.length, z.length) - slack;
      const hi = Math.max(y.length, z.length) + slack;
      if (!(x.startsWith(p) && x.endsWith(s)) || x.length < lo || x.length > hi) {
        return `line ${i + 1} (random in helm too): got ${JSON.stringify(x.slice(0, 160))}, expected like ${JSON.stringify(y.slice(0, 160))}`;
      }
    }
  }
  return undefined;
}

function errorLine(text: string): string {
  for (const line of text.split('\n')) if (line.startsWith('Error:')) return line.trim();
  return text.trim().split('\n')[0] ?? '';
}

/** The case's helm arguments as our command parses them, with paths resolved against the corpus. */
function optionsFor(args: string[]): TemplateOptions {
  let parsed: TemplateOptions | undefined;
  const cmd = new Command('template').exitOverride();
  registerTemplate(cmd);
  cmd.action((positional: string[], o: Record<string, unknown>) => {
    parsed = templateOptionsFrom(positional, o);
  });
  cmd.parse(args, { from: 'user' });
  const opts = parsed!;
  opts.chartRef = resolve(corpus, opts.chartRef);
  opts.values.valueFiles = (opts.values.valueFiles ?? []).map((f) => resolve(corpus, f));
  opts.warn = () => {};
  return opts;
}

const caseIds = hasCorpus ? readdirSync(resolve(corpus, 'cases')).sort() : [];
let passed = 0;
let failed = 0;

describe.skipIf(!hasCorpus)('helm template corpus', () => {
  afterAll(() => {
    process.stdout.write(`helm template corpus: ${passed} passed, ${failed} failed\n`);
  });

  it.each(caseIds)('%s', (id) => {
    const dir = resolve(corpus, 'cases', id);
    const c: Case = JSON.parse(readFileSync(resolve(dir, 'case.json'), 'utf8'));
    let stdout = '';
    let error: string | undefined;
    try {
      stdout = runTemplate(optionsFor(c.command.slice(2))).stdout;
    } catch (e) {
      error = `Error: ${(e as Error).message}`;
    }
    let why: string | undefined;
    if (c.exit !== 0) {
      if (error === undefined) why = `succeeded, helm failed with: ${errorLine(c.stderr)}`;
      else if (errorLine(error) !== errorLine(c.stderr))
        why = `error ${errorLine(error)}, helm: ${errorLine(c.stderr)}`;
    } else if (error !== undefined) {
      why = `failed: ${errorLine(error)}`;
    } else {
      why = sameOutput(
        stdout,
        readFileSync(resolve(dir, 'expected.1.yaml'), 'utf8'),
        readFileSync(resolve(dir, 'expected.2.yaml'), 'utf8'),
        c.volatile ?? [],
      );
    }
    if (why) failed++;
    else passed++;
    expect(why).toBeUndefined();
  });
});

if (!hasCorpus) {
  describe('helm template corpus', () => {
    it.skip(`skipped: ${corpus} is absent`, () => {});
  });
}
