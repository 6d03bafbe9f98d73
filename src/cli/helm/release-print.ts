/**
 * What helm prints about releases: the status block (install, status, get all), the list and
 * history tables (gosuri/uitable), and JSON/YAML as output.EncodeJSON/EncodeYAML write them
 * (json.Encoder: compact, one newline; sigs.k8s.io/yaml: via JSON, keys sorted).
 */
import { alignTabs, type Table, tableLines } from '../../kube/printers/index.ts';
import type { Release } from '../../release/index.ts';
import { decodeJson, encodeJson, encodeYaml, type GoMap } from '../../template/index.ts';
import type { OutputFormat } from './release-flags.ts';

type ReleaseRoom = typeof import('../../release/index.ts');

export { encodeJson };

/** json.Encoder.Encode: HTML-escaped, compact, newline. */
export function jsonLine(json: string): string {
  return `${json}\n`;
}

/** sigs.k8s.io/yaml.Marshal of something json.Marshal wrote as `json`. */
export function yamlOf(json: string): string {
  return encodeYaml(decodeJson(json));
}

export function formatted(json: string, format: OutputFormat): string {
  return format === 'yaml' ? yamlOf(json) : jsonLine(json);
}

export interface StatusOptions {
  showMetadata: boolean;
  debug: boolean;
  hideNotes: boolean;
  /** the RESOURCES block, already rendered */
  resources?: string;
}

/** statusPrinter.WriteTable. */
export function statusText(
  room: ReleaseRoom,
  r: Release,
  o: StatusOptions,
  computedValues?: GoMap | null,
): string {
  let out = `NAME: ${r.name}\n`;
  if (r.info.lastDeployed) out += `LAST DEPLOYED: ${room.formatAnsic(r.info.lastDeployed)}\n`;
  out += `NAMESPACE: ${r.namespace}\n`;
  out += `STATUS: ${r.info.status}\n`;
  out += `REVISION: ${r.version}\n`;
  if (o.showMetadata) {
    const md = room.chartMetadata(r);
    out += `CHART: ${md.name ?? ''}\nVERSION: ${md.version ?? ''}\nAPP_VERSION: ${md.appVersion ?? ''}\n`;
  }
  out += `DESCRIPTION: ${r.info.description}\n`;
  if (o.resources) out += `RESOURCES:\n${o.resources}\n`;
  const tests = r.hooks.filter((h) => h.events.includes('test'));
  if (tests.length === 0) out += 'TEST SUITE: None\n';
  else
    for (const h of tests) {
      if (!h.lastRun.startedAt) continue;
      out += `TEST SUITE:     ${h.name}\nLast Started:   ${room.formatAnsic(h.lastRun.startedAt)}\nLast Completed: ${h.lastRun.completedAt ? room.formatAnsic(h.lastRun.completedAt) : 'Mon Jan  1 00:00:00 0001'}\nPhase:          ${h.lastRun.phase}\n`;
    }
  if (o.debug) {
    out += `USER-SUPPLIED VALUES:\n${encodeYaml(r.config)}\n`;
    out += `COMPUTED VALUES:\n${encodeYaml(computedValues ?? r.config)}\n`;
  }
  if (r.info.description.toLowerCase() === 'dry run complete' || o.debug) {
    out += 'HOOKS:\n';
    for (const h of r.hooks) out += `---\n# Source: ${h.path}\n${h.manifest}\n`;
    out += `MANIFEST:\n${r.manifest}\n`;
  }
  if (!o.hideNotes && r.info.notes.length > 0) out += `NOTES:\n${r.info.notes.trim()}\n`;
  return out;
}

/** go-runewidth's StringWidth, for the text helm prints: control characters take no room. */
function textWidth(s: string): number {
  let n = 0;
  for (const ch of s) if (ch >= ' ' && ch !== '\x7f') n++;
  return n;
}

/** runewidth.Truncate: whole if it fits, else cut to leave room for `...`. */
function truncate(s: string, width: number): string {
  if (textWidth(s) <= width) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const w = textWidth(ch);
    if (used + w > width - 3) break;
    out += ch;
    used += w;
  }
  return `${out}...`;
}

