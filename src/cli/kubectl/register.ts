/**
 * Registers the kubectl commands with the CLI. Each command takes its arguments raw and parses
 * them itself the way kubectl's pflag does; the command's code is imported only when it runs.
 * kubectl's global flags may also come before the command name (`kubectl -n demo get pods`):
 * they are added to the `kubectl` group once and passed on to the command.
 */
import type { Command } from 'commander';

type Runner = (argv: string[]) => Promise<void>;

const groupFlags: [flags: string, key: string, long: string][] = [
  ['--kubeconfig <path>', 'kubeconfig', '--kubeconfig'],
  ['--context <name>', 'context', '--context'],
  ['--cluster <name>', 'cluster', '--cluster'],
  ['--user <name>', 'user', '--user'],
  ['-n, --namespace <namespace>', 'namespace', '--namespace'],
  ['-s, --server <address>', 'server', '--server'],
  ['--token <token>', 'token', '--token'],
  ['--request-timeout <duration>', 'requestTimeout', '--request-timeout'],
  ['--insecure-skip-tls-verify', 'insecureSkipTlsVerify', '--insecure-skip-tls-verify'],
  ['-v, --v <level>', 'v', '--v'],
];

function ensureGroupFlags(group: Command | null): void {
  if (!group || group.options.some((o) => o.long === '--kubeconfig')) return;
  for (const [flags] of groupFlags) group.option(flags, 'kubectl global flag');
}

function groupArgs(group: Command | null): string[] {
  if (!group) return [];
  const opts = group.opts();
  const args: string[] = [];
  for (const [, key, long] of groupFlags) {
    const v = opts[key];
    if (v === undefined) continue;
    args.push(v === true ? long : `${long}=${v}`);
  }
  return args;
}

function passthrough(load: () => Promise<Runner>): (cmd: Command) => void {
  return (cmd) => {
    ensureGroupFlags(cmd.parent);
    cmd
      .allowUnknownOption(true)
      .allowExcessArguments(true)
      .helpOption(false)
      .argument('[args...]')
      .action(async (args: string[]) => {
        const run = await load();
        await run([...args, ...groupArgs(cmd.parent)]);
      });
  };
}

export const registerKubectlGet = passthrough(async () => (await import('./get.ts')).runGet);
export const registerKubectlApply = passthrough(async () => (await import('./apply.ts')).runApply);
export const registerKubectlCreate = passthrough(async () => (await import('./create.ts')).runCreate);
export const registerKubectlDelete = passthrough(async () => (await import('./delete.ts')).runDelete);
export const registerKubectlLabel = passthrough(async () => (await import('./mutate.ts')).runLabel);
export const registerKubectlAnnotate = passthrough(async () => (await import('./mutate.ts')).runAnnotate);
export const registerKubectlPatch = passthrough(async () => (await import('./mutate.ts')).runPatch);
export const registerKubectlScale = passthrough(async () => (await import('./mutate.ts')).runScale);
/** `set image` is the one `set` subcommand built so far. */
export const registerKubectlSet = passthrough(async () => {
  const { runSetImage } = await import('./mutate.ts');
  const { KubectlError, runCommand } = await import('./session.ts');
  return async (argv: string[]) => {
    if (argv[0] === 'image') return runSetImage(argv.slice(1));
    return runCommand('set', argv, [], async () => {
      throw new KubectlError(`error: unknown command "${argv[0] ?? ''}" for "kubectl set"`);
    });
  };
});
export const registerKubectlApiResources = passthrough(
  async () => (await import('./api-resources.ts')).runApiResources,
);
export const registerKubectlRollout = passthrough(async () => (await import('./rollout.ts')).runRollout);
export const registerKubectlWait = passthrough(async () => (await import('./wait.ts')).runWait);
export const registerKubectlDescribe = passthrough(async () => (await import('./describe.ts')).runDescribe);
