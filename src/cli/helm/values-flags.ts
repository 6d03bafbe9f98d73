/**
 * Helm's values flags (`-f`, `--set` and its family), shared by every command that takes values,
 * and their translation into the chart room's ValueOptions.
 */
import type { Command } from 'commander';
import type { ValueOptions } from '../../chart/index.ts';

export const collect = (v: string, prev: string[]) => [...prev, v];
/** pflag's StringSlice: each occurrence may carry several comma-separated values. */
export const collectSlice = (v: string, prev: string[]) => [...prev, ...v.split(',')];

export function addValuesFlags(cmd: Command): Command {
  return cmd
    .option(
      '-f, --values <files>',
      'specify values in a YAML file or a URL (can specify multiple)',
      collectSlice,
      [],
    )
    .option('--set <values>', 'set values on the command line', collect, [])
    .option('--set-string <values>', 'set STRING values on the command line', collect, [])
    .option(
      '--set-file <values>',
      'set values from respective files specified via the command line',
      collect,
      [],
    )
    .option('--set-json <values>', 'set JSON values on the command line', collect, [])
    .option('--set-literal <values>', 'set a literal STRING value on the command line', collect, []);
}

/** The parsed flags of addValuesFlags as the chart room takes them. */
export function valueOptions(o: Record<string, unknown>): ValueOptions {
  return {
    valueFiles: o.values as string[],
    values: o.set as string[],
    stringValues: o.setString as string[],
    fileValues: o.setFile as string[],
    jsonValues: o.setJson as string[],
    literalValues: o.setLiteral as string[],
  };
}
