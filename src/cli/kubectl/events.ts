/**
 * `kubectl events`: the events of a namespace (or all, or of one object with `--for`), oldest
 * first, in kubectl's own LAST SEEN / TYPE / REASON / OBJECT / MESSAGE table or a generic printer.
 * kubectl reads them with its typed client, so `-o json` follows corev1.Event's field order and
 * carries the zero values Go writes (`"eventTime": null`, `"reportingInstance": ""`).
 */
import { humanDuration } from '../../kube/index.ts';
import { alignTabs, OutputFormatError, parseOutputFormat, typedJsonText } from '../../kube/printers/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { printFlags, printGeneric, stripManagedFields } from './get.ts';
import { typedSchemaFor } from './objects.ts';
import { KubectlError, runCommand, type Session } from './session.ts';

type Obj = Record<string, any>;

const eventsFlags: FlagSpec[] = [
  ...printFlags,
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'for', type: 'string' },
  { name: 'types', type: 'stringArray' },
  { name: 'no-headers', type: 'bool' },
  { name: 'chunk-size', type: 'int', default: 500 },
];

/** The printers kubectl's PrintFlags offer `events` (no table formats: the table is its own). */
const eventFormats = [
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'kyaml',
  'name',
  'template',
  'templatefile',
  'yaml',
];

/** The time an event sorts by: its series' last sighting, else lastTimestamp, else eventTime. */
function eventTime(e: Obj): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
  return t ? Date.parse(t) : Number.NEGATIVE_INFINITY;
}

function since(time: string | null | undefined, now: number): string {
  return time ? humanDuration(now - Date.parse(time)) : '<unknown>';
}

/** The LAST SEEN cell: `5s`, or `5s (x3 over 2m)` for a repeated event. */
function interval(e: Obj, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

/** kubectl 1.35 prints cells as they are (a message's line break starts a new tabwriter line). */
function cell(text: unknown): string {
  return String(text ?? '');
}

/** corev1.Event as encoding/json writes it: the struct's non-omitempty zero values included. */
function typedEvent(e: Obj): Obj {
  return {
    kind: 'Event',
    apiVersion: 'v1',
    ...e,
    involvedObject: e.involvedObject ?? {},
    source: e.source ?? {},
    firstTimestamp: e.firstTimestamp ?? null,
    lastTimestamp: e.lastTimestamp ?? null,
    eventTime: e.eventTime ?? null,
    reportingComponent: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
  };
}

/** `--for TYPE/NAME`: the kind and name to select on (decodeResourceTypeName's rules). */
async function forObject(session: Session, text: string): Promise<{ kind: string; name: string }> {
  if (!text.includes('/')) throw new KubectlError('error: --for must be in resource/name form');
  const parts = text.split('/');
  if (parts.length !== 2)
    throw new KubectlError('error: arguments in resource/name form may not have more than one slash');
  const [type, name] = parts;
  try {
    const resource = await session.discovery.mappingFor(type);
    return { kind: resource.kind, name };
  } catch (e) {
    // the RESTMapper's NoResourceMatchError goes out without kubectl's `error: ` prefix
    if (e instanceof Error && /doesn't have a resource type/.test(e.message))
      throw new KubectlError(e.message);
    throw e;
  }
}

async function listEvents(
  session: Session,
  namespace: string | undefined,
  fieldSelector: string,
): Promise<Obj[]> {
  const items: Obj[] = [];
  let cont = '';
  do {
    const query = new URLSearchParams({ limit: '500' });
    if (fieldSelector) query.set('fieldSelector', fieldSelector);
    if (cont) query.set('continue', cont);
    const base = namespace ? `/api/v1/namespaces/${namespace}/events` : '/api/v1/events';
    const list = await session.rest.json('GET', `${base}?${query}`);
    items.push(...(list.items ?? []));
    cont = list.metadata?.continue ?? '';
  } while (cont);
  return items;
}

async function printEvents(flags: Flags, events: Obj[], allNamespaces: boolean): Promise<string> {
  const output = flags.str('output');
  if (output) {
    const format = parseOutputFormat(output, eventFormats);
    const items = flags.bool('show-managed-fields') ? events : events.map(stripManagedFields);
    const list = { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: items.map(typedEvent) };
    // the printer's error is dropped by kubectl (`-o name` of the list prints nothing)
    if (format.kind === 'name') return '';
    if (format.kind === 'json') return typedJsonText(list, await typedSchemaFor('v1', 'EventList'));
    return printGeneric(flags, format, [list], true, []);
  }
  const now = Date.now();
  const lines: string[] = [];
  if (!flags.bool('no-headers'))
    lines.push(`${allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE`);
  for (const e of events) {
    const object = `${cell(e.involvedObject?.kind)}/${cell(e.involvedObject?.name)}`;
    const row = [
      interval(e, now),
      cell(e.type),
      cell(e.reason),
      object,
      cell(String(e.message ?? '').trim()),
    ];
    lines.push(`${allNamespaces ? `${e.metadata?.namespace ?? ''}\t` : ''}${row.join('\t')}`);
  }
  return alignTabs(`${lines.join('\n')}\n`);
}

export function runEvents(argv: string[]): Promise<void> {
  return runCommand('events', argv, eventsFlags, async (flags, session) => {
    const s = session();
    const allNamespaces = flags.bool('all-namespaces');
    let target: { kind: string; name: string } | undefined;
    if (flags.str('for')) target = await forObject(s, flags.str('for'));
    if (flags.str('output')) {
      try {
        parseOutputFormat(flags.str('output'), eventFormats);
      } catch (e) {
        if (e instanceof OutputFormatError) throw new KubectlError(`error: ${e.message}`);
        throw e;
      }
    }
    // --types is a StringSlice: comma-separated words, deduplicated and sorted
    const types = [...new Set(flags.list('types').flatMap((t) => t.split(',')))].sort();
    for (const t of types)
      if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning')
        throw new KubectlError('error: valid --types are Normal or Warning');
    if (flags.bool('watch'))
      throw new KubectlError('error: bosun kubectl events does not support --watch yet', 2);
    const selector = target ? `involvedObject.kind=${target.kind},involvedObject.name=${target.name}` : '';
    const all = await listEvents(s, allNamespaces ? undefined : s.namespace, selector);
    const shown = all.filter(
      (e) => types.length === 0 || types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase()),
    );
    if (shown.length === 0) {
      process.stderr.write(
        allNamespaces ? 'No events found.\n' : `No events found in ${s.namespace} namespace.\n`,
      );
      return 0;
    }
    // sort.Sort over at most 12 items is an insertion sort, which keeps equal times in list order
    const sorted = shown
      .map((e, i) => ({ e, i, t: eventTime(e) }))
      .sort((a, b) => a.t - b.t || a.i - b.i)
      .map(({ e }) => e);
    process.stdout.write(await printEvents(flags, sorted, allNamespaces));
    return 0;
  });
}
