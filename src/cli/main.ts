#!/usr/bin/env node
/**
 * The `bosun` entry point. Thin on purpose: it builds the command tree from tables and
 * imports a room only when a command that needs it runs, so start-up stays close to Node's own.
 */
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError } from 'commander';
import type { BootHooks } from './boot/hooks.ts';
import { type CommandEntry, helmCommands, kubectlCommands } from './commands.ts';
import { NotImplementedError, UserError } from './errors.ts';

declare const BOSUN_VERSION: string;
const version = typeof BOSUN_VERSION === 'string' ? BOSUN_VERSION : '0.0.0-dev';

/** Helm's persistent flags, accepted by every helm command (as `helm --help` lists them). */
const HELM_GLOBAL_FLAGS: [string, string][] = [
  ['--debug', 'enable verbose output'],
  ['--kube-context <string>', 'name of the kubeconfig context to use'],
  ['--kubeconfig <string>', 'path to the kubeconfig file'],
  ['--kube-apiserver <string>', 'the address and the port for the Kubernetes API server'],
  ['--kube-token <string>', 'bearer token used for authentication'],
  ['--kube-as-user <string>', 'username to impersonate for the operation'],
  ['--kube-ca-file <string>', 'the certificate authority file for the Kubernetes API server connection'],
  ['--kube-insecure-skip-tls-verify', 'if true, the Kubernetes API server certificate will not be checked'],
  ['--registry-config <string>', 'path to the registry config file'],
  ['--repository-cache <string>', 'path to the directory containing cached repository indexes'],
  ['--repository-config <string>', 'path to the file containing repository names and URLs'],
  ['--content-cache <string>', 'path to the directory containing cached content (e.g. charts)'],
  ['--burst-limit <int>', 'client-side default throttling limit'],
  ['--qps <float>', 'queries per second used when communicating with the Kubernetes API'],
  ['--color <string>', 'use colored output (never, auto, always)'],
  ['--colour <string>', 'use colored output (never, auto, always)'],
];

/** Adds the flags a command does not define itself, to it and its subcommands. */
function addMissingFlags(cmd: Command, flags: [string, string][]): void {
  for (const [spec, help] of flags) {
    const long = spec.split(' ')[0];
    if (!cmd.options.some((o) => o.long === long)) cmd.option(spec, help);
  }
  for (const sub of cmd.commands) addMissingFlags(sub, flags);
}

function addGroup(
  parent: Command,
  name: string,
  summary: string,
  entries: CommandEntry[],
  globalFlags: [string, string][] = [],
): void {
  const group = parent.command(name).description(summary);
  for (const entry of entries) {
    if (entry.register) {
      const cmd = group.command(entry.name).description(entry.summary);
      entry.register(cmd);
      addMissingFlags(cmd, globalFlags);
      continue;
    }
    group
      .command(entry.name)
      .description(`${entry.summary} (not implemented yet)`)
      .allowUnknownOption(true)
      .allowExcessArguments(true)
      .helpOption(false)
      .action(() => {
        throw new NotImplementedError(`${name} ${entry.name}`);
      });
  }
}

