/**
 * `bosun helm create NAME`: write Helm's chart scaffold (or a starter) into NAME.
 * Cheap to load: the chart room is imported by the action.
 */
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export function registerCreate(cmd: Command): void {
  cmd
    .usage('NAME [flags]')
    .argument('[args...]')
    .allowExcessArguments(true)
    .option('-p, --starter <starter>', 'the name or absolute path to Helm starter scaffold')
    .action(async (args: string[], o: { starter?: string }) => {
      await runCreate(args, o, (text) => process.stdout.write(text));
    });
}

/** Go's filepath.Base: "." for an empty path, trailing slashes ignored. */
function goBase(p: string): string {
  if (p === '') return '.';
  const t = p.replace(/\/+$/, '');
  return t === '' ? '/' : basename(t);
}

/** Go's filepath.Dir: "." when there is no directory part. */
function goDir(p: string): string {
  const d = dirname(p);
  return d === '' ? '.' : d;
}

export async function runCreate(
  args: string[],
  o: { starter?: string },
  write: (text: string) => void,
): Promise<void> {
  if (args.length !== 1) {
    throw new UserError('"helm create" requires 1 argument\n\nUsage:  helm create NAME [flags]');
  }
  const name = args[0]!;
  write(`Creating ${name}\n`);
  const { createChart, createFrom, starterMetadata, startersDir } = await import(
    '../../chart/create/index.ts'
  );
  const chartName = goBase(name);
  try {
    if (o.starter) {
      const starter = isAbsolute(o.starter) ? o.starter : join(startersDir(), o.starter);
      createFrom(starterMetadata(chartName), goDir(name), starter);
      return;
    }
    // Helm points the scaffold's warnings at the command's output
    createChart(chartName, goDir(name), write);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
}
