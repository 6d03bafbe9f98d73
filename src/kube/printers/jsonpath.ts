/**
 * kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath): text with `{...}` actions holding
 * fields (`.a.b`, escaped dots `a\.b`), `['key']`, indexes and slices `[0]`, `[-1]`, `[1:3:2]`,
 * `[*]`, unions `[a,b]`, recursive descent `..name`, filters `[?(@.x=="y")]`, quoted text
 * `{"\n"}` and `{range ...}...{end}` loops. Strings print raw, maps and lists as compact JSON, a
 * node's several results separated by spaces.
 */
import { encodeJson, sprint, unquote } from '../../template/index.ts';

export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

type Node =
  | { t: 'list'; nodes: Node[] }
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'array'; params: { known: boolean; value: number; derived?: boolean }[] }
  | { t: 'union'; lists: Node[] }
  | { t: 'filter'; left: Node; right: Node; op: string }
  | { t: 'identifier'; name: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean };

const sliceRe = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;

function isTerminator(c: string | undefined): boolean {
  return c === undefined || ' \t\r\n.,[]$@{}'.includes(c);
}

function isAlphaNumeric(c: string | undefined): boolean {
  return c !== undefined && (c === '_' || /[\p{L}\p{Nd}]/u.test(c));
}

class Parser {
  pos = 0;
  start = 0;
  readonly root: Node & { t: 'list' } = { t: 'list', nodes: [] };
  constructor(readonly input: string) {}

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private peek(): string | undefined {
    return this.input[this.pos];
  }

  private next(): string | undefined {
    return this.input[this.pos++];
  }

  parse(): Node & { t: 'list' } {
    this.parseText();
    return this.root;
  }

  private parseText(): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) this.root.nodes.push({ t: 'text', text: this.consume() });
        this.pos++;
        this.consume();
        const action: Node & { t: 'list' } = { t: 'list', nodes: [] };
        this.root.nodes.push(action);
        if (this.parseInside(action)) continue;
        return;
      }
      if (this.pos >= this.input.length) break;
      this.pos++;
    }
    if (this.pos > this.start) this.root.nodes.push({ t: 'text', text: this.consume() });
  }

  /** Parses one action; true when its closing brace was reached (more text follows). */
  private parseInside(cur: Node & { t: 'list' }): boolean {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos++;
        this.consume();
        return true;
      }
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        const last = cur.nodes[cur.nodes.length - 1];
        if (last?.t === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
        this.pos += 2;
        this.consume();
        cur.nodes.push({ t: 'recursive' });
        if (isAlphaNumeric(this.peek())) this.parseField(cur);
        continue;
      }
      const r = this.next();
      if (r === undefined || r === '\r' || r === '\n') throw new JsonPathError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') {
        this.consume();
      } else if (r === '[') {
        this.parseArray(cur);
      } else if (r === '"' || r === "'") {
        this.parseQuote(cur, r);
      } else if (r === '.') {
        this.parseField(cur);
      } else if (r === '+' || r === '-' || /\d/.test(r)) {
        this.pos--;
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.pos--;
        while (!isTerminator(this.peek())) this.pos++;
        const value = this.consume();
        if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
        else cur.nodes.push({ t: 'identifier', name: value });
      } else {
        const cp = r.codePointAt(0)!;
        throw new JsonPathError(
          `unrecognized character in action: U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${r}'`,
        );
      }
    }
  }

  private parseNumber(cur: Node & { t: 'list' }): void {
    if (this.peek() === '+' || this.peek() === '-') this.pos++;
    while (this.peek() === '.' || /\d/.test(this.peek() ?? '')) this.pos++;
    const text = this.consume();
    if (/^[+-]?\d+$/.test(text)) cur.nodes.push({ t: 'int', value: Number(text) });
    else if (!Number.isNaN(Number(text))) cur.nodes.push({ t: 'float', value: Number(text) });
    else throw new JsonPathError(`cannot parse number ${text}`);
  }

  private parseField(cur: Node & { t: 'list' }): void {
    this.consume();
    for (;;) {
      const r = this.peek();
      if (r === '\\') {
        this.pos += 2;
        continue;
      }
      if (isTerminator(r)) break;
      this.pos++;
    }
    const value = this.consume();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', name: value.replaceAll('\\', '') });
  }

  private parseQuote(cur: Node & { t: 'list' }, quote: string): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new JsonPathError('unterminated quoted string');
      if (r === quote && this.input[this.pos - 2] !== '\\') break;
    }
    const raw = this.consume();
    let text: string;
    try {
      text = quote === '"' ? unquote(raw) : unquote(`"${raw.slice(1, -1).replaceAll('"', '\\"')}"`);
    } catch {
      throw new JsonPathError(`unquote string ${raw} error invalid syntax`);
    }
    cur.nodes.push({ t: 'text', text });
  }

  private parseArray(cur: Node & { t: 'list' }): void {
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new JsonPathError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consume().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ t: 'union', lists: parts.map((p) => parseAction(`[${p.trim()}]`)) });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      cur.nodes.push(...(parseAction(`.${dict[1]}`) as Node & { t: 'list' }).nodes);
      return;
    }
    const m = sliceRe.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const params: { known: boolean; value: number; derived?: boolean }[] = [];
    for (let i = 0; i < 3; i++) {
      let v = m[i + 1] ?? '';
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params.push({ known: false, value: 0 });
        else params.push({ known: true, value: Number.parseInt(v, 10) });
      } else if (i === 1) params.push({ known: true, value: params[0].value + 1, derived: true });
      else params.push({ known: false, value: 0 });
    }
    cur.nodes.push({ t: 'array', params });
  }

  private parseFilter(cur: Node & { t: 'list' }): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === undefined || r === '\n') throw new JsonPathError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')' && begin === end) break;
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(text);
    if (!m)
      cur.nodes.push({ t: 'filter', left: parseAction(text), right: { t: 'list', nodes: [] }, op: 'exists' });
    else cur.nodes.push({ t: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
  }
}

