/**
 * Go's text/tabwriter with kubectl's settings (minwidth 6, padding 3, space padding): cells end
 * at tabs, a line's last cell is never padded, and a column's width is set per block of
 * consecutive lines that have a cell in it, so a blank line starts fresh alignment.
 */
export interface TabwriterOptions {
  minWidth: number;
  padding: number;
}

export const kubectlTabwriter: TabwriterOptions = { minWidth: 6, padding: 3 };

function runeWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Aligns tab-separated text; lines end with `\n`. */
export function alignTabs(
  text: string,
  options: TabwriterOptions = kubectlTabwriter,
  /** tabwriter.RememberWidths: column widths carried across flushes (grown, never shrunk). */
  remembered?: number[],
): string {
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i];
      let line = '';
      for (let j = 0; j < cells.length; j++) {
        line += cells[j];
        if (j < widths.length && j < cells.length - 1)
          line += ' '.repeat(Math.max(0, widths[j] - runeWidth(cells[j])));
      }
      out.push(line);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let row = line0; row < line1; row++) {
      if (column >= lines[row].length - 1) continue;
      writeLines(line0, row);
      line0 = row;
      let width = options.minWidth;
      for (; row < line1; row++) {
        const cells = lines[row];
        if (column >= cells.length - 1) break;
        width = Math.max(width, runeWidth(cells[column]) + options.padding);
      }
      if (remembered) {
        width = Math.max(width, remembered[column] ?? 0);
        remembered[column] = width;
      }
      widths.push(width);
      format(line0, row);
      widths.pop();
      line0 = row;
      row--;
    }
    writeLines(line0, line1);
  };

  // Lines are written in order; format() emits them exactly once.
  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}
