/**
 * `kubectl api-resources`: the server's preferred resources (one version per group), filtered by
 * group, scope, verbs and categories, stably sorted by group (or `--sort-by` name|kind) with the
 * name breaking ties, printed as a table, `-o wide`, `-o name` or an `APIResourceList`.
 */
import { type ApiResource, apiVersionOf } from '../../kube/client/index.ts';
import { alignTabs, yamlText } from '../../kube/printers/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { KubectlError, runCommand, type Session } from './session.ts';

const specs: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'no-headers', type: 'bool' },
  { name: 'api-group', type: 'string' },
  { name: 'namespaced', type: 'bool', default: true },
  { name: 'verbs', type: 'stringArray' },
  { name: 'categories', type: 'stringArray' },
  { name: 'sort-by', type: 'string' },
  { name: 'cached', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
];

const allowedFormats = ['json', 'kyaml', 'name', 'wide', 'yaml'];

/** pflag's StringSlice: each occurrence is a comma-separated list. */
function sliceFlag(flags: Flags, name: string): string[] {
  return flags.list(name).flatMap((v) => (v === '' ? [] : v.split(',')));
}

/** Go's fmt of a []string slice inside `%v`-free joins: plain comma joins, as kubectl prints them. */
function row(r: ApiResource, wide: boolean): string {
  const cells = [r.resource, r.shortNames.join(','), apiVersionOf(r), String(r.namespaced), r.kind];
  if (wide) cells.push(r.verbs.join(','), r.categories.join(','));
  return cells.join('\t');
}

/** metav1.APIResource as JSON, fields in Go's struct order, empty ones omitted. */
function apiResourceObject(r: ApiResource): Record<string, unknown> {
  const o: Record<string, unknown> = {
    name: r.resource,
    singularName: r.singular,
    namespaced: r.namespaced,
  };
  if (r.group) o.group = r.group;
  if (r.version) o.version = r.version;
  o.kind = r.kind;
  o.verbs = r.verbs;
  if (r.shortNames.length > 0) o.shortNames = r.shortNames;
  if (r.categories.length > 0) o.categories = r.categories;
  return o;
}

export function selectResources(
  all: ApiResource[],
  filter: { group?: string; namespaced?: boolean; verbs: string[]; categories: string[] },
): ApiResource[] {
  return all.filter(
    (r) =>
      r.verbs.length > 0 &&
      (filter.group === undefined || r.group === filter.group) &&
      (filter.namespaced === undefined || r.namespaced === filter.namespaced) &&
      filter.verbs.every((v) => r.verbs.includes(v)) &&
      filter.categories.every((c) => r.categories.includes(c)),
  );
}

/** Go's strings.Compare on byte order. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortResources(list: ApiResource[], sortBy: string): ApiResource[] {
  const key = (r: ApiResource) => (sortBy === 'name' ? r.resource : sortBy === 'kind' ? r.kind : r.group);
  // Array.prototype.sort is stable, as sort.Stable is
  return [...list].sort((a, b) => compare(key(a), key(b)) || compare(a.resource, b.resource));
}

async function apiResources(flags: Flags, session: () => Session): Promise<number> {
  if (flags.args.length > 0)
    throw new KubectlError(
      `error: unexpected arguments: [${flags.args.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`,
    );
  const output = flags.str('output');
  if (output && !allowedFormats.includes(output))
    throw new KubectlError(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${allowedFormats.join(',')}`,
    );
  if (output === 'kyaml')
    throw new KubectlError('error: the kyaml output format is not supported by bosun kubectl');
  const sortBy = flags.str('sort-by');
  if (sortBy && sortBy !== 'name' && sortBy !== 'kind')
    throw new KubectlError('error: --sort-by accepts only name or kind');

  const preferred = await session().discovery.preferredResources();
  const selected = sortResources(
    selectResources(preferred, {
      group: flags.changed('api-group') ? flags.str('api-group') : undefined,
      namespaced: flags.changed('namespaced') ? flags.bool('namespaced') : undefined,
      verbs: sliceFlag(flags, 'verbs'),
      categories: sliceFlag(flags, 'categories'),
    }),
    sortBy,
  );

  if (output === 'json' || output === 'yaml') {
    const list = {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: '',
      resources: selected.map(apiResourceObject),
    };
    // JSON keeps Go's struct field order (the YAML printer sorts keys)
    process.stdout.write(output === 'json' ? `${JSON.stringify(list, null, 4)}\n` : yamlText(list));
    return 0;
  }
  if (output === 'name') {
    process.stdout.write(
      selected.map((r) => `${r.group ? `${r.resource}.${r.group}` : r.resource}\n`).join(''),
    );
    return 0;
  }
  const wide = output === 'wide';
  const lines: string[] = [];
  if (!flags.bool('no-headers'))
    lines.push(
      [
        'NAME',
        'SHORTNAMES',
        'APIVERSION',
        'NAMESPACED',
        'KIND',
        ...(wide ? ['VERBS', 'CATEGORIES'] : []),
      ].join('\t'),
    );
  for (const r of selected) lines.push(row(r, wide));
  if (lines.length > 0) process.stdout.write(alignTabs(`${lines.join('\n')}\n`));
  return 0;
}

export function runApiResources(argv: string[]): Promise<void> {
  return runCommand('api-resources', argv, specs, apiResources);
}