function parseAction(text: string): Node {
  const p = new Parser(`{${text}}`).parse();
  return p.nodes[0];
}

export interface JsonPathOptions {
  /** kubectl's --allow-missing-template-keys (default true): a missing field yields nothing. */
  allowMissingKeys?: boolean;
}

type Value = unknown;

function isMap(v: Value): v is Record<string, Value> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function goTypeName(v: Value): string {
  if (isMap(v)) return 'map[string]interface {}';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'boolean') return 'bool';
  return 'interface {}';
}

function compare(op: string, left: Value, right: Value): boolean {
  const kind = (v: Value) =>
    typeof v === 'number' && !Number.isInteger(v)
      ? 'float'
      : typeof v === 'number' || typeof v === 'bigint'
        ? 'number'
        : typeof v;
  if (left === null || left === undefined || right === null || right === undefined) {
    if (op === '==') return left === right;
    if (op === '!=') return left !== right;
    throw new JsonPathError('invalid type for comparison');
  }
  const lk = kind(left);
  const rk = kind(right);
  const numeric = (lk === 'number' || lk === 'float') && (rk === 'number' || rk === 'float');
  if (!numeric && lk !== rk) throw new JsonPathError('incompatible types for comparison');
  const l = numeric ? Number(left) : left;
  const r = numeric ? Number(right) : right;
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
    case '>':
    case '<=':
    case '>=': {
      if (typeof l === 'boolean' || isMap(l) || Array.isArray(l))
        throw new JsonPathError('invalid type for comparison');
      const c = (l as any) < (r as any) ? -1 : (l as any) > (r as any) ? 1 : 0;
      return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
    }
    default:
      throw new JsonPathError(`unrecognized filter operator ${op}`);
  }
}

export class JsonPath {
  private readonly root: Node & { t: 'list' };
  private readonly allowMissingKeys: boolean;
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEnd = -1;

  constructor(
    readonly template: string,
    options: JsonPathOptions = {},
  ) {
    this.root = new Parser(template).parse();
    this.allowMissingKeys = options.allowMissingKeys ?? true;
  }

  /** The results of each top-level node, ranges unrolled (client-go's FindResults). */
  findResults(data: Value): Value[][] {
    return this.find(data, this.root.nodes, 0);
  }

