/**
 * JSON Schema validation of chart values with the error tree and wording of
 * santhosh-tekuri/jsonschema v6 (what Helm 4 uses): `- at '/path': message` lines, nested two
 * spaces per level under "validation failed" groups. Drafts 4, 6, 7, 2019-09 and 2020-12 for
 * the keywords charts use; `$ref` resolves inside the document only.
 */
import { type GoMap, isMap, sprintf, TypedInt } from '../template/index.ts';
import type { Chart } from './chart.ts';

type Schema = boolean | SchemaObject;
interface SchemaObject {
  [key: string]: unknown;
}

/** One node of the error tree (santhosh's ValidationError). */
interface SchemaError {
  location: string[];
  message: string;
  /** a `$ref` wrapper: shown only when it has several causes */
  ref?: boolean;
  /** a "validation failed" group of several errors */
  group?: boolean;
  causes: SchemaError[];
}

export class SchemaCompileError extends Error {}

type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';
const TYPE_ORDER = ['null', 'boolean', 'number', 'integer', 'string', 'array', 'object'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof TypedInt);
}

function isNumber(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof TypedInt;
}

function typeOfValue(v: unknown): JsonType | undefined {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (isNumber(v)) return 'number';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  if (isObject(v)) return 'object';
  return undefined;
}

/** A number as an exact decimal string, the way Go's fmt.Sprint feeds big.Rat. */
function numberText(v: unknown): string {
  if (v instanceof TypedInt) return v.value.toString();
  if (typeof v === 'bigint') return v.toString();
  return String(v);
}

/** Exact rational arithmetic over decimal strings, enough for comparisons and multipleOf. */
interface Rat {
  n: bigint;
  d: bigint;
}

function toRat(v: unknown): Rat | undefined {
  const s = numberText(v);
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  let n = BigInt(`${m[2] || '0'}${frac}`);
  let d = 10n ** BigInt(frac.length);
  const exp = Number(m[4] ?? 0);
  if (exp > 0) n *= 10n ** BigInt(exp);
  else if (exp < 0) d *= 10n ** BigInt(-exp);
  if (m[1] === '-') n = -n;
  return { n, d };
}

function cmpRat(a: Rat, b: Rat): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

function isIntegerValue(v: unknown): boolean {
  const r = toRat(v);
  return r !== undefined && r.n % r.d === 0n;
}

/**
 * The messages go through golang.org/x/text's English printer, which groups digits ("1,001") and
 * writes floats as strconv's shortest %g with a superscript exponent ("1.5×10⁰⁷").
 */
function n(v: number): string {
  return groupDigits(String(v));
}

function groupDigits(s: string): string {
  const m = /^(-?)(\d+)(.*)$/.exec(s);
  if (!m) return s;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3]}`;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A number bound or value as the float64 a big.Rat converts to, printed by that printer. */
function ratDisplay(v: unknown): string {
  const x = Number(numberText(v));
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const digits = String(Math.abs(exp)).padStart(2, '0');
    const sup = [...digits].map((d) => SUPERSCRIPT[Number(d)]).join('');
    return `${mantissa}×10${exp < 0 ? '⁻' : ''}${sup}`;
  }
  return groupDigits(String(x));
}

/** santhosh's quote: Go %q with single quotes outside. */
function quote(s: string): string {
  const q = sprintf('%q', s);
  return `'${q.slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

function display(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (Array.isArray(v) || isObject(v)) return 'value';
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return sprintf('%v', v);
  return String(v);
}

function equals(a: unknown, b: unknown): boolean {
  const ta = typeOfValue(a);
  if (ta !== typeOfValue(b)) return false;
  switch (ta) {
    case 'object': {
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      const kx = Object.keys(x);
      if (kx.length !== Object.keys(y).length) return false;
      return kx.every((k) => Object.hasOwn(y, k) && equals(x[k], y[k]));
    }
    case 'array': {
      const x = a as unknown[];
      const y = b as unknown[];
      return x.length === y.length && x.every((v, i) => equals(v, y[i]));
    }
    case 'number': {
      const x = toRat(a);
      const y = toRat(b);
      return x !== undefined && y !== undefined && cmpRat(x, y) === 0;
    }
    case 'null':
      return true;
    default:
      return a === b;
  }
}