/**
 * gosuri/uitable as helm uses it, plus the newline output.EncodeTable adds: a column is as wide
 * as its widest line, and a cell of several lines (an error in a description) is cut to that.
 */
export function uiTable(rows: string[][]): string {
  const lineWidth = (s: string) => Math.max(...s.split('\n').map(textWidth));
  const cols = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(...rows.map((r) => lineWidth(r[i] ?? ''))));
  return `${rows
    .map((r) =>
      r
        .map((c, i) => {
          const cell = truncate(c, widths[i]!);
          return cell + ' '.repeat(Math.max(0, widths[i]! - textWidth(cell)));
        })
        .join('\t'),
    )
    .join('\n')}\n`;
}

export function listText(
  room: ReleaseRoom,
  rels: Release[],
  format: OutputFormat,
  noHeaders: boolean,
  timeFormat = '',
): string {
  const elements = rels.map((r) => ({
    name: r.name,
    namespace: r.namespace,
    revision: String(r.version),
    updated: r.info.lastDeployed
      ? timeFormat
        ? room.formatGoLayout(r.info.lastDeployed, timeFormat)
        : room.formatGoString(r.info.lastDeployed)
      : '-',
    status: r.info.status,
    chart: room.chartName(r),
    app_version: room.appVersion(r),
  }));
  if (format !== 'table') {
    const keys = ['name', 'namespace', 'revision', 'updated', 'status', 'chart', 'app_version'] as const;
    return formatted(
      structsJson(elements.map((e) => keys.map((k) => [k, e[k]] as [string, unknown]))),
      format,
    );
  }
  const rows = noHeaders
    ? []
    : [['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION']];
  for (const e of elements)
    rows.push([e.name, e.namespace, e.revision, e.updated, e.status, e.chart, e.app_version]);
  return uiTable(rows);
}

/** json.Marshal of rows that are structs: fields in order, values as Go encodes them. */
export function structsJson(rows: [string, unknown][][]): string {
  return `[${rows.map((f) => `{${f.map(([k, v]) => `${encodeJson(k)}:${encodeJson(v)}`).join(',')}}`).join(',')}]`;
}

export function historyText(room: ReleaseRoom, rels: Release[], format: OutputFormat): string {
  const rows = rels.map((r) => ({
    revision: r.version,
    updated: r.info.lastDeployed,
    status: r.info.status,
    chart: room.chartName(r),
    app_version: room.appVersion(r),
    description: r.info.description,
  }));
  if (format !== 'table') {
    const json = structsJson(
      rows.map((r) => {
        const fields: [string, unknown][] = [['revision', BigInt(r.revision)]];
        if (r.updated) fields.push(['updated', r.updated]);
        fields.push(
          ['status', r.status],
          ['chart', r.chart],
          ['app_version', r.app_version],
          ['description', r.description],
        );
        return fields;
      }),
    );
    return formatted(json, format);
  }
  const table = [['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION']];
  for (const r of rows)
    table.push([
      String(r.revision),
      r.updated ? room.formatAnsic(r.updated) : 'Mon Jan  1 00:00:00 0001',
      r.status,
      r.chart,
      r.app_version,
      r.description,
    ]);
  return uiTable(table);
}

/**
 * The RESOURCES block: per key, each Table printed as kubectl's HumanReadablePrinter does
 * (aligned on its own, headers again only when the columns change).
 */
export function resourcesText(resources: Map<string, Record<string, any>[]>): string {
  let out = '';
  let lastColumns = '';
  let printedHeaders = false;
  for (const [key, objects] of resources) {
    out += `==> ${key}\n`;
    for (const obj of objects) {
      if (obj.kind !== 'Table') continue;
      const table = obj as unknown as Table;
      const columns = JSON.stringify(table.columnDefinitions ?? []);
      const sameColumns = table.columnDefinitions?.length === 0 || columns === lastColumns;
      const noHeaders = printedHeaders && sameColumns;
      if (!sameColumns) {
        lastColumns = columns;
        printedHeaders = false;
      }
      if (table.rows?.length) printedHeaders = true;
      const lines = tableLines(table, { noHeaders });
      if (lines.length) out += alignTabs(`${lines.join('\n')}\n`);
    }
    out += '\n';
  }
  return out;
}
