/**
 * `bosun helm dependency list|build|update CHART`: manage the charts/ directory of a chart.
 * Cheap to load: the chart room is imported by the actions.
 */
import { normalize } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

type Write = (text: string) => void;

const stdout: Write = (text) => process.stdout.write(text);

function addManagerFlags(cmd: Command): Command {
  return cmd
    .option('--verify', 'verify the packages against signatures')
    .option('--keyring <path>', 'keyring containing public keys')
    .option('--skip-refresh', 'do not refresh the local repository cache')
    .option('--username <name>', 'chart repository username where to locate the requested chart')
    .option('--password <password>', 'chart repository password where to locate the requested chart')
    .option('--cert-file <file>', 'identify HTTPS client using this SSL certificate file')
    .option('--key-file <file>', 'identify HTTPS client using this SSL key file')
    .option('--insecure-skip-tls-verify', 'skip tls certificate checks for the chart download')
    .option('--plain-http', 'use insecure HTTP connections for the chart download')
    .option('--ca-file <file>', 'verify certificates of HTTPS-enabled servers using this CA bundle');
}

export function registerDependency(cmd: Command): void {
  cmd.alias('dep').alias('dependencies').usage('update|build|list [flags]');
  cmd
    .command('list')
    .alias('ls')
    .description('list the dependencies for the given chart')
    .usage('CHART [flags]')
    .argument('[args...]')
    .allowExcessArguments(true)
    .option('--max-col-width <width>', 'maximum column width for output table', '80')
    .action(async (args: string[], o: { maxColWidth: string }) => {
      await runDependencyList(args, Number.parseInt(o.maxColWidth, 10), stdout);
    });
  addManagerFlags(
    cmd
      .command('update')
      .alias('up')
      .description('update charts/ based on the contents of Chart.yaml')
      .usage('CHART [flags]')
      .argument('[args...]')
      .allowExcessArguments(true),
  ).action(async (args: string[], o: { debug?: boolean }) => {
    await runDependencyManager('update', args, stdout, o.debug);
  });
  addManagerFlags(
    cmd
      .command('build')
      .description('rebuild the charts/ directory based on the Chart.lock file')
      .usage('CHART [flags]')
      .argument('[args...]')
      .allowExcessArguments(true),
  ).action(async (args: string[]) => {
    await runDependencyManager('build', args, stdout);
  });
}

/** MaximumNArgs(1), then the chart path cleaned as filepath.Clean cleans it ("." by default). */
function chartPathOf(verb: string, args: string[]): string {
  if (args.length > 1) {
    throw new UserError(
      `"helm dependency ${verb}" accepts at most 1 argument\n\nUsage:  helm dependency ${verb} CHART [flags]`,
    );
  }
  if (args.length === 0) return '.';
  const p = normalize(args[0]!);
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

export async function runDependencyList(args: string[], maxColWidth: number, write: Write): Promise<void> {
  const chartPath = chartPathOf('list', args);
  const { listDependencies } = await import('../../chart/deps/index.ts');
  try {
    write(listDependencies(chartPath, maxColWidth));
  } catch (e) {
    throw new UserError((e as Error).message);
  }
}

export async function runDependencyManager(
  verb: 'build' | 'update',
  args: string[],
  write: Write,
  debug = false,
): Promise<void> {
  const chartPath = chartPathOf(verb, args);
  const { Manager } = await import('../../chart/deps/index.ts');
  const m = new Manager(chartPath, { out: write, debug });
  try {
    if (verb === 'build') m.build();
    else m.update();
  } catch (e) {
    throw new UserError((e as Error).message);
  }
}
