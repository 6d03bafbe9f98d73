/**
 * Block-style YAML output with go-yaml's exact layout decisions (libyaml's emitter as ported by
 * go-yaml): which scalar style each string gets, where long lines fold at 80 columns, block
 * scalar chomping hints, `? ` complex keys, `{}`/`[]` for empty collections.
 *
 * It walks plain data (string, boolean, null, already formatted numbers, arrays, key/value
 * lists) instead of an event stream, but keeps libyaml's cursor state (column, indent,
 * whitespace, indention) so every layout rule plays out as it does upstream.
 */

/** A scalar that is written verbatim in plain style (numbers, booleans, null). */
export class PlainText {
  constructor(readonly text: string) {}
}

/** A node ready for emitting: mapping entries are already in output order. */
export type EmitNode = string | PlainText | EmitNode[] | EmitMapping;

export class EmitMapping {
  constructor(readonly entries: [string, EmitNode][]) {}
}

export interface EmitterOptions {
  /** Line width for folding plain and quoted scalars; libyaml's default is 80. */
  width: number;
  /** go-yaml v3 differences: tabs force quoting, sequences indent under their key. */
  v3: boolean;
  /** Decides whether a string may be written plain (it must not read back as another type). */
  canUsePlain: (s: string) => boolean;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const isBreakCp = (c: number) => c === 0x0d || c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlankCp = (c: number) => c === 0x20 || c === 0x09;

/** libyaml's is_printable on a code point (4-byte UTF-8 characters count as unprintable). */
function isPrintableCp(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    out.push(c);
    if (c > 0xffff) i++;
  }
  return out;
}

const FLOW_AND_BLOCK_FIRST = new Set(
  ['#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`'].map((c) =>
    c.charCodeAt(0),
  ),
);