function draftOf(root: Schema): number {
  const s = isObject(root) && typeof root.$schema === 'string' ? root.$schema : '';
  if (s.includes('draft-04')) return 4;
  if (s.includes('draft-06')) return 6;
  if (s.includes('draft-07')) return 7;
  if (s.includes('2019-09')) return 2019;
  return 2020;
}

function unescapePointer(tok: string): string {
  return decodeURIComponent(tok).replaceAll('~1', '/').replaceAll('~0', '~');
}

function escapePointer(tok: string): string {
  return tok.replaceAll('~', '~0').replaceAll('/', '~1');
}

class Validator {
  readonly draft: number;
  private readonly regexps = new Map<string, RegExp>();

  constructor(readonly root: Schema) {
    this.draft = draftOf(root);
  }

  private resolve(ref: string): Schema {
    const hash = ref.indexOf('#');
    const doc = hash < 0 ? ref : ref.slice(0, hash);
    if (doc !== '' && doc !== 'file:///values.schema.json' && doc !== 'values.schema.json') {
      const byId = this.findId(this.root, doc);
      if (byId === undefined) throw new SchemaCompileError(`failing loading ${JSON.stringify(doc)}`);
      return this.pointer(byId, hash < 0 ? '' : ref.slice(hash + 1));
    }
    return this.pointer(this.root, hash < 0 ? '' : ref.slice(hash + 1));
  }

