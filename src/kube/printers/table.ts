/**
 * kubectl's human-readable printer over the server's `meta.k8s.io/v1 Table`: priority columns
 * only with `-o wide`, the NAMESPACE column first with `-A`, `-L` label columns and LABELS last,
 * `kind/name` in the name column when several kinds are printed. It produces tab-separated
 * lines; `alignTabs` lays them out as kubectl's tabwriter does.
 */
import { sprint } from '../../template/index.ts';

export interface TableColumn {
  name: string;
  type?: string;
  format?: string;
  priority?: number;
}

export interface TableRow {
  cells: unknown[];
  object?: { metadata?: { namespace?: string; labels?: Record<string, string> } };
}

export interface Table {
  columnDefinitions: TableColumn[];
  rows: TableRow[];
}

export interface TablePrintOptions {
  wide?: boolean;
  noHeaders?: boolean;
  showLabels?: boolean;
  /** `-L` label keys, one column each. */
  columnLabels?: string[];
  withNamespace?: boolean;
  /** Lowercase `kind.group` prefixed to names (`deployment.apps`), when several kinds are printed. */
  kindPrefix?: string;
}

/** labels.FormatLabels: sorted `k=v` pairs joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** A cell as Go's fmt.Sprint prints the decoded JSON value (integers as int64). */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') {
    const cut = cell.search(/[\f\n\r]/);
    return cut >= 0 ? `${cell.slice(0, cut)}...` : cell;
  }
  if (typeof cell === 'number' && Number.isInteger(cell)) return String(cell);
  return sprint(cell);
}

/** The decorated column headers and rows of one table, as tab-separated lines. */
export function tableLines(table: Table, options: TablePrintOptions = {}): string[] {
  const visible = table.columnDefinitions
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => options.wide || !c.priority);
  const nameColumn = options.kindPrefix
    ? table.columnDefinitions.findIndex((c) => c.format === 'name' && c.type === 'string')
    : -1;
  const headers: string[] = [];
  if (options.withNamespace) headers.push('NAMESPACE');
  headers.push(...visible.map(({ c }) => c.name.toUpperCase()));
  for (const label of options.columnLabels ?? []) headers.push(label.split('/').pop()!.toUpperCase());
  if (options.showLabels) headers.push('LABELS');

  const lines: string[] = [];
  if (table.rows.length === 0) return lines;
  if (!options.noHeaders) lines.push(headers.join('\t'));
  for (const row of table.rows) {
    const meta = row.object?.metadata;
    const cells: string[] = [];
    if (options.withNamespace) cells.push(meta?.namespace ?? '');
    for (const { i } of visible) {
      let text = cellText(row.cells[i]);
      if (i === nameColumn) text = `${options.kindPrefix}/${text}`;
      cells.push(text);
    }
    for (const label of options.columnLabels ?? []) cells.push(meta?.labels?.[label] ?? '');
    if (options.showLabels) cells.push(formatLabels(meta?.labels));
    lines.push(cells.join('\t'));
  }
  return lines;
}
