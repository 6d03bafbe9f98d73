/**
 * `kubectl get`: server-side Tables for the human-readable output (one group per resource type,
 * `kind/name` when several types are printed, a blank line between groups), the generic printers
 * (yaml, json, name, jsonpath, custom-columns, go-template) over one object or a `List`, and
 * `--watch` streaming rows until the request timeout.
 */
import { readFileSync } from 'node:fs';
import {
  type ApiResource,
  ApiStatusError,
  apiVersionOf,
  groupKindLower,
  resourcePath,
  statusFromReply,
} from '../../kube/client/index.ts';
import {
  alignTabs,
  customColumnsLines,
  goTemplateOutput,
  jsonPathOutput,
  jsonText,
  listOf,
  type OutputFormat,
  parseCustomColumns,
  parseCustomColumnsFile,
  parseOutputFormat,
  type Table,
  type TablePrintOptions,
  tableLines,
  yamlText,
} from '../../kube/printers/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { readManifests, resolveResourceArgs, type Target } from './resources.ts';
import { errorText, KubectlError, runCommand, type Session } from './session.ts';

export const printFlags: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'show-managed-fields', type: 'bool' },
];

const getFlags: FlagSpec[] = [
  ...printFlags,
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'output-watch-events', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'show-kind', type: 'bool' },
  { name: 'label-columns', short: 'L', type: 'stringArray' },
  { name: 'no-headers', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'chunk-size', type: 'int', default: 500 },
  { name: 'sort-by', type: 'string' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'raw', type: 'string' },
  { name: 'subresource', type: 'string' },
  { name: 'server-print', type: 'bool', default: true },
];

const tableAccept =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** One request's result: a table (human-readable) or objects (generic printers). */
interface Fetched {
  resource: ApiResource;
  table?: Table;
  objects: Record<string, any>[];
}