  private findId(s: unknown, id: string): Schema | undefined {
    if (Array.isArray(s)) {
      for (const x of s) {
        const r = this.findId(x, id);
        if (r !== undefined) return r;
      }
      return undefined;
    }
    if (!isObject(s)) return undefined;
    if (s.$id === id || s.id === id) return s;
    for (const v of Object.values(s)) {
      const r = this.findId(v, id);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  private pointer(base: Schema, fragment: string): Schema {
    if (fragment === '' || fragment === '/') return base;
    if (!fragment.startsWith('/')) {
      // an anchor
      const found = this.findAnchor(base, fragment);
      if (found === undefined) throw new SchemaCompileError(`anchor ${JSON.stringify(fragment)} not found`);
      return found;
    }
    let cur: unknown = base;
    for (const tok of fragment.slice(1).split('/').map(unescapePointer)) {
      if (Array.isArray(cur)) cur = cur[Number(tok)];
      else if (isObject(cur)) cur = cur[tok];
      else cur = undefined;
      if (cur === undefined)
        throw new SchemaCompileError(`JSON pointer ${JSON.stringify(fragment)} not found`);
    }
    return cur as Schema;
  }

  private findAnchor(s: unknown, name: string): Schema | undefined {
    if (Array.isArray(s)) {
      for (const x of s) {
        const r = this.findAnchor(x, name);
        if (r !== undefined) return r;
      }
      return undefined;
    }
    if (!isObject(s)) return undefined;
    if (s.$anchor === name || s.$id === `#${name}` || s.id === `#${name}`) return s;
    for (const v of Object.values(s)) {
      const r = this.findAnchor(v, name);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  private regexp(src: string): RegExp {
    let re = this.regexps.get(src);
    if (!re) {
      try {
        re = new RegExp(src, 'u');
      } catch {
        re = new RegExp(src);
      }
      this.regexps.set(src, re);
    }
    return re;
  }

  /** The error of `v` against `s`, or undefined when valid (validator.validate). */
  validate(s: Schema, v: unknown, loc: string[]): SchemaError | undefined {
    const err = (message: string, causes: SchemaError[] = []): SchemaError => ({
      location: loc,
      message,
      causes,
    });
    if (s === true) return undefined;
    if (s === false) return err('false schema');
    if (!isObject(s)) return undefined;
    const t = typeOfValue(v);
    if (t === undefined) return err(`invalid jsonType ${typeof v}`);

    const types = this.types(s.type);
    if (types.length > 0) {
      const ok = types.includes(t) || (types.includes('integer') && t === 'number' && isIntegerValue(v));
      if (!ok) return err(`got ${t}, want ${types.join(' or ')}`);
    }
    if (Object.hasOwn(s, 'const') && !equals(v, s.const)) {
      const want = s.const;
      return err(Array.isArray(want) || isObject(want) ? "'const' failed" : `value must be ${display(want)}`);
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => equals(v, e))) {
      const all = s.enum;
      if (all.some((e) => Array.isArray(e) || isObject(e))) return err("'enum' failed");
      if (all.length === 1) return err(`value must be ${display(all[0])}`);
      return err(`value must be one of ${all.map(display).join(', ')}`);
    }
    if (typeof s.format === 'string' && this.draft < 2019) {
      const problem = checkFormat(s.format, v);
      if (problem !== undefined) return err(`${display(v)} is not valid ${s.format}: ${problem}`);
    }

    const errors: SchemaError[] = [];
    const add = (e: SchemaError | undefined) => {
      if (e) errors.push(e);
    };
    if (typeof s.$ref === 'string') {
      const e = this.validateRef(this.resolve(s.$ref), v, loc);
      // before 2019-09, $ref hides its sibling keywords
      if (this.draft < 2019) return e;
      add(e);
    }

    if (t === 'object') this.validateObject(s, v as Record<string, unknown>, loc, errors);
    else if (t === 'array') this.validateArray(s, v as unknown[], loc, errors);
    else if (t === 'string') this.validateString(s, v as string, loc, errors);
    else if (t === 'number') this.validateNumber(s, v, loc, errors);

    this.validateConditions(s, v, loc, errors);

    if (errors.length === 0) return undefined;
    if (errors.length === 1) return errors[0];
    return { location: loc, message: 'validation failed', group: true, causes: errors };
  }

  private validateRef(target: Schema, v: unknown, loc: string[]): SchemaError | undefined {
    const e = this.validate(target, v, loc);
    if (!e) return undefined;
    return { location: loc, message: 'validation failed', ref: true, causes: e.group ? e.causes : [e] };
  }

  private types(t: unknown): string[] {
    const list = typeof t === 'string' ? [t] : Array.isArray(t) ? t.filter((x) => typeof x === 'string') : [];
    return TYPE_ORDER.filter((x) => list.includes(x));
  }

  private validateObject(
    s: SchemaObject,
    obj: Record<string, unknown>,
    loc: string[],
    errors: SchemaError[],
  ): void {
    const at = (message: string): SchemaError => ({ location: loc, message, causes: [] });
    const keys = Object.keys(obj).sort();
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties)
      errors.push(at(`minProperties: got ${n(keys.length)}, want ${n(s.minProperties)}`));
    if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties)
      errors.push(at(`maxProperties: got ${n(keys.length)}, want ${n(s.maxProperties)}`));
    if (Array.isArray(s.required)) {
      const missing = (s.required as string[]).filter((p) => !Object.hasOwn(obj, p));
      if (missing.length === 1) errors.push(at(`missing property ${quote(missing[0]!)}`));
      else if (missing.length > 1) errors.push(at(`missing properties ${missing.map(quote).join(', ')}`));
    }
    if (this.draft < 2019 && isObject(s.dependencies)) {
      for (const [p, dep] of Object.entries(s.dependencies).sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (!Object.hasOwn(obj, p)) continue;
        if (Array.isArray(dep)) {
          const missing = (dep as string[]).filter((x) => !Object.hasOwn(obj, x));
          if (missing.length > 0)
            errors.push(at(`properties ${missing.map(quote).join(', ')} required, if ${quote(p)} exists`));
        } else {
          const e = this.validate(dep as Schema, obj, loc);
          if (e) errors.push(e);
        }
      }
    }
    const props = isObject(s.properties) ? s.properties : {};
    const patterns = isObject(s.patternProperties) ? Object.entries(s.patternProperties) : [];
    const additional: string[] = [];
    for (const k of keys) {
      let evaluated = false;
      if (Object.hasOwn(props, k)) {
        evaluated = true;
        const e = this.validate(props[k] as Schema, obj[k], [...loc, k]);
        if (e) errors.push(e);
      }
      for (const [re, sch] of patterns) {
        if (this.regexp(re).test(k)) {
          evaluated = true;
          const e = this.validate(sch as Schema, obj[k], [...loc, k]);
          if (e) errors.push(e);
        }
      }
      if (!evaluated && s.additionalProperties !== undefined) {
        if (s.additionalProperties === false) additional.push(k);
        else if (s.additionalProperties !== true) {
          const e = this.validate(s.additionalProperties as Schema, obj[k], [...loc, k]);
          if (e) errors.push(e);
        }
      }
    }
    if (additional.length > 0)
      errors.push(at(`additional properties ${additional.map(quote).join(', ')} not allowed`));
    if (this.draft >= 6 && s.propertyNames !== undefined) {
      for (const k of keys) {
        // the name is validated as a document of its own, so its errors sit at ''
        const e = this.validate(s.propertyNames as Schema, k, []);
        if (e)
          errors.push({
            location: [],
            message: `invalid propertyName ${quote(k)}`,
            causes: e.group ? e.causes : [e],
          });
      }
    }
    if (this.draft >= 2019) {
      if (isObject(s.dependentSchemas)) {
        for (const [p, sch] of Object.entries(s.dependentSchemas)) {
          if (!Object.hasOwn(obj, p)) continue;
          const e = this.validate(sch as Schema, obj, loc);
          if (e) errors.push(e);
        }
      }
      if (isObject(s.dependentRequired)) {
        for (const [p, req] of Object.entries(s.dependentRequired)) {
          if (!Object.hasOwn(obj, p) || !Array.isArray(req)) continue;
          const missing = (req as string[]).filter((x) => !Object.hasOwn(obj, x));
          if (missing.length > 0)
            errors.push(at(`properties ${missing.map(quote).join(', ')} required, if ${quote(p)} exists`));
        }
      }
    }
  }

  private validateArray(s: SchemaObject, arr: unknown[], loc: string[], errors: SchemaError[]): void {
    const at = (message: string, causes: SchemaError[] = []): SchemaError => ({
      location: loc,
      message,
      causes,
    });
    if (typeof s.minItems === 'number' && arr.length < s.minItems)
      errors.push(at(`minItems: got ${n(arr.length)}, want ${n(s.minItems)}`));
    if (typeof s.maxItems === 'number' && arr.length > s.maxItems)
      errors.push(at(`maxItems: got ${n(arr.length)}, want ${n(s.maxItems)}`));
    if (s.uniqueItems === true && arr.length > 1) {
      outer: for (let i = 1; i < arr.length; i++) {
        for (let j = 0; j < i; j++) {
          if (equals(arr[i], arr[j])) {
            errors.push(at(`items at ${n(j)} and ${n(i)} are equal`));
            break outer;
          }
        }
      }
    }
    // upstream numbers the items after a prefix from 0 again, so their paths restart there
    const each = (sch: Schema, from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const e = this.validate(sch, arr[i], [...loc, String(i - from)]);
        if (e) errors.push(e);
      }
    };
    if (this.draft < 2020) {
      let evaluated = 0;
      if (Array.isArray(s.items)) {
        const n = Math.min(arr.length, s.items.length);
        for (let i = 0; i < n; i++) {
          const e = this.validate(s.items[i] as Schema, arr[i], [...loc, String(i)]);
          if (e) errors.push(e);
        }
        evaluated = n;
      } else if (s.items !== undefined) {
        each(s.items as Schema, 0, arr.length);
        evaluated = arr.length;
      }
      if (s.additionalItems === false && evaluated !== arr.length)
        errors.push(at(`last ${n(arr.length - evaluated)} additionalItem(s) not allowed`));
      else if (
        s.additionalItems !== undefined &&
        typeof s.additionalItems !== 'boolean' &&
        Array.isArray(s.items)
      )
        each(s.additionalItems as Schema, evaluated, arr.length);
    } else {
      const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
      const n = Math.min(prefix.length, arr.length);
      for (let i = 0; i < n; i++) {
        const e = this.validate(prefix[i] as Schema, arr[i], [...loc, String(i)]);
        if (e) errors.push(e);
      }
      if (s.items !== undefined) each(s.items as Schema, n, arr.length);
    }
    if (s.contains !== undefined && this.draft >= 6) {
      const failures: SchemaError[] = [];
      const matched: number[] = [];
      arr.forEach((item, i) => {
        const e = this.validate(s.contains as Schema, item, [...loc, String(i)]);
        if (e) failures.push(e);
        else matched.push(i);
      });
      if (typeof s.minContains === 'number' && this.draft >= 2019) {
        if (matched.length < s.minContains) {
          const msg =
            matched.length === 0
              ? `min ${n(s.minContains)} items required to match contains schema, but none matched`
              : `min ${n(s.minContains)} items required to match contains schema, but matched ${n(matched.length)} items at ${matched.join(' ')}`;
          errors.push(at(msg, failures));
        }
      } else if (matched.length === 0) errors.push(at('no items match contains schema', failures));
      if (typeof s.maxContains === 'number' && this.draft >= 2019 && matched.length > s.maxContains)
        errors.push(
          at(
            `max ${n(s.maxContains)} items required to match contains schema, but matched ${n(matched.length)} items at ${matched.join(' ')}`,
          ),
        );
    }
  }

