/**
 * Values and the `--set` family against the real helm: every case recorded by
 * scripts/record-values-differential.mjs (generated flags, -f files, subchart coalescing) runs
 * through our `helm template` path in process. A case helm rejected must fail with helm's first
 * `Error:` line; a case it rendered must print the same manifests and the same warnings.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { runTemplate, type TemplateOptions } from '../../src/cli/helm/template.ts';
import { registerTemplate, templateOptionsFrom } from '../../src/cli/helm/template-command.ts';

const dataDir = new URL('./testdata/values-differential', import.meta.url).pathname;
const chartsDir = join(dataDir, 'charts');

interface Case {
  id: string;
  args: string[];
  files?: Record<string, string>;
  exit: number;
  stdout: string;
  stderr: string;
}

const cases: Case[] = JSON.parse(readFileSync(join(dataDir, 'cases.json'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'values-differential-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function optionsFor(args: string[]): TemplateOptions {
  let parsed: TemplateOptions | undefined;
  const cmd = new Command('template').exitOverride();
  registerTemplate(cmd);
  cmd.action((positional: string[], o: Record<string, unknown>) => {
    parsed = templateOptionsFrom(positional, o);
  });
  cmd.parse(args, { from: 'user' });
  return parsed!;
}

function errorLine(text: string): string {
  for (const line of text.split('\n')) if (line.startsWith('Error:')) return line.trim();
  return text.trim().split('\n')[0] ?? '';
}

/** Helm's warnings are slog lines on stderr, sorted: helm meets keys in Go's random map order. */
function warnings(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('level='))
    .sort();
}

/** What helm prints for a warning handed to log.Printf or slog. */
function warnLine(msg: string): string {
  return msg.startsWith('level=') ? msg : `level=INFO msg=${JSON.stringify(msg)}`;
}

interface Outcome {
  stdout: string;
  error?: string;
  warnings: string[];
}

function runCase(c: Case): Outcome {
  const dir = mkdtempSync(join(tmp, `${c.id}-`));
  for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), text);
  const sub = (s: string) => s.replaceAll('$CHARTS', chartsDir).replaceAll('$DIR', dir);
  const unsub = (s: string) => s.replaceAll(chartsDir, '$CHARTS').replaceAll(dir, '$DIR');
  const warned: string[] = [];
  try {
    const opts = optionsFor(c.args.map(sub));
    opts.warn = (m) => warned.push(unsub(warnLine(m)));
    return { stdout: unsub(runTemplate(opts).stdout), warnings: warned };
  } catch (e) {
    return { stdout: '', error: unsub(`Error: ${(e as Error).message}`), warnings: warned };
  }
}

describe('values against the real helm', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const got = runCase(c);
    if (c.exit !== 0) {
      expect({ args: c.args, error: got.error && errorLine(got.error) }).toEqual({
        args: c.args,
        error: errorLine(c.stderr),
      });
      return;
    }
    expect({ args: c.args, error: got.error, stdout: got.stdout, warnings: got.warnings.sort() }).toEqual({
      args: c.args,
      error: undefined,
      stdout: c.stdout,
      warnings: warnings(c.stderr),
    });
  });
});
