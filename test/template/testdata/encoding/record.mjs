// Records what the real helm prints for every serialization case in inputs.mjs.
// usage: node test/template/testdata/encoding/record.mjs  (needs the reference helm binary)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXPRESSIONS, PIPES, inputs } from './inputs.mjs';

const HELM = process.env.HELM ?? '/root/.cache/bosun-reference/helm';
const here = path.dirname(new URL(import.meta.url).pathname);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bosun-encoding-'));
fs.mkdirSync(path.join(dir, 'templates'));
fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: t\nversion: 0.1.0\n');

const cases = [];
for (const [pipe, list] of Object.entries(inputs)) for (const input of list) cases.push({ pipe, input });
for (const name of Object.keys(EXPRESSIONS)) cases.push({ pipe: 'expr', input: name });
const strings = Object.fromEntries(cases.map((c, i) => [`c${i}`, c.input]));
/** A YAML double-quoted string that escapes everything outside printable ASCII. */
const yamlQuote = (s) =>
  `"${Array.from(s)
    .map((ch) => {
      const c = ch.codePointAt(0);
      if (ch === '"' || ch === '\\') return `\\${ch}`;
      if (c >= 0x20 && c < 0x7f) return ch;
      return c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    })
    .join('')}"`;
const valuesYaml = `s:\n${Object.entries(strings)
  .map(([k, v]) => `  ${k}: ${yamlQuote(v)}\n`)
  .join('')}`;
fs.writeFileSync(path.join(dir, 'values.yaml'), valuesYaml);

function render(indices) {
  const body = indices
    .map((i) => {
      const c = cases[i];
      const tpl = c.pipe === 'expr' ? EXPRESSIONS[c.input] : PIPES[c.pipe].replaceAll('$IN', `.Values.s.c${i}`);
      return `@@@BEGIN ${i}@@@${tpl}@@@END@@@`;
    })
    .join('\n');
  fs.writeFileSync(path.join(dir, 'templates', 'NOTES.txt'), body);
  return spawnSync(HELM, ['install', 'x', dir, '--dry-run=client'], { encoding: 'utf8' });
}

const all = cases.map((_, i) => i);
const outputs = {};
/** Renders a group of cases; a failing group is split until each failure stands alone. */
function renderAll(indices) {
  const r = render(indices);
  if (r.status === 0) {
    for (const m of r.stdout.matchAll(/@@@BEGIN (\d+)@@@([\s\S]*?)@@@END@@@/g)) outputs[m[1]] = m[2];
    return;
  }
  if (indices.length > 1) {
    const half = indices.length >> 1;
    renderAll(indices.slice(0, half));
    renderAll(indices.slice(half));
    return;
  }
  const m = /error calling \w+: ([\s\S]*)$/.exec(r.stderr.trim());
  if (!m) throw new Error(`case ${indices[0]} failed outside the function: ${r.stderr}`);
  cases[indices[0]].err = m[1];
}
renderAll(all);
for (const i of all) if (i in outputs) cases[i].out = outputs[i];
fs.rmSync(dir, { recursive: true });
fs.writeFileSync(path.join(here, 'cases.json'), `${JSON.stringify(cases, null, 1)}\n`);
console.log(`${cases.length} cases recorded`);
