/**
 * A fast path for decodeYaml: the block-style YAML that charts and rendered manifests are made
 * of (block mappings and sequences, plain scalars, single-quoted scalars, one-line double-quoted
 * scalars, literal block scalars, comments, `[]`, `{}` and one-line lists of quoted strings),
 * decoded straight into Go values without the `yaml` package's node tree. Anything else (other
 * flow collections, anchors, tags, folded scalars, duplicate keys, tabs, odd indentation, every
 * error) returns FALLBACK so the full decoder handles it, errors included; what this accepts it
 * must decode exactly as the full decoder does (test/template/yaml-fast.test.ts holds it to that).
 */
import { mapSet, newMap } from '../value.ts';
import { resolvePlain } from './yaml-resolve.ts';

export const FALLBACK: unique symbol = Symbol('yaml fast path declined');

class Decline extends Error {}
const decline = new Decline();

/**
 * Left to the full decoder, in one scan: line breaks YAML 1.1 knows besides \n, tabs, a BOM,
 * and the control and non-characters go-yaml rejects (so the full decoder reports them).
 */
const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

/** Characters that cannot start a plain scalar or key here (YAML indicators). */
function isIndicatorStart(c: number): boolean {
  switch (c) {
    case 0x2d: // -
    case 0x3f: // ?
    case 0x3a: // :
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x23: // #
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x27: // '
    case 0x22: // "
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
      return true;
  }
  return false;
}

/** The Go value of a plain scalar (decodeYaml's jsonScalar of go-yaml's implicit type). */
function plainValue(text: string): unknown {
  const r = resolvePlain(text);
  switch (r.tag) {
    case 'null':
      return null;
    case 'bool':
      return r.value;
    case 'int':
      return Number(r.value);
    case 'float':
      if (!Number.isFinite(r.value)) throw decline;
      return r.value;
    default:
      return r.value;
  }
}

/** Where a plain scalar inside a flow sequence ends. */
const FLOW_PLAIN_END = ',[]{}';

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  a: '\x07',
  b: '\b',
  v: '\v',
  f: '\f',
  e: '\x1b',
  ' ': ' ',
};

class FastYaml {
  private readonly lines: string[];
  /** column() of each line once computed, -2 before */
  private readonly columns: Int32Array;
  private i = 0;

  constructor(text: string) {
    this.lines = text.split('\n');
    this.columns = new Int32Array(this.lines.length).fill(-2);
  }

  /** Column of the first non-space character of line i, or -1 for a blank or comment line. */
  private column(i: number): number {
    const known = this.columns[i]!;
    if (known !== -2) return known;
    const l = this.lines[i]!;
    let c = 0;
    while (c < l.length && l.charCodeAt(c) === 0x20) c++;
    if (c === l.length || l.charCodeAt(c) === 0x23) c = -1;
    this.columns[i] = c;
    return c;
  }

  /** Moves to the next line with content; its column, or -1 at the end. */
  private nextContent(): number {
    while (this.i < this.lines.length) {
      const c = this.column(this.i);
      if (c >= 0) return c;
      this.i++;
    }
    return -1;
  }

  document(): unknown {
    const c = this.nextContent();
    if (c < 0) return null;
    const first = this.lines[this.i]!;
    if (c === 0 && (first.startsWith('---') || first.startsWith('...') || first.startsWith('%')))
      throw decline;
    const v = this.node(c);
    if (this.nextContent() >= 0) throw decline;
    return v;
  }

  /** The block node starting on the current line at column c. */
  private node(c: number): unknown {
    const line = this.lines[this.i]!;
    if (this.isSeqEntry(line, c)) return this.sequence(c);
    if (this.keyEnd(line, c) >= 0) return this.mapping(c);
    // a lone scalar as the whole node
    return this.inlineValue(line, c, c - 1);
  }

  private isSeqEntry(line: string, c: number): boolean {
    if (line.charCodeAt(c) !== 0x2d) return false;
    return c + 1 === line.length || line.charCodeAt(c + 1) === 0x20;
  }