  private validateString(s: SchemaObject, str: string, loc: string[], errors: SchemaError[]): void {
    const at = (message: string): SchemaError => ({ location: loc, message, causes: [] });
    const len = [...str].length;
    if (typeof s.minLength === 'number' && len < s.minLength)
      errors.push(at(`minLength: got ${n(len)}, want ${n(s.minLength)}`));
    if (typeof s.maxLength === 'number' && len > s.maxLength)
      errors.push(at(`maxLength: got ${n(len)}, want ${n(s.maxLength)}`));
    if (typeof s.pattern === 'string' && !this.regexp(s.pattern).test(str))
      errors.push(at(`${quote(str)} does not match pattern ${quote(s.pattern)}`));
  }

  private validateNumber(s: SchemaObject, v: unknown, loc: string[], errors: SchemaError[]): void {
    const at = (message: string): SchemaError => ({ location: loc, message, causes: [] });
    const num = toRat(v);
    if (!num) return;
    const bound = (x: unknown) => (isNumber(x) ? toRat(x) : undefined);
    let minimum = bound(s.minimum);
    let maximum = bound(s.maximum);
    let exclusiveMin = bound(s.exclusiveMinimum);
    let exclusiveMax = bound(s.exclusiveMaximum);
    let exMinShown = s.exclusiveMinimum;
    let exMaxShown = s.exclusiveMaximum;
    // draft 4: exclusiveMinimum/Maximum are booleans turning minimum/maximum exclusive
    if (this.draft === 4) {
      if (s.exclusiveMinimum === true && minimum) {
        exclusiveMin = minimum;
        exMinShown = s.minimum;
        minimum = undefined;
      }
      if (s.exclusiveMaximum === true && maximum) {
        exclusiveMax = maximum;
        exMaxShown = s.maximum;
        maximum = undefined;
      }
    }
    const got = ratDisplay(v);
    if (minimum && cmpRat(num, minimum) < 0)
      errors.push(at(`minimum: got ${got}, want ${ratDisplay(s.minimum)}`));
    if (maximum && cmpRat(num, maximum) > 0)
      errors.push(at(`maximum: got ${got}, want ${ratDisplay(s.maximum)}`));
    if (exclusiveMin && cmpRat(num, exclusiveMin) <= 0)
      errors.push(at(`exclusiveMinimum: got ${got}, want ${ratDisplay(exMinShown)}`));
    if (exclusiveMax && cmpRat(num, exclusiveMax) >= 0)
      errors.push(at(`exclusiveMaximum: got ${got}, want ${ratDisplay(exMaxShown)}`));
    const multiple = bound(s.multipleOf);
    if (multiple && multiple.n !== 0n && (num.n * multiple.d) % (num.d * multiple.n) !== 0n)
      errors.push(at(`multipleOf: got ${got}, want ${ratDisplay(s.multipleOf)}`));
  }

