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
    if (format === 'values')
      sub.option('--jsonpath <expr>', 'supply a JSONPath expression to filter the output');
    sub.action(async (args: string[], o: { jsonpath?: string; repo?: string }) => {
      process.stdout.write(await runShow(format, args, o));
    });
  }
}

/** The local part of ChartPathOptions.LocateChart. */
function locateChart(ref: string): string {
  if (existsSync(ref)) return resolve(ref);
  if (ref.startsWith('.') || ref.startsWith('/'))
    throw new UserError(`path ${JSON.stringify(ref)} not found`);
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
    throw new UserError(
      `"helm show ${format}" requires 1 argument\n\nUsage:  helm show ${format} [CHART] [flags]`,
    );
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
      const { sprint } = await import('../../template/index.ts');
      const { marshalJson } = await import('../../chart/save/index.ts');
      let template: ReturnType<typeof parseJsonPath>;
      try {
        template = parseJsonPath(o.jsonpath);
      } catch (e) {
        throw new UserError(`error parsing jsonpath ${o.jsonpath}: ${(e as Error).message}`);
      }
      // Helm ignores the printer's error, so a failed lookup prints nothing
      try {
        out += executeJsonPath(template, chart.values, (v) =>
          v === null || v === undefined
            ? 'null'
            : typeof v === 'object' && !isGoScalar(v)
              ? marshalJson(v)
              : sprint(v),
        );
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

// --- JSONPath (the subset of k8s.io/client-go/util/jsonpath that values lookups use) ---------

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'recursive'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'index'; index: number }
  | { kind: 'slice'; start?: number; end?: number };

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'path'; steps: Step[] }
  | { kind: 'range'; steps: Step[]; body: Node[] };

function isGoScalar(v: object): boolean {
  // bigint-like wrappers (TypedInt) and other Go objects print with fmt, not as JSON
  return (
    !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null
  );
}

function parsePath(expr: string): Step[] {
  let s = expr.trim();
  if (s.startsWith('$') || s.startsWith('@')) s = s.slice(1);
  const steps: Step[] = [];
  let i = 0;
  const ident = () => {
    const m = /^[A-Za-z0-9_\-/]*/.exec(s.slice(i))![0];
    i += m.length;
    return m;
  };
  while (i < s.length) {
    if (s.startsWith('..', i)) {
      i += 2;
      steps.push({ kind: 'recursive', name: ident() });
    } else if (s[i] === '.') {
      i++;
      if (s[i] === '*') {
        i++;
        steps.push({ kind: 'wildcard' });
      } else {
        const name = ident();
        if (name !== '') steps.push({ kind: 'field', name });
      }
    } else if (s[i] === '[') {
      const close = s.indexOf(']', i);
      if (close < 0) throw new Error('unterminated array');
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(inner);
      if (quoted) steps.push({ kind: 'field', name: quoted[1] ?? quoted[2]! });
      else if (inner === '*') steps.push({ kind: 'wildcard' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else {
        const m = /^(-?\d+)?:(-?\d+)?$/.exec(inner);
        if (!m) throw new Error(`invalid array index ${inner}`);
        steps.push({
          kind: 'slice',
          start: m[1] === undefined ? undefined : Number(m[1]),
          end: m[2] === undefined ? undefined : Number(m[2]),
        });
      }
    } else {
      throw new Error(
        `unrecognized character in action: U+${s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')} '${s[i]}'`,
      );
    }
  }
  return steps;
}

/** Parses a JSONPath template: text with {actions}, including {range ...}{end}. */
export function parseJsonPath(text: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) {
      stack.at(-1)!.push({ kind: 'text', text: text.slice(i) });
      break;
    }
    if (open > i) stack.at(-1)!.push({ kind: 'text', text: text.slice(i, open) });
    const close = text.indexOf('}', open);
    if (close < 0) throw new Error('unclosed action');
    const action = text.slice(open + 1, close).trim();
    i = close + 1;
    if (action === 'end') {
      if (stack.length === 1) throw new Error('not in range, nothing to end');
      stack.pop();
    } else if (action.startsWith('range ')) {
      const node: Node = { kind: 'range', steps: parsePath(action.slice(6)), body: [] };
      stack.at(-1)!.push(node);
      stack.push(node.body);
    } else {
      stack.at(-1)!.push({ kind: 'path', steps: parsePath(action) });
    }
  }
  return root;
}

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === 'object' && !isGoScalar(v)) {
    const m = v as Record<string, unknown>;
    return Object.keys(m)
      .sort()
      .map((k) => m[k]);
  }
  return [];
}

function walk(values: unknown[], step: Step): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    switch (step.kind) {
      case 'field': {
        if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, step.name)) {
          throw new Error(`${step.name} is not found`);
        }
        out.push((v as Record<string, unknown>)[step.name]);
        break;
      }
      case 'wildcard':
        out.push(...children(v));
        break;
      case 'recursive': {
        const visit = (x: unknown) => {
          if (x !== null && typeof x === 'object' && !Array.isArray(x) && !isGoScalar(x)) {
            if (Object.hasOwn(x, step.name)) out.push((x as Record<string, unknown>)[step.name]);
          }
          for (const c of children(x)) visit(c);
        };
        visit(v);
        break;
      }
      case 'index': {
        if (!Array.isArray(v)) throw new Error('not an array');
        const idx = step.index < 0 ? v.length + step.index : step.index;
        if (idx < 0 || idx >= v.length) throw new Error(`array index out of bounds: index ${step.index}`);
        out.push(v[idx]);
        break;
      }
      case 'slice': {
        if (!Array.isArray(v)) throw new Error('not an array');
        const norm = (n: number | undefined, d: number) =>
          n === undefined ? d : Math.min(Math.max(n < 0 ? v.length + n : n, 0), v.length);
        out.push(...v.slice(norm(step.start, 0), norm(step.end, v.length)));
        break;
      }
    }
  }
  return out;
}

function evaluate(steps: Step[], data: unknown): unknown[] {
  return steps.reduce<unknown[]>((acc, step) => walk(acc, step), [data]);
}

/** Executes a parsed template over `data`; any failed lookup throws and nothing is printed. */
export function executeJsonPath(nodes: Node[], data: unknown, text: (v: unknown) => string): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'path') out += evaluate(n.steps, data).map(text).join(' ');
    else for (const item of evaluate(n.steps, data)) out += executeJsonPath(n.body, item, text);
  }
  return out;
}