  private sequence(c: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const col = this.nextContent();
      if (col < c) return out;
      if (col > c) throw decline;
      const line = this.lines[this.i]!;
      if (!this.isSeqEntry(line, c)) return out;
      let k = c + 1;
      while (k < line.length && line.charCodeAt(k) === 0x20) k++;
      if (k === line.length || line.charCodeAt(k) === 0x23) {
        // `-` alone: the item is on the following lines, indented more
        this.i++;
        const next = this.nextContent();
        out.push(next > c ? this.node(next) : null);
        continue;
      }
      // the rest of the line is a node at column k: blank out the `- ` and read it in place
      this.lines[this.i] = ' '.repeat(k) + line.slice(k);
      this.columns[this.i] = k;
      out.push(this.node(k));
    }
  }

  /**
   * Where the key of a `key: value` line at column c ends (the index of its `:`), or -1 when
   * the line is not such an entry.
   */
  private keyEnd(line: string, c: number): number {
    const q = line.charCodeAt(c);
    if (q === 0x22 || q === 0x27) {
      const end = this.quotedEnd(line, c);
      if (end < 0) return -1;
      let k = end;
      while (k < line.length && line.charCodeAt(k) === 0x20) k++;
      if (line.charCodeAt(k) !== 0x3a) return -1;
      if (k + 1 < line.length && line.charCodeAt(k + 1) !== 0x20) return -1;
      return k;
    }
    let k = c;
    for (;;) {
      k = line.indexOf(':', k);
      if (k < 0) return -1;
      if (k + 1 === line.length || line.charCodeAt(k + 1) === 0x20) break;
      k++;
    }
    const hash = line.indexOf(' #', c);
    if (hash >= 0 && hash < k) return -1;
    return k;
  }

  private mapping(c: number): Record<string, unknown> {
    const out = newMap();
    for (;;) {
      const col = this.nextContent();
      if (col < c) return out;
      if (col > c) throw decline;
      const line = this.lines[this.i]!;
      if (this.isSeqEntry(line, c)) throw decline;
      const colon = this.keyEnd(line, c);
      if (colon < 0) throw decline;
      const key = this.key(line, c, colon);
      let k = colon + 1;
      while (k < line.length && line.charCodeAt(k) === 0x20) k++;
      let value: unknown;
      if (k === line.length || line.charCodeAt(k) === 0x23) {
        this.i++;
        const next = this.nextContent();
        if (next > c) value = this.node(next);
        // a compact sequence: `key:` then `- item` lines at the key's own column
        else if (next === c && this.isSeqEntry(this.lines[this.i]!, c)) value = this.sequence(c);
        else value = null;
      } else value = this.inlineValue(line, k, c);
      // duplicate keys: the full decoder's order of overwriting (and its callers' merging) applies
      if (Object.hasOwn(out, key)) throw decline;
      mapSet(out, key, value);
    }
  }

  private key(line: string, c: number, colon: number): string {
    const q = line.charCodeAt(c);
    if (q === 0x22 || q === 0x27) return this.quoted(line, c).value;
    if (isIndicatorStart(q)) throw decline;
    const text = line.slice(c, colon).trimEnd();
    // `<<` is a merge key; other non-string keys (`1`, `true`, `y`) become text the Go way
    if (text === '<<') throw decline;
    const r = resolvePlain(text);
    if (r.tag !== 'str') throw decline;
    return r.value;
  }

  /**
   * A value starting at column k of the current line (after `key: ` or `- `), inside a node at
   * column `parent` (which continuation lines must be deeper than): a scalar, a literal block
   * scalar, or a flow collection of the simple kinds. Leaves the cursor after the lines it used.
   */
  private inlineValue(first: string, k: number, parent: number): unknown {
    let line = first;
    const ch = line.charCodeAt(k);
    if (ch === 0x7c) return this.literal(line, k, parent);
    let value: unknown;
    let end: number;
    if (ch === 0x27 && parent >= 0 && this.quotedEnd(line, k) < 0) {
      const q = this.multiLineSingleQuoted(line, k, parent);
      value = q.value;
      end = q.end;
      line = this.lines[this.i]!;
    } else if (ch === 0x22 || ch === 0x27) {
      const q = this.quoted(line, k);
      value = q.value;
      end = q.end;
    } else if (ch === 0x5b) {
      const seq = this.flowSequence(line, k);
      value = seq.value;
      end = seq.end;
    } else if (ch === 0x7b) {
      // only an empty flow mapping: `{}` or `{ }`
      let j = k + 1;
      while (line.charCodeAt(j) === 0x20) j++;
      if (line.charCodeAt(j) !== 0x7d) throw decline;
      value = newMap();
      end = j + 1;
    } else {
      // `-` and `:` may start a plain scalar when a non-space follows (`-1`, `:8080`)
      const next = line.charCodeAt(k + 1);
      if (isIndicatorStart(ch) && !((ch === 0x2d || ch === 0x3a) && k + 1 < line.length && next !== 0x20))
        throw decline;
      const hash = line.indexOf(' #', k);
      let text = (hash < 0 ? line.slice(k) : line.slice(k, hash)).trimEnd();
      if (text.includes(': ') || text.endsWith(':')) throw decline;
      if (hash < 0 && parent >= 0) text += this.plainContinuation(parent);
      value = plainValue(text);
      end = hash < 0 ? line.length : hash;
    }
    let j = end;
    while (j < line.length && line.charCodeAt(j) === 0x20) j++;
    if (j < line.length && !(line.charCodeAt(j) === 0x23 && j > end)) throw decline;
    // a more indented line after it would continue a multi-line scalar (or be an error): the
    // enclosing collection sees a line deeper than its column and declines
    this.i++;
    return value;
  }

  /**
   * The folded rest of a multi-line plain scalar: the lines after the current one that are
   * deeper than `parent`, each trimmed, joined by a space, or by one line break per blank line
   * between them. Leaves the cursor on the scalar's last line.
   */
  private plainContinuation(parent: number): string {
    let more = '';
    let blanks = 0;
    for (let j = this.i + 1; j < this.lines.length; j++) {
      const l = this.lines[j]!;
      let sp = 0;
      while (sp < l.length && l.charCodeAt(sp) === 0x20) sp++;
      if (sp === l.length) {
        blanks++;
        continue;
      }
      // a comment line ends the scalar (a deeper line after it is then an error the caller sees)
      if (sp <= parent || l.charCodeAt(sp) === 0x23) break;
      const text = l.slice(sp).trimEnd();
      const first = text.charCodeAt(0);
      if (isIndicatorStart(first) && first !== 0x60 && first !== 0x22 && first !== 0x27) throw decline;
      if (text.includes(': ') || text.includes(' #') || text.endsWith(':')) throw decline;
      more += blanks === 0 ? ` ${text}` : '\n'.repeat(blanks) + text;
      blanks = 0;
      this.i = j;
    }
    return more;
  }

  /**
   * A single-quoted scalar opening at k and closing on a later line (each deeper than
   * `parent`): line breaks fold as in plain scalars. Leaves the cursor on the closing line;
   * `end` is the index after the closing quote there.
   */
  private multiLineSingleQuoted(line: string, k: number, parent: number): { value: string; end: number } {
    let text = line.slice(k + 1).trimEnd();
    let blanks = 0;
    for (let j = this.i + 1; j < this.lines.length; j++) {
      const l = this.lines[j]!;
      let sp = 0;
      while (sp < l.length && l.charCodeAt(sp) === 0x20) sp++;
      if (sp === l.length) {
        blanks++;
        continue;
      }
      if (sp <= parent) throw decline;
      // the closing quote: a quote not doubled
      let close = -1;
      for (let x = sp; x < l.length; x++) {
        if (l.charCodeAt(x) !== 0x27) continue;
        if (l.charCodeAt(x + 1) === 0x27) {
          x++;
          continue;
        }
        close = x;
        break;
      }
      const piece = close < 0 ? l.slice(sp).trimEnd() : l.slice(sp, close);
      text += blanks === 0 ? ` ${piece}` : '\n'.repeat(blanks) + piece;
      blanks = 0;
      if (close >= 0) {
        this.i = j;
        return { value: text.replaceAll("''", "'"), end: close + 1 };
      }
    }
    throw decline;
  }

  /**
   * A one-line flow sequence at k of quoted scalars and simple plain ones (`["a", 'b']`,
   * `[443, 8443]`, `[ ]`); anything else declines.
   */
  private flowSequence(line: string, k: number): { value: unknown[]; end: number } {
    const value: unknown[] = [];
    let j = k + 1;
    while (line.charCodeAt(j) === 0x20) j++;
    if (line.charCodeAt(j) === 0x5d) return { value, end: j + 1 };
    for (;;) {
      while (line.charCodeAt(j) === 0x20) j++;
      const q = line.charCodeAt(j);
      if (q === 0x22 || q === 0x27) {
        const item = this.quoted(line, j);
        value.push(item.value);
        j = item.end;
      } else {
        let e = j;
        while (e < line.length && !FLOW_PLAIN_END.includes(line[e]!)) e++;
        const text = line.slice(j, e).trimEnd();
        const c0 = text.charCodeAt(0);
        const dashLed = c0 === 0x2d && text.length > 1 && text.charCodeAt(1) !== 0x20;
        if (text === '' || (isIndicatorStart(c0) && !dashLed) || /[:#"']/.test(text)) throw decline;
        value.push(plainValue(text));
        j = e;
      }
      while (line.charCodeAt(j) === 0x20) j++;
      const sep = line.charCodeAt(j);
      if (sep === 0x5d) return { value, end: j + 1 };
      if (sep !== 0x2c) throw decline;
      j++;
    }
  }

  /** The end (index after the closing quote) of a quoted scalar at k, or -1 if not on this line. */
  private quotedEnd(line: string, k: number): number {
    const q = line[k]!;
    let j = k + 1;
    while (j < line.length) {
      const ch = line[j]!;
      if (q === '"' && ch === '\\') {
        j += 2;
        continue;
      }
      if (ch === q) {
        if (q === "'" && line[j + 1] === "'") {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return -1;
  }

  private quoted(line: string, k: number): { value: string; end: number } {
    const end = this.quotedEnd(line, k);
    if (end < 0) throw decline;
    const body = line.slice(k + 1, end - 1);
    if (line[k] === "'") return { value: body.replaceAll("''", "'"), end };
    if (!body.includes('\\')) return { value: body, end };
    let out = '';
    for (let j = 0; j < body.length; j++) {
      const ch = body[j]!;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const e = body[++j];
      if (e === undefined) throw decline;
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        continue;
      }
      const width = e === 'x' ? 2 : e === 'u' ? 4 : 0;
      if (width === 0) throw decline;
      const hex = body.slice(j + 1, j + 1 + width);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) throw decline;
      const code = Number.parseInt(hex, 16);
      if (code >= 0xd800 && code <= 0xdfff) throw decline;
      out += String.fromCharCode(code);
      j += width;
    }
    return { value: out, end };
  }

  /** A literal block scalar (`|`, `|-`, `|+`) whose header is at k, in a node at column `parent`. */
  private literal(line: string, k: number, parent: number): string {
    let j = k + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    if (line[j] === '-') {
      chomp = 'strip';
      j++;
    } else if (line[j] === '+') {
      chomp = 'keep';
      j++;
    }
    while (j < line.length && line.charCodeAt(j) === 0x20) j++;
    if (j < line.length && !(line.charCodeAt(j) === 0x23 && j > k + 1 + (chomp === 'clip' ? 0 : 1)))
      throw decline;
    this.i++;
    // content lines: indented deeper than the parent node, at the first content line's indent
    const body: string[] = [];
    let indent = -1;
    let maxLeadingBlank = 0; // YAML: no leading blank line longer than the detected indent
    while (this.i < this.lines.length) {
      const l = this.lines[this.i]!;
      let sp = 0;
      while (sp < l.length && l.charCodeAt(sp) === 0x20) sp++;
      if (sp === l.length) {
        if (indent < 0) maxLeadingBlank = Math.max(maxLeadingBlank, sp);
        // a blank line with spaces beyond the indent keeps them: left to the full decoder
        else if (sp > indent) throw decline;
        body.push('');
        this.i++;
        continue;
      }
      if (indent < 0) {
        if (sp <= parent) break;
        if (maxLeadingBlank > sp) throw decline;
        indent = sp;
      } else if (sp < indent) break;
      body.push(l.slice(indent));
      this.i++;
    }
    // trailing blank lines; the last element of the split is the text's end, not a line
    let trailing = 0;
    while (trailing < body.length && body[body.length - 1 - trailing] === '') trailing++;
    if (indent < 0) {
      if (chomp === 'keep') throw decline;
      return '';
    }
    const content = body.slice(0, body.length - trailing).join('\n');
    // the text's last line (the split's last element) has no line break of its own
    if (this.i === this.lines.length && this.lines[this.lines.length - 1]!.trim() === '' && trailing > 0)
      trailing--;
    // the last content line's break (the end of the text counts as one) and the blank lines'
    if (chomp === 'strip') return content;
    if (chomp === 'clip') return `${content}\n`;
    return content + '\n'.repeat(trailing + 1);
  }
}

/** The decoded value of a simple block-style document, or FALLBACK for the full decoder. */
export function fastDecodeYaml(text: string): unknown {
  if (UNUSUAL.test(text)) return FALLBACK;
  try {
    return new FastYaml(text).document();
  } catch (e) {
    if (e instanceof Decline) return FALLBACK;
    throw e;
  }
}