  private validateConditions(s: SchemaObject, v: unknown, loc: string[], errors: SchemaError[]): void {
    const at = (message: string, causes: SchemaError[] = []): SchemaError => ({
      location: loc,
      message,
      causes,
    });
    if (s.not !== undefined && !this.validate(s.not as Schema, v, loc)) errors.push(at("'not' failed"));
    if (Array.isArray(s.allOf) && s.allOf.length > 0) {
      const failures = s.allOf.map((x) => this.validate(x as Schema, v, loc)).filter((e) => e !== undefined);
      if (failures.length > 0) errors.push(at("'allOf' failed", failures));
    }
    if (Array.isArray(s.anyOf) && s.anyOf.length > 0) {
      const failures: SchemaError[] = [];
      let matched = false;
      for (const x of s.anyOf) {
        const e = this.validate(x as Schema, v, loc);
        if (!e) {
          matched = true;
          break;
        }
        failures.push(e);
      }
      if (!matched) errors.push(at("'anyOf' failed", failures));
    }
    if (Array.isArray(s.oneOf) && s.oneOf.length > 0) {
      const failures: SchemaError[] = [];
      let matched = -1;
      for (let i = 0; i < s.oneOf.length; i++) {
        const e = this.validate(s.oneOf[i] as Schema, v, loc);
        if (e) {
          if (matched === -1) failures.push(e);
        } else if (matched === -1) matched = i;
        else {
          errors.push(at(`'oneOf' failed, subschemas ${n(matched)}, ${n(i)} matched`));
          break;
        }
      }
      if (matched === -1) errors.push(at("'oneOf' failed, none matched", failures));
    }
    if (this.draft >= 7 && s.if !== undefined) {
      const branch = this.validate(s.if as Schema, v, loc) ? s.else : s.then;
      if (branch !== undefined) {
        const e = this.validate(branch as Schema, v, loc);
        if (e) errors.push(e);
      }
    }
  }
}

