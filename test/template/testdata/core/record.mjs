#!/usr/bin/env node
// Records golden outputs for *.cases from the real helm binary (tests never call helm).
// Usage: node test/template/testdata/core/record.mjs [name ...]   (default: every *.cases)
//
// A .cases file holds one template per line ("⏎" stands for a newline, "␉" for a tab);
// "@values JSON" sets the values for the cases that follow, "@strict on|off" toggles --strict,
// "@wrap tpl|off" runs cases through tpl (Go's full error text), "#" starts a comment. Each case renders as t/templates/x.txt; the golden file records
// its output, or the error helm prints after "Error: ".
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HELM = process.env.HELM_BIN ?? '/root/.cache/bosun-reference/helm';
const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.cases'))
  .filter((f) => wanted.length === 0 || wanted.includes(basename(f, '.cases')));

export function parseCases(text) {
  const cases = [];
  let values = {};
  let strict = false;
  let wrapTpl = false;
  for (const raw of text.split('\n')) {
    if (raw.startsWith('@wrap ')) {
      // "@wrap tpl": each case is run through Helm's tpl, whose errors keep Go's full text.
      wrapTpl = raw.slice(6).trim() === 'tpl';
      continue;
    }
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    if (raw.startsWith('@values ')) {
      values = JSON.parse(raw.slice(8));
      continue;
    }
    if (raw.startsWith('@strict ')) {
      strict = raw.slice(8).trim() === 'on';
      continue;
    }
    const tpl = raw.replaceAll('⏎', '\n').replaceAll('␉', '\t');
    if (wrapTpl) cases.push({ values: { ...values, src: tpl }, strict, tpl: '{{ tpl .Values.src . }}' });
    else cases.push({ values, strict, tpl });
  }
  return cases;
}

const work = mkdtempSync(join(tmpdir(), 'bosun-record-'));
let seq = 0;

function helm(tpl, values, strict) {
  const dir = join(work, `c${seq++}`);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: t\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'values.yaml'), JSON.stringify(values));
  writeFileSync(join(dir, 'templates', 'x.txt'), tpl);
  const args = ['template', 'x', dir, '--debug'];
  if (strict) args.push('--strict');
  return new Promise((resolve) => {
    execFile(HELM, args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function record(c) {
  const marked = await helm(`<<<${c.tpl}>>>`, c.values, c.strict);
  const src = '# Source: t/templates/x.txt\n';
  const i = marked.stdout.indexOf(src);
  if (i >= 0) {
    const body = marked.stdout.slice(i + src.length);
    const end = body.lastIndexOf('>>>');
    if (body.startsWith('<<<') && end >= 3) return { ...c, out: body.slice(3, end) };
  }
  // An error: run the template as is so positions are the template's own.
  const plain = await helm(c.tpl, c.values, c.strict);
  const m = /Error: ([\s\S]*)\n$/.exec(plain.stderr.replace(/^level=.*\n/gm, ''));
  if (!m) throw new Error(`no output and no error for ${JSON.stringify(c.tpl)}: ${plain.stderr}`);
  return { ...c, err: m[1] };
}

async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

for (const f of files) {
  const cases = parseCases(readFileSync(join(here, f), 'utf8'));
  const results = await pool(cases, 8, record);
  // Values sets are stored once and referenced by index, one case per line.
  const valueSets = [];
  const key = (v) => JSON.stringify(v);
  const cases2 = results.map(({ values, strict, tpl, out, err }) => {
    let vi = valueSets.findIndex((v) => key(v) === key(values));
    if (vi < 0) vi = valueSets.push(values) - 1;
    return Object.assign({ tpl, values: vi }, strict ? { strict } : {}, err !== undefined ? { err } : { out });
  });
  const text = `{"valueSets": [\n${valueSets.map((v) => JSON.stringify(v)).join(',\n')}\n],\n"cases": [\n${cases2.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`;
  writeFileSync(join(here, f.replace(/\.cases$/, '.golden.json')), text);
  const golden = cases2;
  console.log(`${f}: ${golden.length} cases`);
}
rmSync(work, { recursive: true, force: true });