  private find(data: Value, nodes: Node[], offset: number): Value[][] {
    const full: Value[][] = [];
    const cur = [data];
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEnd = offset + i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const rest = nodes.slice(i + 1);
        if (results.length > 0) for (const v of results) full.push(...this.find(v, rest, offset + i + 1));
        else this.find(null, rest, offset + i + 1);
        this.inRange--;
        if (this.lastEnd > offset + i) i = this.lastEnd - offset;
        continue;
      }
      full.push(results);
    }
    return full;
  }

  execute(data: Value): string {
    return this.findResults(data)
      .map((results) => results.map((v) => jsonPathText(v)).join(' '))
      .join('');
  }

  private walk(values: Value[], node: Node): Value[] {
    switch (node.t) {
      case 'list': {
        let cur = values;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'int':
      case 'float':
      case 'bool':
        return [node.value];
      case 'field':
        return this.field(values, node.name);
      case 'array':
        return this.array(values, node.params);
      case 'wildcard': {
        const out: Value[] = [];
        for (const v of values) {
          if (isMap(v)) for (const k of Object.keys(v).sort()) out.push(v[k]);
          else if (Array.isArray(v)) out.push(...v);
        }
        return out;
      }
      case 'recursive':
        return this.recursive(values);
      case 'union': {
        const out: Value[] = [];
        for (const l of node.lists) out.push(...this.walk(values, l));
        return out;
      }
      case 'filter':
        return this.filter(values, node);
      case 'identifier':
        if (node.name === 'range') this.beginRange++;
        else if (node.name === 'end') {
          if (this.inRange > 0) this.endRange++;
          else throw new JsonPathError('not in range, nothing to end');
        } else throw new JsonPathError(`unrecognized identifier ${node.name}`);
        return values;
    }
  }

  private field(values: Value[], name: string): Value[] {
    const out: Value[] = [];
    if (name === '') return values;
    for (const v of values) if (isMap(v) && Object.hasOwn(v, name)) out.push(v[name]);
    if (out.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return out;
  }

  private array(values: Value[], template: { known: boolean; value: number; derived?: boolean }[]): Value[] {
    const out: Value[] = [];
    for (const v of values) {
      if (!Array.isArray(v)) {
        if (this.allowMissingKeys && (v === undefined || v === null)) continue;
        throw new JsonPathError(`${goTypeName(v)} is not array or slice`);
      }
      const p = template.map((x) => ({ ...x }));
      if (!p[0].known) p[0].value = 0;
      if (p[0].value < 0) p[0].value += v.length;
      if (!p[1].known) p[1].value = v.length;
      if (p[1].value < 0 || (p[1].value === 0 && p[1].derived)) p[1].value += v.length;
      if (p[1].value === p[0].value) continue;
      if (p[0].value >= v.length || p[0].value < 0) {
        if (this.allowMissingKeys) continue;
        throw new JsonPathError(`array index out of bounds: index ${p[0].value}, length ${v.length}`);
      }
      if (p[1].value > v.length || p[1].value < 0) {
        if (this.allowMissingKeys) continue;
        throw new JsonPathError(`array index out of bounds: index ${p[1].value - 1}, length ${v.length}`);
      }
      if (p[0].value > p[1].value)
        throw new JsonPathError(`starting index ${p[0].value} is greater than ending index ${p[1].value}`);
      let step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) throw new JsonPathError('step must be > 0');
        step = p[2].value;
      }
      const slice = v.slice(p[0].value, p[1].value);
      for (let i = 0; i < slice.length; i += step) out.push(slice[i]);
    }
    return out;
  }

  private recursive(values: Value[]): Value[] {
    const out: Value[] = [];
    for (const v of values) {
      const children = isMap(v)
        ? Object.keys(v)
            .sort()
            .map((k) => v[k])
        : Array.isArray(v)
          ? v
          : [];
      if (children.length > 0) {
        out.push(v);
        out.push(...this.recursive(children));
      }
    }
    return out;
  }

  private filter(values: Value[], node: { left: Node; right: Node; op: string }): Value[] {
    const out: Value[] = [];
    for (const v of values) {
      if (!Array.isArray(v)) {
        if (this.allowMissingKeys && (v === undefined || v === null)) continue;
        throw new JsonPathError(`${sprint(v)} is not array or slice and cannot be filtered`);
      }
      for (const item of v) {
        let lefts: Value[];
        try {
          lefts = this.walk([item], node.left);
        } catch (err) {
          if (node.op === 'exists') continue;
          throw err;
        }
        if (node.op === 'exists') {
          if (lefts.length > 0) out.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        if (compare(node.op, lefts[0], rights[0])) out.push(item);
      }
    }
    return out;
  }
}

/** How one JSONPath result prints: strings raw, maps and lists as compact JSON, others as Go's fmt. */
export function jsonPathText(v: Value): string {
  if (typeof v === 'string') return v;
  if (isMap(v) || Array.isArray(v)) return encodeJson(v);
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return sprint(v);
  return String(v);
}

/**
 * kubectl's RelaxedJSONPathExpression for custom-columns and `get -o jsonpath` paths: braces and
 * the leading dot are optional.
 */
export function relaxedJsonPath(path: string): string {
  if (path.length === 0) return path;
  const m = /^\{?(\.?[^{}]*)\}?$/.exec(path);
  if (!m)
    throw new JsonPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  let body = m[1];
  if (!body.startsWith('.')) body = `.${body}`;
  return `{${body}}`;
}
