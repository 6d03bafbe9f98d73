/** `bosun helm history RELEASE`: the revisions, oldest first, at most --max of the newest. */
import type { Command } from 'commander';
import {
  addNamespaceFlag,
  addOutputFlag,
  intFlag,
  outputFormat,
  requireOneArg,
  withCluster,
} from './release-flags.ts';

export function registerHistory(cmd: Command): void {
  addOutputFlag(addNamespaceFlag(cmd))
    .alias('hist')
    .usage('RELEASE_NAME [flags]')
    .argument('[args...]')
    .allowExcessArguments(true)
    .option('--max <int>', 'maximum number of revision to include in history', '256')
    .action(async (args: string[], o: Record<string, unknown>) => {
      const name = requireOneArg(args, 'history');
      const format = outputFormat(o.output);
      const max = intFlag(o.max, '--max');
      const { historyText } = await import('./release-print.ts');
      const text = await withCluster(o, '', async ({ release, cfg }) => {
        const rels = (await release.releaseHistory(cfg, name)).sort((a, b) => b.version - a.version);
        const newest = rels.slice(0, Math.max(0, max)).reverse();
        return historyText(release, newest, format);
      });
      process.stdout.write(text);
    });
}
