/** `bosun helm status RELEASE`: the status block of the last (or --revision) revision. */
import type { Command } from 'commander';
import {
  addNamespaceFlag,
  addOutputFlag,
  intFlag,
  outputFormat,
  requireOneArg,
  withCluster,
} from './release-flags.ts';

export function registerStatus(cmd: Command): void {
  addOutputFlag(addNamespaceFlag(cmd))
    .usage('RELEASE_NAME [flags]')
    .argument('[args...]')
    .allowExcessArguments(true)
    .option('--revision <int>', 'if set, display the status of the named release with revision', '0')
    .action(async (args: string[], o: Record<string, unknown>) => {
      const name = requireOneArg(args, 'status');
      const format = outputFormat(o.output);
      const revision = intFlag(o.revision, '--revision');
      const { formatted, resourcesText, statusText } = await import('./release-print.ts');
      const text = await withCluster(o, '', async ({ release, cfg }) => {
        const rel = await release.releaseContent(cfg, name, revision);
        const resources = await release.releaseResources(cfg, rel, format === 'table');
        // helm strips the chart from what status prints
        const shown = { ...rel, chart: undefined as unknown as typeof rel.chart };
        if (resources.size > 0) shown.info = { ...shown.info, resources: Object.fromEntries(resources) };
        if (format !== 'table') return formatted(release.releaseJson(shown), format);
        const block = resources.size > 0 ? resourcesText(resources) : undefined;
        return statusText(release, shown, {
          showMetadata: false,
          debug: false,
          hideNotes: false,
          resources: block,
        });
      });
      process.stdout.write(text);
    });
}