/** santhosh's display: a `$ref` wrapper with one cause is transparent. */
function render(e: SchemaError, indent: number, out: string[]): void {
  let next = indent;
  if (!(e.ref && e.causes.length === 1)) {
    const pointer = e.location.map((t) => `/${escapePointer(t)}`).join('');
    out.push(`${'  '.repeat(indent)}- at ${quote(pointer)}: ${e.message}`);
    next = indent + 1;
  }
  for (const c of e.causes) render(c, next, out);
}

/**
 * Helm's ValidateAgainstSingleSchema: undefined when `values` satisfy the schema text, else the
 * error text Helm prints (one line per error, ending in a newline). Throws SchemaCompileError
 * when the schema itself is unusable.
 */
export function validateAgainstSchema(values: unknown, schemaText: string): string | undefined {
  let schema: Schema;
  try {
    schema = JSON.parse(schemaText) as Schema;
  } catch (e) {
    throw new SchemaCompileError(goJsonSyntaxError(schemaText, (e as Error).message));
  }
  const v = new Validator(schema);
  const err = v.validate(schema, values, []);
  if (!err) return undefined;
  const out: string[] = [];
  for (const c of err.group ? err.causes : [err]) render(c, 0, out);
  return `${out.join('\n')}\n`;
}

// --- formats asserted by drafts 4 to 7 ------------------------------------------------------

function checkFormat(format: string, v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  switch (format) {
    case 'email':
      return emailProblem(v);
    case 'hostname':
      return hostnameProblem(v);
    case 'ipv4':
      return ipv4Problem(v);
    case 'ipv6':
      return v.includes(':') ? undefined : 'missing colon';
    default:
      return undefined;
  }
}

function ipv4Problem(s: string): string | undefined {
  const groups = s.split('.');
  if (groups.length !== 4) return 'expected four decimals';
  for (const g of groups) {
    if (g.length > 1 && g[0] === '0') return 'leading zeros';
    if (!/^[+-]?\d+$/.test(g)) return `strconv.Atoi: parsing ${sprintf('%q', g)}: invalid syntax`;
    const n = Number(g);
    if (n < 0 || n > 255) return 'decimal must be between 0 and 255';
  }
  return undefined;
}

