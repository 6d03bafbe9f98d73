// Shared by the e2e files: start `bosun up` (a child process on a free port), run the real
// kubectl / helm against it, and normalise what changes from run to run in their output.

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { referenceBin } from '../support/reference-bins.ts';

export const root = resolve(import.meta.dirname, '../..');
export const kubectlBin = referenceBin('kubectl');
export const helmBin = referenceBin('helm');

/** Kubernetes fixtures read in place (never copied into the project). */
export const fixturesDir = resolve(root, '../shared/fixtures');

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Up {
  work: string;
  dataDir: string;
  kubeconfig: string;
  /** The `bosun up` process (its exit code once it exited). */
  process: ChildProcess;
  output(): string;
  run(bin: string, args: string[], options?: { timeoutMs?: number; input?: string }): Promise<Result>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, no clean-up by the server. */
  kill(): Promise<void>;
  /** Removes the work directory (after stop or kill). */
  cleanup(): void;
}

/** Starts `bosun up --port 0` in a fresh work directory (or `work`, to restart on the same data). */
export async function startUp(
  options: {
    inMemory?: boolean;
    work?: string /** More `bosun up` flags (--time-scale, --image-crash...). */;
    args?: string[];
  } = {},
): Promise<Up> {
  const work = options.work ?? mkdtempSync(join(tmpdir(), 'bosun-e2e-'));
  const dataDir = join(work, 'data');
  const kubeconfig = join(work, 'kubeconfig');
  const args = [
    join(root, 'src/cli/main.ts'),
    'up',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--kubeconfig',
    kubeconfig,
  ];
  if (options.inMemory) args.push('--in-memory');
  if (options.args) args.push(...options.args);
  const child = spawn(join(root, 'node_modules/.bin/tsx'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((ready, fail) => {
    const check = () => {
      if (out.includes('Press Ctrl+C')) {
        child.stdout!.off('data', check);
        ready();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => fail(new Error(`bosun up exited with ${code}: ${out}`)));
  });
  const run: Up['run'] = (bin, runArgs, runOptions = {}) =>
    new Promise((done) => {
      const proc = execFile(
        bin,
        ['--kubeconfig', kubeconfig, ...runArgs],
        { cwd: work, timeout: runOptions.timeoutMs ?? 30_000, env: { ...process.env, HOME: work } },
        (err, stdout, stderr) => {
          const code = err ? ((err as { code?: unknown }).code ?? 1) : 0;
          done({ code: typeof code === 'number' ? code : 1, stdout, stderr });
        },
      );
      if (runOptions.input !== undefined) proc.stdin!.end(runOptions.input);
    });
  return {
    work,
    dataDir,
    kubeconfig,
    process: child,
    output: () => out,
    run,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      // tsx runs the CLI in a child node process: kill that one, as a crash would.
      const { execFileSync } = await import('node:child_process');
      const children = execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean);
      for (const pid of children) process.kill(Number(pid), 'SIGKILL');
      child.kill('SIGKILL');
      await exited;
    },
    cleanup() {
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * kubectl's tables with the AGE cells made constant: an age token (`0s`, `12s`, `3m4s`) becomes
 * `0s`, padded to the same width so the columns stay where kubectl put them.
 */
export function normaliseAges(table: string): string {
  return table.replace(/(?<=^|\s)(\d+[smhd])+(?=\s|$)/gm, (age) => '0s'.padEnd(age.length));
}

/** The built `bosun` CLI (npm run build); its kubectl runs against an `Up` like the real one. */
const bosunBin = join(root, 'dist/bosun.mjs');

export const bosunKubectl = {
  built: existsSync(bosunBin),
  /** `bosun kubectl --kubeconfig <up's> ...args`, in the work directory with HOME there. */
  run(up: Up, args: string[], options: { timeoutMs?: number; input?: string } = {}): Promise<Result> {
    return new Promise((done) => {
      const proc = execFile(
        process.execPath,
        [bosunBin, 'kubectl', '--kubeconfig', up.kubeconfig, ...args],
        { cwd: up.work, timeout: options.timeoutMs ?? 30_000, env: { ...process.env, HOME: up.work } },
        (err, stdout, stderr) => {
          const code = err ? ((err as { code?: unknown }).code ?? 1) : 0;
          done({ code: typeof code === 'number' ? code : 1, stdout, stderr });
        },
      );
      if (options.input !== undefined) proc.stdin!.end(options.input);
    });
  },
};

/**
 * One command run with the real kubectl, then with `bosun kubectl`, against the same server, for
 * commands whose output the two must share. In a table with ages the two runs saw a moment apart
 * (a scaled clock makes that seconds), the ages and so the column widths may differ: such a table
 * is compared with AGE cells made constant and runs of spaces made one.
 */
export async function bothKubectls(up: Up, args: string[]): Promise<{ real: Result; ours: Result }> {
  const norm = (r: Result): Result => {
    const aged = normaliseAges(r.stdout);
    return { ...r, stdout: aged === r.stdout ? aged : aged.replace(/ +/g, ' ') };
  };
  const real = norm(await up.run(kubectlBin!, args));
  const ours = norm(await bosunKubectl.run(up, args));
  return { real, ours };
}

/** A kubectl a scenario runs its steps with: the real one, or `bosun kubectl`. */
export interface KubectlUnderTest {
  name: string;
  /** Why it cannot run here ('' when it can). */
  missing: string;
  run(up: Up, args: string[]): Promise<Result>;
  /** Also check, command for command, that it prints what the real kubectl prints. */
  comparesWithKubectl: boolean;
}

export const realKubectl: KubectlUnderTest = {
  name: 'the real kubectl',
  missing: kubectlBin ? '' : 'no kubectl in the reference directory (scripts/reference-bins.sh)',
  run: (up, args) => up.run(kubectlBin!, args),
  comparesWithKubectl: false,
};

export const oursKubectl: KubectlUnderTest = {
  name: 'bosun kubectl',
  missing: bosunKubectl.built ? '' : 'no dist/bosun.mjs (npm run build)',
  run: (up, args) => bosunKubectl.run(up, args),
  comparesWithKubectl: true,
};

export interface PollOptions {
  /** How long to wait, in real time. */
  ms?: number;
  /** How long between checks. */
  everyMs?: number;
  /** A check that throws counts as "not yet" (a server restarting), not as a failure. */
  retryErrors?: boolean;
}

/** Polls until `check` returns a value (not undefined); fails after `ms`. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { ms = 15_000, everyMs = 50, retryErrors = false }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await (retryErrors ? check().catch(() => undefined) : check());
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * A scenario's `bosun up` and the commands it runs there with the kubectl under test: the server
 * starts before the tests of the enclosing block (not when `skip` says why it cannot) and stops
 * after them.
 */
export function scenarioUp(k: KubectlUnderTest, skip: string, options: Parameters<typeof startUp>[0]) {
  let started: Up | undefined;
  beforeAll(async () => {
    if (!skip) started = await startUp(options);
  }, 60_000);
  afterAll(async () => {
    if (!started) return;
    await started.stop();
    started.cleanup();
  });
  const up = (): Up => started!;
  const kubectl = (...args: string[]): Promise<Result> => k.run(up(), args);
  return {
    up,
    kubectl,
    /** Stdout of a command that must succeed. */
    async ok(...args: string[]): Promise<string> {
      const r = await kubectl(...args);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
      return r.stdout;
    },
    /** Each command prints the same (stdout, stderr, exit code) with bosun kubectl as with kubectl. */
    async sameAsKubectl(commands: string[][]): Promise<void> {
      for (const args of commands) {
        const { real, ours } = await bothKubectls(up(), args);
        expect(ours, `kubectl ${args.join(' ')}`).toEqual(real);
      }
    },
  };
}