/** yaml_emitter_analyze_scalar: which styles can represent this text. */
function analyzeScalar(cps: number[], v3: boolean): ScalarAnalysis {
  const n = cps.length;
  if (n === 0)
    return {
      multiline: false,
      blockPlainAllowed: true,
      singleQuotedAllowed: true,
      blockAllowed: false,
    };
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let tabs = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  const s3 = n >= 3 ? String.fromCodePoint(cps[0]!, cps[1]!, cps[2]!) : '';
  if (s3 === '---' || s3 === '...') blockIndicators = true;
  let precededByWhitespace = true;
  for (let i = 0; i < n; i++) {
    const c = cps[i]!;
    const next = cps[i + 1];
    const followedByWhitespace = next === undefined || isBlankCp(next) || isBreakCp(next);
    if (i === 0) {
      if (FLOW_AND_BLOCK_FIRST.has(c)) blockIndicators = true;
      else if ((c === 0x3f || c === 0x3a) && followedByWhitespace) blockIndicators = true;
      else if (c === 0x2d && followedByWhitespace) blockIndicators = true;
    } else if (c === 0x3a && followedByWhitespace) blockIndicators = true;
    else if (c === 0x23 && precededByWhitespace) blockIndicators = true;

    if (v3 && c === 0x09) tabs = true;
    else if (!isPrintableCp(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreakCp(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankCp(c) || isBreakCp(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || tabs || special) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || special) blockAllowed = false;
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

const HEX_UPPER = '0123456789ABCDEF';

/** Plain-safe text: no indicators, spaces, breaks or non-ASCII, and not starting with "---"/"...". */
const SIMPLE_PLAIN = /^[A-Za-z0-9_/][A-Za-z0-9_./()+=-]*$/;

/** One document in block style, as go-yaml's Marshal/Encoder writes it. */
export class YamlEmitter {
  private out = '';
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;

  constructor(private readonly opts: EmitterOptions) {}

  /** Emits the document and returns it, newline-terminated. */
  document(root: EmitNode): string {
    this.node(root, { root: true, sequence: false, mapping: false, simpleKey: false });
    this.writeIndent();
    return this.out;
  }

  // --- libyaml's output primitives -------------------------------------------------------

  private put(s: string): void {
    this.out += s;
    this.column += s.length;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
    // go-yaml v3 marks indentation on every line break instead of in writeIndent
    if (this.opts.v3) this.indention = true;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.putBreak();
    if (this.column < indent) {
      this.out += ' '.repeat(indent - this.column);
      this.column = indent;
    }
    this.whitespace = true;
    // go-yaml v3 no longer marks the position as indentation here
    if (!this.opts.v3) this.indention = true;
  }

  private writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? 2 : 0;
    else if (!indentless) this.indent += 2;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  // --- Nodes ---------------------------------------------------------------------------

  private node(
    n: EmitNode,
    ctx: { root: boolean; sequence: boolean; mapping: boolean; simpleKey: boolean },
  ): void {
    if (n instanceof PlainText) {
      this.scalar(n.text, 'plain', ctx.simpleKey);
      return;
    }
    if (typeof n === 'string') {
      this.scalar(n, this.requestedStyle(n), ctx.simpleKey);
      return;
    }
    if (Array.isArray(n)) {
      if (n.length === 0) {
        this.emptyFlow('[', ']');
        return;
      }
      // v2 writes a mapping's sequence at the key's indentation (`key:\n- a`); v3 indents it
      const indentless = !this.opts.v3 && ctx.mapping && !this.indention;
      this.increaseIndent(false, indentless);
      for (const item of n) {
        this.writeIndent();
        this.writeIndicator('-', true, false, true);
        this.node(item, { root: false, sequence: true, mapping: false, simpleKey: false });
      }
      this.popIndent();
      return;
    }
    if (n.entries.length === 0) {
      this.emptyFlow('{', '}');
      return;
    }
    this.increaseIndent(false, false);
    for (const [key, value] of n.entries) {
      this.writeIndent();
      const simple =
        (key.length <= 128 && SIMPLE_PLAIN.test(key)) ||
        (!analyzeScalar(codePoints(key), this.opts.v3).multiline && utf8Length(key) <= 128);
      const valueCtx = { root: false, sequence: false, mapping: true, simpleKey: false };
      if (simple) {
        this.scalar(key, this.requestedStyle(key), true);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(key, valueCtx);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(value, valueCtx);
    }
    this.popIndent();
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  /** The style go-yaml's encoder asks for; the emitter may still override it. */
  private requestedStyle(s: string): Style {
    if (s.includes('\n')) return 'literal';
    return this.opts.canUsePlain(s) ? 'plain' : 'double';
  }

  private scalar(s: string, requested: Style, simpleKey: boolean): void {
    // fast path: short words that every style check would leave plain and that cannot fold
    if (requested === 'plain' && SIMPLE_PLAIN.test(s)) {
      if (!this.whitespace) this.put(' ');
      this.put(s);
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const cps = codePoints(s);
    const a = analyzeScalar(cps, this.opts.v3);
    let style = requested;
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlainAllowed) style = 'single';
      if (cps.length === 0 && simpleKey) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';

    this.increaseIndent(true, false);
    const allowBreaks = !simpleKey;
    switch (style) {
      case 'plain':
        this.writePlain(cps, allowBreaks);
        break;
      case 'single':
        this.writeSingleQuoted(cps, allowBreaks);
        break;
      case 'double':
        this.writeDoubleQuoted(cps, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(cps);
        break;
    }
    this.popIndent();
  }

  private writePlain(cps: number[], allowBreaks: boolean): void {
    if (cps.length > 0 && !this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    const width = this.opts.width;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > width && cps[i + 1] !== 0x20) this.writeIndent();
        else this.put(' ');
        spaces = true;
      } else if (isBreakCp(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        if (!this.opts.v3) this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(String.fromCodePoint(c));
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (cps.length > 0 || !this.opts.v3) this.whitespace = false;
    this.indention = false;
  }

  private writeBreak(c: number): void {
    if (c === 0x0a) this.putBreak();
    else {
      this.out += String.fromCodePoint(c);
      this.column = 0;
      if (this.opts.v3) this.indention = true;
    }
  }

  private writeSingleQuoted(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    const width = this.opts.width;
    const last = cps.length - 1;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > width && i > 0 && i < last && cps[i + 1] !== 0x20)
          this.writeIndent();
        else this.put(' ');
        spaces = true;
      } else if (isBreakCp(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        if (!this.opts.v3) this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.put(String.fromCodePoint(c));
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    const width = this.opts.width;
    const last = cps.length - 1;
    // libyaml checks for a BOM at the start of the value, not at the current character
    const startsWithBom = cps[0] === 0xfeff;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (!isPrintableCp(c) || startsWithBom || isBreakCp(c) || c === 0x22 || c === 0x5c) {
        this.put(`\\${escapeChar(c)}`);
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > width && i > 0 && i < last) {
          this.writeIndent();
          if (cps[i + 1] === 0x20) this.put('\\');
        } else this.put(' ');
        spaces = true;
      } else {
        this.put(String.fromCodePoint(c));
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(cps: number[]): void {
    this.writeIndicator('|', true, false, false);
    // block scalar hints: explicit indentation when the text starts with a space or break
    if (cps[0] === 0x20 || isBreakCp(cps[0] ?? 0)) this.writeIndicator('2', false, false, false);
    const n = cps.length;
    let chomp = '';
    if (n === 0 || !isBreakCp(cps[n - 1]!)) chomp = '-';
    else if (n === 1 || isBreakCp(cps[n - 2]!)) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of cps) {
      if (isBreakCp(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(String.fromCodePoint(c));
        this.indention = false;
        breaks = false;
      }
    }
  }
}

function escapeChar(c: number): string {
  switch (c) {
    case 0x00:
      return '0';
    case 0x07:
      return 'a';
    case 0x08:
      return 'b';
    case 0x09:
      return 't';
    case 0x0a:
      return 'n';
    case 0x0b:
      return 'v';
    case 0x0c:
      return 'f';
    case 0x0d:
      return 'r';
    case 0x1b:
      return 'e';
    case 0x22:
      return '"';
    case 0x5c:
      return '\\';
    case 0x85:
      return 'N';
    case 0xa0:
      return '_';
    case 0x2028:
      return 'L';
    case 0x2029:
      return 'P';
  }
  const digits = c <= 0xff ? 2 : c <= 0xffff ? 4 : 8;
  const prefix = c <= 0xff ? 'x' : c <= 0xffff ? 'u' : 'U';
  let hex = '';
  for (let k = digits - 1; k >= 0; k--) hex += HEX_UPPER[(c >> (k * 4)) & 15];
  return prefix + hex;
}
