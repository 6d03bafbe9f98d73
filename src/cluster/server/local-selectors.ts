// Label and field selectors for list and watch, until the selectors room
// (src/kube/selectors) is wired in through the Selectors interface. Covers the
// grammar kubectl sends: `k`, `!k`, `k=v`, `k==v`, `k!=v`, `k in (a,b)`,
// `k notin (a,b)` for labels; `f=v`, `f==v`, `f!=v` for fields.

import { type FieldSelector, type Matcher, SelectorError, type Selectors } from './deps.ts';

type Requirement = (labels: Record<string, string>) => boolean;

/** Splits on commas outside parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

function labelRequirement(part: string): Requirement {
  let m = /^!\s*([^\s!=(),]+)$/.exec(part);
  if (m) {
    const key = m[1];
    return (labels) => !(key in labels);
  }
  m = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(part);
  if (m) {
    const [, key, op, list] = m;
    const values = new Set(list.split(',').map((v) => v.trim()));
    return op === 'in'
      ? (labels) => key in labels && values.has(labels[key])
      : (labels) => !(key in labels) || !values.has(labels[key]);
  }
  m = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(part);
  if (m) {
    const [, key, op, value] = m;
    return op === '!=' ? (labels) => labels[key] !== value : (labels) => labels[key] === value;
  }
  m = /^([^\s!=(),<>]+)\s*([<>])\s*(-?\d+)$/.exec(part);
  if (m) {
    const [, key, op, bound] = m;
    const n = Number(bound);
    return (labels) => {
      if (!(key in labels) || !/^-?\d+$/.test(labels[key])) return false;
      return op === '>' ? Number(labels[key]) > n : Number(labels[key]) < n;
    };
  }
  m = /^([^\s!=(),]+)$/.exec(part);
  if (m) {
    const key = m[1];
    return (labels) => key in labels;
  }
  throw new SelectorError(`unable to parse requirement: found '${part}', expected: identifier`);
}

function labelSelector(text: string): Matcher<Record<string, string>> {
  if (text.trim() === '') return () => true;
  const requirements = splitTop(text).map(labelRequirement);
  return (labels) => requirements.every((r) => r(labels));
}

function fieldSelector(text: string): FieldSelector {
  const terms: { field: string; value: string; negated: boolean }[] = [];
  if (text.trim() !== '') {
    for (const part of text.split(',')) {
      const m = /^\s*([^!=\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
      if (!m) throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
      terms.push({ field: m[1], value: m[3], negated: m[2] === '!=' });
    }
  }
  return {
    fields: terms.map((t) => t.field),
    matches: (fields) => terms.every((t) => (fields[t.field] === t.value) !== t.negated),
    exact: (field) =>
      terms.length === 1 && terms[0].field === field && !terms[0].negated ? terms[0].value : undefined,
  };
}

export const localSelectors: Selectors = { labelSelector, fieldSelector };