function program(): Command {
  const root = new Command('bosun')
    .description('Helm and the Kubernetes rollout machinery, in one tool')
    .version(version, '--version', 'print the bosun version')
    .option('--debug', 'print stack traces and extra detail on errors')
    .showHelpAfterError(false)
    // root options (--version) only before the command: `helm package --version 1.2.3` is package's
    .enablePositionalOptions()
    .exitOverride();
  addGroup(
    root,
    'helm',
    'The Kubernetes package manager (Helm v4 compatible)',
    helmCommands,
    HELM_GLOBAL_FLAGS,
  );
  addGroup(root, 'kubectl', 'Control Kubernetes clusters (kubectl v1.35 compatible)', kubectlCommands);
  root
    .command('up')
    .description('start the embedded Kubernetes control plane')
    .option('--port <port>', 'port to listen on (127.0.0.1)', '6443')
    .option('--data-dir <dir>', 'where objects, credentials and the kubeconfig are kept (default ~/.bosun)')
    .option('--kubeconfig <file>', 'write the kubeconfig here (default <data-dir>/kubeconfig)')
    .option('--merge-kubeconfig', 'also add a "bosun" context to ~/.kube/config and select it')
    .option('--in-memory', 'keep objects in memory only')
    .option('--time-scale <factor>', 'run cluster time this many times faster than real time', '1')
    .option('--nodes <n>', 'number of simulated nodes', '1')
    .option(
      '--image-pull-failure <pattern>',
      'images matching this glob never pull (ErrImagePull, ImagePullBackOff); repeatable',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option(
      '--image-crash <pattern>',
      'containers of images matching this glob exit at start (CrashLoopBackOff); repeatable',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--no-controllers', 'serve the API only: no controllers, scheduler or kubelet')
    .action(async (opts) => {
      const { runUp } = await import('./up.ts');
      await runUp(opts);
    });
  root.commands.forEach(function inherit(c: Command) {
    c.exitOverride();
    c.commands.forEach(inherit);
  });
  return root;
}

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    await program().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit through here with code 0; commander has printed its message
      return err.exitCode;
    }
    if (err instanceof UserError) {
      process.stderr.write(`Error: ${err.message}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    process.stderr.write(`Error: ${e?.message ?? String(err)}\n`);
    if (debug && e?.stack) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

/**
 * A command is over in a fraction of a second, too soon for TurboFan to pay for itself: its
 * compiles of the template engine and YAML code cost contour's `helm template` ~100 ms of CPU
 * (a third of the run) for little gain. With a budget ~15x V8's default, only code that runs far
 * longer is optimized. `bosun up`, which runs for hours, keeps V8's default. Set after the CLI's
 * code is compiled (the code cache was checked against the flags V8 started with).
 */
function tuneTieringForShortRuns(argv: string[]): void {
  if (argv.find((a) => !a.startsWith('-')) === 'up') return;
  try {
    setFlagsFromString('--interrupt-budget=1000000');
  } catch {
    // a Node that refuses flags at run time only runs the command with its defaults
  }
}

/**
 * A reader that stops early (`bosun helm template x . | head`): Go's tools die of SIGPIPE, quietly,
 * status 128+13. Node ignores SIGPIPE and reports EPIPE as an error event instead.
 */
function quitOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(141);
      throw err;
    });
  }
}

function start(): void {
  const argv = process.argv.slice(2);
  quitOnClosedOutput();
  tuneTieringForShortRuns(argv);
  // a promise, not top-level await: the CLI is also bundled as a classic script so V8 can cache its
  // compiled code (src/cli/boot/loader.ts), and scripts have no top-level await
  void main(argv).then((code) => {
    process.exitCode = code;
  });
}

/**
 * For the startup snapshot's builder: loads the rooms of the command whose start-up matters most
 * (`helm template`) and, given a chart, renders it (output dropped) and builds the command tree,
 * so the snapshot holds them evaluated and their functions compiled.
 */
async function preload(warmUpChart?: string): Promise<void> {
  const { runTemplate } = await import('./helm/template.ts');
  if (!warmUpChart) return;
  program();
  for (const releaseName of ['warm-up', 'warm-up-2']) {
    runTemplate({
      releaseName,
      chartRef: warmUpChart,
      namespace: 'default',
      values: {},
      showOnly: [],
      includeCrds: false,
      skipCrds: false,
      useReleaseName: false,
      isUpgrade: false,
      apiVersions: [],
      noHooks: false,
      skipTests: false,
      warn: () => {},
    });
  }
}

/** Passed in by the startup snapshot's builder (src/cli/boot/snapshot.ts); absent otherwise. */
declare const __bosunBoot: BootHooks | undefined;
if (typeof __bosunBoot === 'object' && __bosunBoot) __bosunBoot.ready(start, preload);
else start();
