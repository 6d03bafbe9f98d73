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

/** Whether `args` (before any `--`) set the flag itself: given again after the command, it wins. */
function setsFlag(args: string[], flags: string, long: string): boolean {
  const short = /^-(\w),/.exec(flags)?.[1];
  for (const a of args) {
    if (a === '--') return false;
    if (a === long || a.startsWith(`${long}=`)) return true;
    if (short && (a === `-${short}` || (a.startsWith(`-${short}`) && !a.startsWith('--')))) return true;
  }
  return false;
}

function groupArgs(group: Command | null, args: string[] = []): string[] {
  if (!group) return [];
  const opts = group.opts();
  const out: string[] = [];
  for (const [flags, key, long] of groupFlags) {
    const v = opts[key];
    // kubectl's flags are last-wins: one given before the command yields to the same given after
    if (v === undefined || setsFlag(args, flags, long)) continue;
    out.push(v === true ? long : `${long}=${v}`);
  }
  return out;
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
        // the group's flags go before a `--`: what follows it is a container's command
        const dash = args.indexOf('--');
        const group = groupArgs(cmd.parent, args);
        await run(dash < 0 ? [...args, ...group] : [...args.slice(0, dash), ...group, ...args.slice(dash)]);
      });
  };
}

export const registerKubectlGet = passthrough(async () => (await import('./get.ts')).runGet);
export const registerKubectlApply = passthrough(async () =>
  (await import('./apply-last-applied.ts')).withLastAppliedCommands((await import('./apply.ts')).runApply),
);
export const registerKubectlCreate = passthrough(async () => (await import('./create.ts')).runCreate);
export const registerKubectlDelete = passthrough(async () => (await import('./delete.ts')).runDelete);
export const registerKubectlLabel = passthrough(async () => (await import('./mutate.ts')).runLabel);
export const registerKubectlAnnotate = passthrough(async () => (await import('./mutate.ts')).runAnnotate);
export const registerKubectlPatch = passthrough(async () => (await import('./mutate.ts')).runPatch);
export const registerKubectlScale = passthrough(async () => (await import('./mutate.ts')).runScale);
/** `set image`, `set env` and `set resources`; each loads its own file. */
export const registerKubectlSet = passthrough(async () => {
  const { KubectlError, runCommand } = await import('./session.ts');
  return async (argv: string[]) => {
    const [sub, ...rest] = argv;
    if (sub === 'image') return (await import('./mutate.ts')).runSetImage(rest);
    if (sub === 'env') return (await import('./set-env.ts')).runSetEnv(rest);
    if (sub === 'resources') return (await import('./set-resources.ts')).runSetResources(rest);
    return runCommand('set', argv, [], async (flags) => {
      if (flags.args.length > 0)
        throw new KubectlError(
          `error: unknown command "${flags.args.join(' ')}"\nSee 'kubectl set -h' for help and examples`,
        );
      throw new KubectlError(setHelp);
    });
  };
});

const setHelp = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).`;

export const registerKubectlApiResources = passthrough(
  async () => (await import('./api-resources.ts')).runApiResources,
);
export const registerKubectlRollout = passthrough(async () => (await import('./rollout.ts')).runRollout);
export const registerKubectlWait = passthrough(async () => (await import('./wait.ts')).runWait);
export const registerKubectlDescribe = passthrough(async () => (await import('./describe.ts')).runDescribe);
export const registerKubectlDiff = passthrough(async () => (await import('./diff.ts')).runDiff);
export const registerKubectlExplain = passthrough(async () => (await import('./explain.ts')).runExplain);
export const registerKubectlReplace = passthrough(async () => (await import('./replace.ts')).runReplace);
export const registerKubectlExpose = passthrough(async () => (await import('./expose.ts')).runExpose);
export const registerKubectlRun = passthrough(async () => (await import('./run.ts')).runRun);
export const registerKubectlCordon = passthrough(async () => (await import('./drain.ts')).runCordon);
export const registerKubectlUncordon = passthrough(async () => (await import('./drain.ts')).runUncordon);
export const registerKubectlDrain = passthrough(async () => (await import('./drain.ts')).runDrain);
export const registerKubectlTaint = passthrough(async () => (await import('./taint.ts')).runTaint);
export const registerKubectlEdit = passthrough(async () => (await import('./edit.ts')).runEdit);
export const registerKubectlVersion = passthrough(async () => (await import('./version.ts')).runVersion);
export const registerKubectlApiVersions = passthrough(
  async () => (await import('./api-versions.ts')).runApiVersions,
);
export const registerKubectlClusterInfo = passthrough(
  async () => (await import('./cluster-info.ts')).runClusterInfo,
);
export const registerKubectlConfig = passthrough(async () => (await import('./config.ts')).runConfig);
export const registerKubectlEvents = passthrough(async () => (await import('./events.ts')).runEvents);
export const registerKubectlLogs = passthrough(async () => (await import('./logs.ts')).runLogs);
export const registerKubectlAuth = passthrough(async () => (await import('./auth.ts')).runAuth);
export const registerKubectlAutoscale = passthrough(
  async () => (await import('./autoscale.ts')).runAutoscale,
);
