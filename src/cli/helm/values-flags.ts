/**
 * Helm's values flags (`-f`, `--set` and its family), shared by every command that takes values,
 * and their translation into the chart room's ValueOptions.
 */
import type { Command } from 'commander';
import type { ValueOptions } from '../../chart/index.ts';
import { UserError } from '../errors.ts';

export const collect = (v: string, prev: string[]) => [...prev, v];

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

/** strconv.Quote of a flag argument, for pflag's message (kept here: the chart room loads lazily). */
function quoteArg(s: string): string {
  const escapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += escapes[ch] ?? (c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, '0')}` : ch);
  }
  return `"${out}"`;
}

/**
 * pflag's readAsCSV: one record of Go's encoding/csv (quoted fields, `""` for a quote), or the
 * csv.ParseError text; columns count UTF-8 bytes from 1.
 */
function readCsvRecord(line: string): string[] {
  const fail = (at: number, why: string) => {
    throw new Error(`parse error on line 1, column ${utf8Length(line.slice(0, at)) + 1}: ${why}`);
  };
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) fail(line.length, 'extraneous or missing " in quoted-field');
        field += line.slice(i, q);
        i = q + 1;
        if (line[i] === '"') {
          field += '"';
          i++;
        } else if (i === line.length || line[i] === ',') break;
        else fail(q, 'extraneous or missing " in quoted-field');
      }
    } else {
      const end = line.indexOf(',', i);
      field = end < 0 ? line.slice(i) : line.slice(i, end);
      const quote = field.indexOf('"');
      if (quote >= 0) fail(i + quote, 'bare " in non-quoted-field');
      i += field.length;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

/** pflag's StringSlice for the flag named `flag`: each occurrence is a CSV record; "" adds nothing. */
export function sliceCollector(flag: string): (v: string, prev: string[]) => string[] {
  return (v, prev) => {
    if (v === '') return prev;
    try {
      return [...prev, ...readCsvRecord(v)];
    } catch (e) {
      throw new UserError(`invalid argument ${quoteArg(v)} for "${flag}" flag: ${(e as Error).message}`);
    }
  };
}

/** pflag's StringSlice (`--api-versions`). */
export const collectSlice = sliceCollector('-a, --api-versions');

export function addValuesFlags(cmd: Command): Command {
  return cmd
    .option(
      '-f, --values <files>',
      'specify values in a YAML file or a URL (can specify multiple)',
      sliceCollector('-f, --values'),
      [],
    )
    .option(
      '--set <values>',
      'set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)',
      collect,
      [],
    )
    .option(
      '--set-string <values>',
      'set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)',
      collect,
      [],
    )
    .option(
      '--set-file <values>',
      'set values from respective files specified via the command line (can specify multiple or separate values with commas: key1=path1,key2=path2)',
      collect,
      [],
    )
    .option(
      '--set-json <values>',
      'set JSON values on the command line (can specify multiple or separate values with commas: key1=jsonval1,key2=jsonval2 or using json format: {"key1": jsonval1, "key2": "jsonval2"})',
      collect,
      [],
    )
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
