// Custom resources served from a CustomResourceDefinition: discovery facts from spec.names,
// no defaults beyond metadata, and the Table from additionalPrinterColumns as
// apiextensions-apiserver's tableconvertor builds it.
import { ageSince } from '../../kube/index.ts';
import { creationTimestampDescription, nameDescription, type TablePrinter } from './printers/tables.ts';
import { buildStrategy } from './strategy.ts';
import type { KubeObject, ResourceInfo, ResourceStrategy, TableColumn } from './types.ts';
import { nameIsDNSSubdomain } from './validation/names.ts';

type Obj = Record<string, any>;

export function strategyForCustomResource(crd: KubeObject, version: string): ResourceStrategy {
  const spec: Obj = crd.spec ?? {};
  const names: Obj = spec.names ?? {};
  const versionSpec: Obj = (spec.versions ?? []).find((v: Obj) => v?.name === version) ?? {};
  const sub: Obj = versionSpec.subresources ?? {};
  const scale: Obj | undefined = sub.scale;
  const info: ResourceInfo = {
    group: String(spec.group ?? ''),
    version,
    kind: String(names.kind ?? ''),
    listKind: String(names.listKind ?? `${names.kind}List`),
    plural: String(names.plural ?? ''),
    singular: String(names.singular ?? String(names.kind ?? '').toLowerCase()),
    namespaced: spec.scope !== 'Cluster',
    shortNames: Array.isArray(names.shortNames) ? names.shortNames.map(String) : [],
    categories: Array.isArray(names.categories) ? names.categories.map(String) : [],
    verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
    subresources: {
      ...(sub.status !== undefined ? { status: true } : {}),
      ...(scale
        ? {
            scale: {
              specReplicasPath: String(scale.specReplicasPath ?? '.spec.replicas'),
              statusReplicasPath: String(scale.statusReplicasPath ?? '.status.replicas'),
              ...(typeof scale.labelSelectorPath === 'string'
                ? { labelSelectorPath: scale.labelSelectorPath }
                : {}),
            },
          }
        : {}),
    },
  };
  const columns: Obj[] = Array.isArray(versionSpec.additionalPrinterColumns)
    ? versionSpec.additionalPrinterColumns
    : [];
  return buildStrategy({
    info,
    validateName: nameIsDNSSubdomain,
    tracksGeneration: true,
    printer: printerForColumns(columns),
  });
}

/** The CRD table: Name, then each additional column (or Age when none are declared). */
function printerForColumns(declared: Obj[]): TablePrinter {
  const defs =
    declared.length > 0
      ? declared
      : [
          {
            name: 'Age',
            type: 'date',
            description: creationTimestampDescription,
            jsonPath: '.metadata.creationTimestamp',
          },
        ];
  const columns: TableColumn[] = [
    { name: 'Name', type: 'string', format: 'name', description: nameDescription, priority: 0 },
    ...defs.map((c) => ({
      name: String(c.name ?? ''),
      type: String(c.type ?? 'string'),
      format: String(c.format ?? ''),
      description: String(c.description ?? ''),
      priority: typeof c.priority === 'number' ? c.priority : 0,
    })),
  ];
  return {
    columns,
    row: (obj, now) => [
      String(obj.metadata?.name ?? ''),
      ...defs.map((c) => {
        const results = evalJSONPath(obj, String(c.jsonPath ?? ''));
        if (results.length === 0 || results[0] === undefined) return null;
        return cell(String(c.type ?? 'string'), results[0], now, results);
      }),
    ],
  };
}

function cell(type: string, value: unknown, now: Date, all: unknown[]): unknown {
  if (value === null) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      if (typeof value !== 'string') return null;
      return Number.isNaN(Date.parse(value)) ? '<invalid>' : ageSince(value, now);
    default:
      // String columns print every match the way kubectl's JSONPath printer joins them.
      return all.map(printJSONValue).join(' ');
  }
}

function printJSONValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * The JSONPath subset printer columns use: `.a.b`, `.a[0]`, `.a[*]`, `.a['b.c']` and filters
 * `[?(@.type=="Ready")]`. Returns every match.
 */
export function evalJSONPath(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  const expr = path.replace(/^\{|\}$/g, '').trim();
  let i = expr.startsWith('$') ? 1 : 0;
  while (i < expr.length) {
    const ch = expr[i];
    if (ch === '.') {
      const m = /^\.([^.[]*)/.exec(expr.slice(i));
      const field = m![1]!;
      i += m![0].length;
      if (field === '') continue;
      current = current.flatMap((v) => (field === '*' ? Object.values(asObj(v)) : member(v, field)));
    } else if (ch === '[') {
      const end = matchBracket(expr, i);
      const inner = expr.slice(i + 1, end).trim();
      i = end + 1;
      current = current.flatMap((v) => subscript(v, inner));
    } else {
      return [];
    }
  }
  return current;
}

function asObj(v: unknown): Obj {
  return typeof v === 'object' && v !== null ? (v as Obj) : {};
}

function member(v: unknown, field: string): unknown[] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return [];
  return Object.hasOwn(v, field) ? [(v as Obj)[field]] : [];
}

function matchBracket(s: string, start: number): number {
  let depth = 0;
  let quote = '';
  for (let i = start; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return s.length;
}

function subscript(v: unknown, inner: string): unknown[] {
  if (inner === '*') return Array.isArray(v) ? v : Object.values(asObj(v));
  const quoted = /^['"](.*)['"]$/.exec(inner);
  if (quoted) return member(v, quoted[1]!);
  if (/^-?\d+$/.test(inner)) {
    if (!Array.isArray(v)) return [];
    const n = Number(inner);
    const item = v[n < 0 ? v.length + n : n];
    return item === undefined ? [] : [item];
  }
  const filter = /^\?\((.*)\)$/.exec(inner);
  if (filter && Array.isArray(v)) {
    const cond = /^@((?:\.[\w-]+)+)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(\S+))$/.exec(filter[1]!.trim());
    if (cond) {
      const [, fieldPath, op, dq, sq, bare] = cond;
      const want = dq ?? sq ?? bare!;
      return v.filter((item) => {
        const got = evalJSONPath(item, fieldPath!)[0];
        const same = got !== undefined && String(got) === want;
        return op === '==' ? same : !same;
      });
    }
    const exists = /^@((?:\.[\w-]+)+)$/.exec(filter[1]!.trim());
    if (exists) return v.filter((item) => evalJSONPath(item, exists[1]!).length > 0);
  }
  return [];
}
