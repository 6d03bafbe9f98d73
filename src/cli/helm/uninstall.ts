/** `bosun helm uninstall RELEASE...` (alias un, del, delete): each release in turn. */
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { addNamespaceFlag, impliedValues, parseGoDuration, withCluster } from './release-flags.ts';

export function registerUninstall(cmd: Command): void {
  addNamespaceFlag(cmd)
    .aliases(['un', 'del', 'delete'])
    .usage('RELEASE_NAME [...] [flags]')
    .argument('[args...]')
    .allowExcessArguments(true)
    .option('--dry-run', 'simulate a uninstall')
    .option('--no-hooks', 'prevent hooks from running during uninstallation')
    .option('--ignore-not-found', 'Treat "release not found" as a successful uninstall')
    .option(
      '--keep-history',
      'remove all associated resources and mark the release as deleted, but retain the release history',
    )
    .option(
      '--cascade <string>',
      'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents. Defaults to background.',
      'background',
    )
    .option(
      '--timeout <duration>',
      'time to wait for any individual Kubernetes operation (like Jobs for hooks)',
      '5m0s',
    )
    .option('--description <text>', 'add a custom description')
    .option(
      '--wait <strategy>',
      "if specified, wait until resources are ready (up to --timeout). Values: 'watcher', 'hookOnly', and 'legacy'.",
    )
    .action(async (args: string[], o: Record<string, unknown>) => {
      if (args.length === 0)
        throw new UserError(
          `"helm uninstall" requires at least 1 argument\n\nUsage:  helm uninstall RELEASE_NAME [...] [flags]`,
        );
      const cascade = String(o.cascade);
      if (!['background', 'foreground', 'orphan'].includes(cascade))
        throw new UserError(
          `invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`,
        );
      const timeoutMs = parseGoDuration(String(o.timeout ?? '5m0s'), '--timeout');
      const wait =
        o.wait === undefined || o.wait === 'false'
          ? 'hookOnly'
          : o.wait === 'true'
            ? 'watcher'
            : String(o.wait);
      if (!['watcher', 'hookOnly', 'legacy'].includes(wait))
        throw new UserError(
          `invalid argument "${wait}" for "--wait" flag: invalid wait input "${wait}". Valid inputs are watcher, hookOnly, and legacy`,
        );
      await withCluster(o, '', async ({ release, cfg }) => {
        for (const name of args) {
          const uninstall = new release.Uninstall(cfg, {
            dryRun: Boolean(o.dryRun),
            disableHooks: o.hooks === false,
            ignoreNotFound: Boolean(o.ignoreNotFound),
            keepHistory: Boolean(o.keepHistory),
            cascade: String(o.cascade),
            timeoutMs,
            description: (o.description as string | undefined) ?? '',
            waitStrategy: wait as 'watcher' | 'hookOnly' | 'legacy',
          });
          const res = await uninstall.run(name);
          if (res.info) process.stdout.write(`${res.info}\n`);
          process.stdout.write(`release "${name}" uninstalled\n`);
        }
      });
    });
  impliedValues(cmd, { '--wait': 'watcher' });
}
