/**
 * Runs `helm lint ARGS` in-process through the real command registration, in a given working
 * directory, and compares with what the real helm printed (recorded by tools/record-lint.mjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { expect, vi } from 'vitest';
import { registerLint } from '../../../src/cli/helm/lint.ts';

export interface RecordedCase {
  name: string;
  args: string[];
  unordered?: boolean;
  /** a difference we know of and whose cause lies outside lint (the test expects it to differ) */
  knownDiff?: string;
  stdout: string;
  stderr: string;
  exit: number;
}

export const TESTDATA = resolve(import.meta.dirname, 'testdata');
/** The shared fixtures, beside the project root; absent in some checkouts. */
export const SHARED = resolve(import.meta.dirname, '../../../../shared/fixtures');
export const HAVE_SHARED = existsSync(SHARED);

export function recorded(file: string): RecordedCase[] {
  return JSON.parse(readFileSync(resolve(TESTDATA, file), 'utf8')) as RecordedCase[];
}

export async function bosunLint(
  args: string[],
  cwd: string,
): Promise<{ stdout: string; stderr: string; exit: number }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  const before = process.cwd();
  const namespace = process.env.HELM_NAMESPACE;
  delete process.env.HELM_NAMESPACE;
  let exit = 0;
  try {
    process.chdir(cwd);
    const cmd = new Command('lint').exitOverride();
    registerLint(cmd);
    await cmd.parseAsync(args.slice(1), { from: 'user' });
  } catch (e) {
    // what src/cli/main.ts does with an error
    stderr += `Error: ${(e as Error).message}\n`;
    exit = 1;
  } finally {
    process.chdir(before);
    if (namespace !== undefined) process.env.HELM_NAMESPACE = namespace;
    out.mockRestore();
    err.mockRestore();
  }
  return { stdout: stdout.replaceAll(cwd, '$CWD'), stderr: stderr.replaceAll(cwd, '$CWD'), exit };
}

const sortLines = (s: string) => s.split('\n').sort().join('\n');

/** Same output as helm; where Go's map order makes helm's own order vary, the same lines. */
export async function expectSameAsHelm(c: RecordedCase, cwd: string): Promise<void> {
  const got = await bosunLint(c.args, cwd);
  const norm = c.unordered ? sortLines : (s: string) => s;
  expect({ exit: got.exit, stdout: norm(got.stdout), stderr: norm(got.stderr) }).toEqual({
    exit: c.exit,
    stdout: norm(c.stdout),
    stderr: norm(c.stderr),
  });
}
