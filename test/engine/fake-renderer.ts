/**
 * A stand-in for the template room in engine tests: it understands only the few actions our
 * test charts use, so these tests check the data each file gets and the post-processing, not
 * template execution.
 */
import type { TemplateRenderer } from '../../src/engine/index.ts';
import { isMap, mapGet } from '../../src/template/index.ts';
import { goJson } from '../chart/gojson.ts';

const ACTION = /\{\{\s*(.*?)\s*\}\}/g;

function lookup(data: Record<string, unknown>, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split('.').filter((p) => p !== ''))
    cur = isMap(cur) ? mapGet(cur, part) : undefined;
  return cur;
}

export const fakeRenderer: TemplateRenderer = (files, dataFor) => {
  const out = new Map<string, string>();
  for (const [name, source] of files) {
    if (name.slice(name.lastIndexOf('/') + 1).startsWith('_')) continue;
    const data = dataFor(name);
    data.Template = { Name: name, BasePath: name.slice(0, name.lastIndexOf('/')) };
    out.set(
      name,
      source.replace(ACTION, (_, expr: string) => {
        const json = /^toJson (\.[\w.]*)$/.exec(expr);
        if (json) return goJson(lookup(data, json[1]!));
        const field = /^(\.[\w.]+)$/.exec(expr);
        if (field) return String(lookup(data, field[1]!) ?? '');
        throw new Error(`fake renderer cannot evaluate {{ ${expr} }}`);
      }),
    );
  }
  return out;
};