function hostnameProblem(host: string): string | undefined {
  const s = host.endsWith('.') ? host.slice(0, -1) : host;
  if (s.length > 253) return 'more than 253 characters long';
  for (const label of s.split('.')) {
    if (label.length < 1 || label.length > 63) return 'label must be 1 to 63 characters long';
    if (label.startsWith('-')) return 'label starts with hyphen';
    if (label.endsWith('-')) return 'label ends with hyphen';
    for (const ch of label) {
      if (!/[a-zA-Z0-9-]/.test(ch)) return `invalid character ${goRune(ch)}`;
    }
  }
  return undefined;
}

function emailProblem(s: string): string | undefined {
  if (s.length > 254) return 'more than 255 characters long';
  const at = s.lastIndexOf('@');
  if (at < 0) return 'missing @';
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local.length > 64) return 'local part more than 64 characters long';
  if (local.length > 1 && local.startsWith('"')) {
    const inner = local.slice(1, -1);
    if (inner.includes('\\') || inner.includes('"'))
      return 'backslash and quote are not allowed within quoted local part';
  } else {
    if (local.startsWith('.')) return 'starts with dot';
    if (local.endsWith('.')) return 'ends with dot';
    if (local.includes('..')) return 'consecutive dots';
    for (const ch of local) {
      if (!/[a-zA-Z0-9]/.test(ch) && !".!#$%&'*+-/=?^_`{|}~".includes(ch))
        return `invalid character ${goRune(ch)}`;
    }
  }
  if (domain.startsWith('[') && domain.endsWith(']')) {
    const inner = domain.slice(1, -1);
    if (inner.startsWith('IPv6:')) {
      const p = inner.slice(5).includes(':') ? undefined : 'missing colon';
      return p ? `invalid ipv6 address: ${p}` : undefined;
    }
    const p = ipv4Problem(inner);
    return p ? `invalid ipv4 address: ${p}` : undefined;
  }
  const p = hostnameProblem(domain);
  return p ? `invalid domain: ${p}` : undefined;
}

/** Go's %q of a rune, for the plain characters these messages meet. */
function goRune(ch: string): string {
  return ch === "'" ? "'\\''" : ch === '\\' ? "'\\\\'" : `'${ch}'`;
}

/** encoding/json's decoder message for text JSON.parse rejected. */
function goJsonSyntaxError(text: string, jsMessage: string): string {
  if (text.trim() === '') return 'EOF';
  const pos = /position (\d+)/.exec(jsMessage);
  const at = pos ? Number(pos[1]) : text.length;
  if (at >= text.trimEnd().length || /end of JSON input/.test(jsMessage)) return 'unexpected EOF';
  return `invalid character ${goRune(text[at]!)} looking for beginning of value`;
}

/**
 * Helm's ValidateAgainstSchema: the chart's schema, then each subchart's against its own values;
 * undefined when all hold, else the text Helm prints after its "values don't meet..." line.
 */
export function validateValuesAgainstSchemas(chart: Chart, values: GoMap): string | undefined {
  let out = '';
  if (chart.schema) {
    let problem: string | undefined;
    try {
      problem = validateAgainstSchema(values, new TextDecoder().decode(chart.schema));
    } catch (e) {
      if (!(e instanceof SchemaCompileError)) throw e;
      problem = e.message;
    }
    if (problem !== undefined) out += `${chart.name()}:\n${problem}`;
  }
  for (const sub of chart.dependencies) {
    const raw = Object.hasOwn(values, sub.name()) ? values[sub.name()] : undefined;
    if (raw === undefined || raw === null) continue;
    if (!isMap(raw)) {
      out += `${sub.name()}:\ninvalid type for values: expected object (map), got ${sprintf('%T', raw)}\n`;
      continue;
    }
    const p = validateValuesAgainstSchemas(sub, raw);
    if (p !== undefined) out += p;
  }
  return out === '' ? undefined : out;
}

