/**
 * Field selectors as apimachinery's `fields` package: `metadata.name=x,status.phase!=Running`,
 * with `\,` `\=` `\\` escapes in values, matched against the field labels a resource exposes.
 */
import { SelectorError } from './labels.ts';

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  field: string;
  operator: FieldOperator;
  value: string;
}

export type FieldSet = Record<string, string>;

export class FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[] = []) {}

  static everything(): FieldSelector {
    return new FieldSelector();
  }

  /** A missing field reads as the empty string, as upstream's fields.Set.Get. */
  matches(fields: FieldSet): boolean {
    return this.requirements.every((r) => {
      const actual = Object.hasOwn(fields, r.field) ? fields[r.field] : '';
      return r.operator === '!=' ? actual !== r.value : actual === r.value;
    });
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator !== '!=')?.value;
  }

  /** Upstream prints `==` terms as `=` and leaves values unescaped. */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${r.value}`).join(',');
  }
}

// Splits on commas not preceded by a backslash; the backslash stays in the term.
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const termOperators: FieldOperator[] = ['!=', '==', '='];

// The field name has no escaping: the first operator found splits the term.
function splitTerm(term: string): [string, FieldOperator, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** fields.UnescapeValue. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let escaped = false;
  for (const c of s) {
    if (escaped) {
      if (c !== '\\' && c !== ',' && c !== '=')
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      escaped = false;
      continue;
    }
    if (c === '\\') escaped = true;
    // Upstream prints the rune with %v, i.e. as its code point number.
    else if (c === ',' || c === '=')
      throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (escaped) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** fields.EscapeValue. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fields.ParseSelector: terms are sorted (as strings) before they are parsed. */
export function parseFieldSelector(selector: string): FieldSelector {
  const parts = splitTerms(selector).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, operator, raw] = split;
    reqs.push({ field, operator, value: unescapeFieldValue(raw) });
  }
  return new FieldSelector(reqs);
}

/** fields.SelectorFromSet. */
export function fieldSelectorFromSet(set: FieldSet): FieldSelector {
  return new FieldSelector(Object.entries(set).map(([field, value]) => ({ field, operator: '=', value })));
}

/**
 * The API server's check that every field of a selector is one the resource supports
 * (metadata.name and metadata.namespace always, plus the resource's own field labels).
 * Throws upstream's `field label not supported: X`.
 */
export function checkFieldLabels(selector: FieldSelector, supported: Iterable<string>): void {
  const allowed = new Set(supported);
  for (const r of selector.requirements) {
    if (!allowed.has(r.field)) throw new SelectorError(`field label not supported: ${r.field}`);
  }
}

/** The field labels every object has (generic registry's DefaultClusterScopedAttr/DefaultNamespaceScopedAttr). */
export function objectMetaFieldSet(obj: { metadata?: Record<string, any> }, namespaced: boolean): FieldSet {
  const set: FieldSet = { 'metadata.name': obj.metadata?.name ?? '' };
  if (namespaced) set['metadata.namespace'] = obj.metadata?.namespace ?? '';
  return set;
}
