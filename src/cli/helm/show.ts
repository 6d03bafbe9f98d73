/**
 * `bosun helm show all|chart|values|readme|crds CHART` for local charts (directories and
 * archives), with Helm's exact output. Cheap to load: the chart room is imported by the action.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export type ShowFormat = 'all' | 'chart' | 'values' | 'readme' | 'crds';

const SUBCOMMANDS: [ShowFormat, string][] = [
  ['all', 'show all information of the chart'],
  ['readme', "show the chart's README"],
  ['values', "show the chart's values"],
  ['chart', "show the chart's definition"],
  ['crds', "show the chart's CRDs"],
];

export function registerShow(cmd: Command): void {
  cmd.alias('inspect');
  for (const [format, summary] of SUBCOMMANDS) {
    const sub = cmd
      .command(format)
      .description(summary)
      .usage('[CHART] [flags]')
      .argument('[args...]')
      .allowExcessArguments(true)
      .option('--devel', "use development versions, too. Equivalent to version '>0.0.0-0'")
      .option('--version <version>', 'specify a version constraint for the chart version to use')
      .option('--repo <url>', 'chart repository url where to locate the requested chart')
      .option('--verify', 'verify the package before using it');
    if (format === 'values') sub.option('--jsonpath <expr>', 'supply a JSONPath expression to filter the output');
    sub.action(async (args: string[], o: { jsonpath?: string; repo?: string }) => {
      process.stdout.write(await runShow(format, args, o));
    });
  }
}

/** The local part of ChartPathOptions.LocateChart. */
function locateChart(ref: string): string {
  if (existsSync(ref)) return resolve(ref);
  if (ref.startsWith('.') || ref.startsWith('/')) throw new UserError(`path ${JSON.stringify(ref)} not found`);
  throw new UserError(
    `chart ${JSON.stringify(ref)} is not a local chart; chart repositories are not supported by bosun yet`,
  );
}

const README_NAMES = ['readme.md', 'readme.txt', 'readme'];

/** action.Show.Run: returns exactly what Helm prints. */
export async function runShow(
  format: ShowFormat,
  args: string[],
  o: { jsonpath?: string; repo?: string },
): Promise<string> {
  if (args.length !== 1) {
    throw new UserError(`"helm show ${format}" requires 1 argument\n\nUsage:  helm show ${format} [CHART] [flags]`);
  }
  if (o.repo) throw new UserError('chart repositories (--repo) are not supported by bosun yet');
  const { loadChart } = await import('../../chart/index.ts');
  const { chartfileYaml } = await import('../../chart/save/index.ts');
  const decoder = new TextDecoder();
  let chart: ReturnType<typeof loadChart>;
  try {
    chart = loadChart(locateChart(args[0]!));
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError((e as Error).message);
  }
  let out = '';
  if (format === 'chart' || format === 'all') out += `${chartfileYaml(chart.metadata)}\n`;

  // Helm's chart has Values only when values.yaml was loaded
  const valuesFiles = chart.raw.filter((f) => f.name === 'values.yaml');
  if ((format === 'values' || format === 'all') && valuesFiles.length > 0) {
    if (format === 'all') out += '---\n';
    if (o.jsonpath) {
      const { parseJsonPath, executeJsonPath } = await import('./show-jsonpath.ts');
      let template: ReturnType<typeof parseJsonPath>;
      try {
        template = parseJsonPath(o.jsonpath);
      } catch (e) {
        throw new UserError(`error parsing jsonpath ${o.jsonpath}: ${(e as Error).message}`);
      }
      // Helm ignores the printer's error, so a failed lookup prints nothing
      try {
        out += executeJsonPath(template, chart.values);
      } catch {}
    } else {
      for (const f of valuesFiles) out += `${decoder.decode(f.data)}\n`;
    }
  }

  if (format === 'readme' || format === 'all') {
    const readme = chart.files.find((f) => README_NAMES.includes(f.name.toLowerCase()));
    if (readme) {
      if (format === 'all') out += '---\n';
      out += `${decoder.decode(readme.data)}\n`;
    }
  }

  if (format === 'crds' || format === 'all') {
    for (const crd of chart.crdObjects()) {
      const text = decoder.decode(crd.file.data);
      if (!text.startsWith('---')) out += '---\n';
      out += `${text}\n`;
    }
  }
  return out;
}
