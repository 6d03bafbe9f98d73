// Re-records ../cases.json from the real helm:
//   node cases.mjs /tmp/src.json && node gen.mjs /tmp/src.json ../cases.json
// usage: node gen.mjs cases-src.json out.json  -- probes helm for each case's %T|%v or error
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const here = new URL('.', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'sprig-a-'));
const [,, src, out] = process.argv;
const cases = JSON.parse(readFileSync(src, 'utf8'));
function lit(a) {
  if (typeof a === 'string') return JSON.stringify(a);
  if (a === null) return 'nil';
  if (typeof a === 'boolean') return String(a);
  if (typeof a === 'number') return Number.isInteger(a) ? String(a) : String(a);
  if ('i' in a) return String(a.i);
  if ('i64' in a) return `(int64 ${a.i64})`;
  if ('f' in a) {
    if (typeof a.f === 'string') return `(float64 ${JSON.stringify(a.f)})`;
    const s = String(a.f);
    return /[.e]/.test(s) ? s : `${s}.0`;
  }
  if ('u' in a) return '.Values.nope';
  if ('l' in a) return `(list ${a.l.map(lit).join(' ')})`;
  if ('m' in a) return `(dict ${Object.entries(a.m).map(([k, v]) => `${JSON.stringify(k)} ${lit(v)}`).join(' ')})`;
  if ('ss' in a) return `(splitList "\\x1f" ${JSON.stringify(a.ss.join('\x1f'))})`;
  throw new Error(`bad arg ${JSON.stringify(a)}`);
}
const probes = cases.map((c) => {
  const [fn, ...args] = c.call;
  return { expr: `{{ $v := ${[fn, ...args.map(lit)].join(' ')} }}{{ printf "%T|%v" $v $v }}` };
});
writeFileSync(join(work, 'gen.in.json'), JSON.stringify(probes));
execFileSync('node', [join(here, 'probe.mjs'), join(work, 'gen.in.json'), join(work, 'gen.out.json')]);
const res = JSON.parse(readFileSync(join(work, 'gen.out.json'), 'utf8'));
const outCases = cases.map((c, i) => {
  const r = res[i];
  const o = { call: c.call, template: r.expr.replace(/^\{\{ \$v := /, '{{ ').replace(/ \}\}\{\{ printf.*$/, ' }}') };
  if ('out' in r) o.want = r.out; else {
    o.err = r.err.replace(/^Error: INSTALLATION FAILED: /, '');
    const m = /^execution error at \([^)]*\):\s?([\s\S]*)$/.exec(o.err);
    if (m) { o.err = m[1]; o.note = "helm's engine rewrites fail's error as 'execution error at (file:line:col): MSG'"; }
  }
  if (c.note) o.note = c.note;
  return o;
});
writeFileSync(out, JSON.stringify(outCases, null, 1) + '\n');
for (const o of outCases) console.log(o.template, '=>', o.want !== undefined ? JSON.stringify(o.want) : 'ERR ' + JSON.stringify(o.err));
