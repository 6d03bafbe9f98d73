/** `bosun helm list` (alias `ls`): Helm v4's filters, sorting, paging and output formats. */
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { addNamespaceFlag, addOutputFlag, intFlag, outputFormat, withCluster } from './release-flags.ts';

export function registerList(cmd: Command): void {
  addOutputFlag(addNamespaceFlag(cmd))
    .alias('ls')
    .argument('[args...]')
    .allowExcessArguments(true)
    .option('-q, --short', 'output short (quiet) listing format')
    .option('--no-headers', "don't print headers when using the default output format")
    .option(
      '--time-format <layout>',
      'format time using golang time formatter. Example: --time-format "2006-01-02 15:04:05Z0700"',
    )
    .option('-d, --date', 'sort by release date')
    .option('-r, --reverse', 'reverse the sort order')
    .option('--uninstalled', "show uninstalled releases (if 'helm uninstall --keep-history' was used)")
    .option('--superseded', 'show superseded releases')
    .option('--uninstalling', 'show releases that are currently being uninstalled')
    .option('--deployed', 'show deployed releases')
    .option('--failed', 'show failed releases')
    .option('--pending', 'show pending releases')
    .option('-A, --all-namespaces', 'list releases across all namespaces')
    .option('-m, --max <int>', 'maximum number of releases to fetch', '256')
    .option('--offset <int>', 'next release index in the list, used to offset from start value', '0')
    .option(
      '-f, --filter <regexp>',
      'a regular expression (Perl compatible). Any releases that match the expression will be included in the results',
    )
    .option(
      '-l, --selector <selector>',
      "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Works only for secret(default) and configmap storage backends.",
    )
    .action(async (args: string[], o: Record<string, unknown>) => {
      if (args.length > 0)
        throw new UserError(`"helm list" accepts no arguments\n\nUsage:  helm list [flags]`);
      const format = outputFormat(o.output);
      const states: string[] = [];
      if (o.deployed) states.push('deployed');
      if (o.uninstalled) states.push('uninstalled');
      if (o.uninstalling) states.push('uninstalling');
      if (o.pending) states.push('pending-install', 'pending-rollback', 'pending-upgrade');
      if (o.failed) states.push('failed');
      if (o.superseded) states.push('superseded');
      const limit = intFlag(o.max, '-m, --max');
      const offset = intFlag(o.offset, '--offset');
      const { formatted, listText } = await import('./release-print.ts');
      const text = await withCluster(
        o,
        '',
        async ({ release, cfg }) => {
          const rels = await release.listReleases(cfg, {
            byDate: Boolean(o.date),
            reverse: Boolean(o.reverse),
            limit,
            offset,
            filter: (o.filter as string | undefined) ?? '',
            selector: (o.selector as string | undefined) ?? '',
            states,
          });
          if (o.short) {
            const names = rels.map((r) => r.name);
            if (format === 'table') return names.map((n) => `${n}\n`).join('');
            return formatted(JSON.stringify(names), format);
          }
          return listText(
            release,
            rels,
            format,
            o.headers === false,
            (o.timeFormat as string | undefined) ?? '',
          );
        },
        { allNamespaces: Boolean(o.allNamespaces) },
      );
      process.stdout.write(text);
    });
}