export function stripManagedFields(obj: any): any {
  if (obj?.metadata?.managedFields === undefined) return obj;
  const { managedFields: _, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** Items of a list with the kind and apiVersion a client fills in. */
export function listItems(list: any, resource: ApiResource): Record<string, any>[] {
  return (list.items ?? []).map((item: any) => ({
    apiVersion: item.apiVersion ?? apiVersionOf(resource),
    kind: item.kind ?? resource.kind,
    ...item,
  }));
}

/** Prints objects with a generic printer: the object when one was named, else a List. */
export function printGeneric(
  flags: Flags,
  format: OutputFormat,
  objects: Record<string, any>[],
  single: boolean,
  resources: ApiResource[],
): string {
  const shown = flags.bool('show-managed-fields') ? objects : objects.map(stripManagedFields);
  const data = single && shown.length === 1 ? shown[0] : listOf(shown);
  const allowMissing = flags.bool('allow-missing-template-keys');
  switch (format.kind) {
    case 'json':
      return jsonText(data);
    case 'yaml':
      return yamlText(data);
    case 'name':
      return objects
        .map((o, i) => `${groupKindLower(resources[i] ?? { group: '', kind: o.kind })}/${o.metadata?.name}\n`)
        .join('');
    case 'jsonpath':
    case 'jsonpath-file':
    case 'jsonpath-as-json': {
      const template =
        format.kind === 'jsonpath-file'
          ? readFileSync(format.arg, 'utf8')
          : format.arg || flags.str('template');
      if (!template) throw new KubectlError('error: template format specified but no template given');
      return jsonPathOutput(template, data, allowMissing);
    }
    case 'go-template':
    case 'template':
    case 'go-template-file':
    case 'templatefile': {
      const file = format.kind === 'go-template-file' || format.kind === 'templatefile';
      const template = file ? readFileSync(format.arg, 'utf8') : format.arg || flags.str('template');
      if (!template) throw new KubectlError('error: template format specified but no template given');
      return goTemplateOutput(template, data, allowMissing);
    }
    case 'custom-columns':
    case 'custom-columns-file': {
      const columns =
        format.kind === 'custom-columns'
          ? parseCustomColumns(format.arg)
          : parseCustomColumnsFile(readFileSync(format.arg, 'utf8'));
      return alignTabs(`${customColumnsLines(shown, columns, flags.bool('no-headers')).join('\n')}\n`);
    }
    default:
      throw new KubectlError(`error: unsupported output format ${format.kind}`);
  }
}

/** `apps/v1, Resource=deployments`: client-go's GroupVersionResource.String(). */
function gvrText(r: ApiResource): string {
  return `${r.group}/${r.version}, Resource=${r.resource}`;
}

const knownReasons = new Set([
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'AlreadyExists',
  'Conflict',
  'Gone',
  'Invalid',
  'ServerTimeout',
  'StoreReadError',
  'Timeout',
  'TooManyRequests',
  'BadRequest',
  'MethodNotAllowed',
  'NotAcceptable',
  'RequestEntityTooLarge',
  'UnsupportedMediaType',
  'InternalError',
  'Expired',
  'ServiceUnavailable',
]);

/**
 * cli-runtime's EnhanceListError: a list refused as not found or bad request names what was
 * listed (`Unable to list "apps/v1, Resource=deployments": ...`), and the selectors when given.
 */
function enhanceListError(e: unknown, r: ApiResource, labelSelector: string, fieldSelector: string): unknown {
  if (!(e instanceof ApiStatusError)) return e;
  const { reason, code } = e;
  const unknownReason = !knownReasons.has(reason);
  const notFound = reason === 'NotFound' || (unknownReason && code === 404);
  const badRequest = reason === 'BadRequest' || (unknownReason && code === 400);
  if (!notFound && !badRequest) return e;
  const message =
    labelSelector || fieldSelector
      ? `Unable to find "${gvrText(r)}" that match label selector "${labelSelector}", field selector "${fieldSelector}": ${e.status.message}`
      : `Unable to list "${gvrText(r)}": ${e.status.message}`;
  return new ApiStatusError({ ...e.status, message });
}

async function fetchTarget(
  session: Session,
  flags: Flags,
  target: Target,
  namespace: string | undefined,
  asTable: boolean,
): Promise<Fetched> {
  const { resource, name } = target;
  const accept = asTable ? tableAccept : 'application/json';
  if (name !== undefined) {
    const obj = await session.rest.json('GET', resourcePath(resource, { namespace, name }), { accept });
    if (obj?.kind === 'Table') return { resource, table: obj, objects: [] };
    return { resource, objects: [obj] };
  }
  const query = {
    labelSelector: flags.str('selector') || undefined,
    fieldSelector: flags.str('field-selector') || undefined,
    limit: flags.int('chunk-size') || undefined,
  };
  let table: Table | undefined;
  const objects: Record<string, any>[] = [];
  let next: string | undefined;
  do {
    const page = await session.rest
      .json('GET', resourcePath(resource, { namespace }), { accept, query: { ...query, continue: next } })
      .catch((e: unknown) => {
        throw enhanceListError(e, resource, query.labelSelector ?? '', query.fieldSelector ?? '');
      });
    if (page?.kind === 'Table') {
      if (!table) table = page;
      else table.rows.push(...page.rows);
    } else objects.push(...listItems(page, resource));
    next = page?.metadata?.continue || undefined;
  } while (next);
  return { resource, table, objects };
}

async function targetsOf(session: Session, flags: Flags) {
  const files = flags.list('filename');
  if (files.length > 0) {
    const manifests = readManifests(files, flags.bool('recursive'));
    const targets: (Target & { namespace?: string })[] = [];
    for (const m of manifests) {
      const resource = await session.discovery.forKind(m.object.apiVersion, m.object.kind);
      targets.push({
        resource,
        name: m.object.metadata?.name,
        namespace: resource.namespaced ? (m.object.metadata?.namespace ?? session.namespace) : undefined,
      });
    }
    return { targets, singleItem: targets.length === 1 };
  }
  const resolved = await resolveResourceArgs(session, flags.args, {
    selector: Boolean(flags.str('selector').trim() || flags.str('field-selector').trim()),
    singleType: flags.bool('watch') || flags.bool('watch-only'),
  });
  return {
    targets: resolved.targets as (Target & { namespace?: string })[],
    singleItem: resolved.singleItem,
  };
}

/**
 * `get --raw URI`: the body of a GET of that request URI, as the server sent it. Go's
 * url.ParseRequestURI accepts an absolute path or an absolute URL; kubectl sends its path and query.
 */
async function getRaw(flags: Flags, sessionOf: () => Session): Promise<number> {
  const raw = flags.str('raw');
  if (flags.args.length > 0)
    throw new KubectlError('error: arguments may not be passed when --raw is specified');
  if (flags.bool('watch') || flags.bool('watch-only') || flags.str('selector'))
    throw new KubectlError(
      'error: --raw may not be specified with other flags that filter the server request or alter the output',
    );
  if (flags.str('output')) throw new KubectlError('error: --raw and --output are mutually exclusive');
  let uri = raw;
  if (!raw.startsWith('/')) {
    const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(raw) ? URL.parse(raw) : null;
    if (!absolute)
      throw new KubectlError(
        `error: --raw must be a valid URL path: parse "${raw}": invalid URI for request`,
      );
    uri = `${absolute.pathname}${absolute.search}`;
  }
  // The query stays in the path: RestClient.url keeps what the URI carries.
  const reply = await sessionOf().rest.request('GET', uri);
  if (reply.status < 200 || reply.status > 299) throw new ApiStatusError(statusFromReply(reply));
  process.stdout.write(reply.text);
  return 0;
}

async function runGetBody(flags: Flags, sessionOf: () => Session): Promise<number> {
  if (flags.str('raw')) return getRaw(flags, sessionOf);
  const format = parseOutputFormat(flags.str('output'));
  if (flags.bool('show-labels') && format.kind !== 'table' && format.kind !== 'wide')
    throw new KubectlError(`error: --show-labels option cannot be used with ${flags.str('output')} printer`);
  const humanReadable = (format.kind === 'table' && !flags.str('template')) || format.kind === 'wide';
  const watching = flags.bool('watch') || flags.bool('watch-only');
  if (flags.bool('output-watch-events') && !watching)
    throw new KubectlError(
      "error: --output-watch-events option can only be used with --watch or --watch-only\nSee 'kubectl get -h' for help and examples",
    );
  if (flags.args.length === 0 && flags.list('filename').length === 0 && !watching) {
    process.stderr.write(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
    );
    throw new KubectlError(
      'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
    );
  }
  const session = sessionOf();
  const allNamespaces = flags.bool('all-namespaces');
  const { targets, singleItem } = await targetsOf(session, flags);
  const namespaceOf = (t: Target & { namespace?: string }) =>
    !t.resource.namespaced
      ? undefined
      : (t.namespace ?? (allNamespaces && t.name === undefined ? undefined : session.namespace));

  if (watching) return watch(session, flags, targets, namespaceOf, humanReadable, format);

  const errors: unknown[] = [];
  const fetched: Fetched[] = [];
  const results = await Promise.allSettled(
    targets.map((t) => fetchTarget(session, flags, t, namespaceOf(t), humanReadable)),
  );
  for (const r of results) {
    if (r.status === 'fulfilled') fetched.push(r.value);
    else if (!(flags.bool('ignore-not-found') && r.reason instanceof ApiStatusError && r.reason.code === 404))
      errors.push(r.reason);
  }

  if (!humanReadable) {
    if (singleItem && errors.length > 0) throw errors[0];
    const objects = fetched.flatMap((f) => f.objects);
    const resources = fetched.flatMap((f) => f.objects.map(() => f.resource));
    if (!(objects.length === 0 && flags.bool('ignore-not-found')))
      process.stdout.write(printGeneric(flags, format, objects, singleItem, resources));
    for (const e of errors) process.stderr.write(`${errorText(e)}\n`);
    return errors.length > 0 ? 1 : 0;
  }

  const withKind = flags.bool('show-kind') || new Set(fetched.map((f) => f.resource)).size > 1;
  const columnLabels = flags
    .list('label-columns')
    .flatMap((l) => l.split(','))
    .filter(Boolean);
  let written = 0;
  let allNamespaced = !allNamespaces;
  let group: string[] = [];
  let lastResource: ApiResource | undefined;
  let lastColumns = '';
  let separator = false;
  // kubectl's printer copies share its human-readable flags, so once a namespaced type has been
  // printed with the NAMESPACE column every later type has it too (cluster-scoped rows blank)
  let namespaceColumn = false;
  const flush = () => {
    if (group.length === 0) return;
    const text = alignTabs(`${group.join('\n')}\n`);
    if (separator) process.stdout.write('\n');
    separator = false;
    process.stdout.write(text);
    written += text.length;
    group = [];
  };
  for (const f of fetched) {
    allNamespaced &&= f.resource.namespaced;
    if (f.resource !== lastResource) {
      flush();
      if (lastResource && !flags.bool('no-headers') && written > 0) separator = true;
      lastResource = f.resource;
      lastColumns = '';
      namespaceColumn ||= allNamespaces && f.resource.namespaced;
    }
    if (!f.table) continue;
    const columns = JSON.stringify(f.table.columnDefinitions);
    const options: TablePrintOptions = {
      wide: format.kind === 'wide',
      noHeaders: flags.bool('no-headers') || (lastColumns === columns && group.length > 0),
      showLabels: flags.bool('show-labels'),
      columnLabels,
      withNamespace: namespaceColumn,
      kindPrefix: withKind ? groupKindLower(f.resource) : undefined,
    };
    if (f.table.rows.length > 0) lastColumns = columns;
    group.push(...tableLines(f.table, options));
  }
  flush();
  if (written === 0 && !flags.bool('ignore-not-found') && errors.length === 0) {
    process.stderr.write(
      allNamespaced ? `No resources found in ${session.namespace} namespace.\n` : 'No resources found\n',
    );
  }
  for (const e of errors) process.stderr.write(`${errorText(e)}\n`);
  return errors.length > 0 ? 1 : 0;
}

async function watch(
  session: Session,
  flags: Flags,
  targets: (Target & { namespace?: string })[],
  namespaceOf: (t: Target & { namespace?: string }) => string | undefined,
  humanReadable: boolean,
  format: OutputFormat,
): Promise<number> {
  if (new Set(targets.map((t) => t.resource)).size > 1)
    throw new KubectlError('error: you may only specify a single resource type');
  // kubectl reads every named object before it watches: a missing one ends the command
  for (const t of targets) {
    if (t.name === undefined) continue;
    try {
      await session.rest.json('GET', resourcePath(t.resource, { namespace: namespaceOf(t), name: t.name }));
    } catch (e) {
      if (flags.bool('ignore-not-found') && e instanceof ApiStatusError && e.code === 404) return 0;
      throw e;
    }
  }
  const target = targets[0];
  const namespace = namespaceOf(target);
  const allNamespaces = flags.bool('all-namespaces');
  const events = flags.bool('output-watch-events');
  const remembered: number[] = [];
  let columns: Table['columnDefinitions'] | undefined;
  let headerPrinted = false;
  const printTable = (table: Table, eventType?: string) => {
    if (table.columnDefinitions?.length) columns = table.columnDefinitions;
    const t: Table = { columnDefinitions: columns ?? [], rows: table.rows ?? [] };
    const options: TablePrintOptions = {
      wide: format.kind === 'wide',
      noHeaders: flags.bool('no-headers') || headerPrinted,
      showLabels: flags.bool('show-labels'),
      columnLabels: flags
        .list('label-columns')
        .flatMap((l) => l.split(','))
        .filter(Boolean),
      withNamespace: allNamespaces && target.resource.namespaced,
    };
    let lines = tableLines(t, options);
    if (lines.length === 0) return;
    if (events) {
      lines = lines.map((l, i) =>
        i === 0 && !options.noHeaders ? `EVENT\t${l}` : `${eventType ?? 'ADDED'}\t${l}`,
      );
    }
    if (t.rows.length > 0) headerPrinted = true;
    process.stdout.write(alignTabs(`${lines.join('\n')}\n`, undefined, remembered));
  };
  const printObject = (obj: any) => {
    const single = target.name !== undefined;
    process.stdout.write(printGeneric(flags, format, [obj], true, [target.resource]));
    if (!single && format.kind === 'json') return;
  };

  const accept = humanReadable ? tableAccept : 'application/json';
  const query: Record<string, string | undefined> = {
    labelSelector: flags.str('selector') || undefined,
    fieldSelector: flags.str('field-selector') || (target.name ? `metadata.name=${target.name}` : undefined),
  };
  const initial = await session.rest.json('GET', resourcePath(target.resource, { namespace }), {
    accept,
    query,
  });
  if (!flags.bool('watch-only')) {
    if (initial.kind === 'Table') {
      if (events)
        for (const row of initial.rows)
          printTable({ columnDefinitions: initial.columnDefinitions, rows: [row] });
      else printTable(initial);
      if (!initial.rows?.length) columns = initial.columnDefinitions;
    } else for (const o of listItems(initial, target.resource)) printObject(o);
  } else if (initial.kind === 'Table') columns = initial.columnDefinitions;
  const timeoutSeconds = session.requestTimeoutMs ? Math.ceil(session.requestTimeoutMs / 1000) : undefined;
  const stream = session.rest.watch(resourcePath(target.resource, { namespace }), {
    accept,
    query: { ...query, resourceVersion: initial.metadata?.resourceVersion, timeoutSeconds },
    timeoutMs: session.requestTimeoutMs || undefined,
  });
  try {
    for await (const ev of stream) {
      if (ev.type === 'BOOKMARK') continue;
      if (ev.type === 'ERROR') throw new ApiStatusError(ev.object);
      if (ev.object?.kind === 'Table') printTable(ev.object, ev.type);
      else printObject(ev.object);
    }
  } catch (e) {
    if (!(e instanceof Error && /deadline|aborted|socket hang up/.test(e.message))) throw e;
  }
  return 0;
}

export function runGet(argv: string[]): Promise<void> {
  return runCommand('get', argv, getFlags, runGetBody);
}
