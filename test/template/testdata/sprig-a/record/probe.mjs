// usage: node probe.mjs in.json out.json ; in = [{expr, values?}] ; runs each expr in its own chart
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
const HELM = process.env.HELM ?? join(homedir(), '.cache/bosun-reference/helm');
const work = mkdtempSync(join(tmpdir(), 'sprig-a-probe-'));
const [,, inp, outp] = process.argv;
const cases = JSON.parse(readFileSync(inp, 'utf8'));
const DEFAULT_VALUES = readFileSync(new URL('values.yaml', import.meta.url), 'utf8');
const run = (i, c) => new Promise((res) => {
  const dir = join(work, `c${i}`);
  mkdirSync(`${dir}/templates`, { recursive: true });
  writeFileSync(`${dir}/Chart.yaml`, 'apiVersion: v2\nname: t\nversion: 0.1.0\n');
  writeFileSync(`${dir}/values.yaml`, c.values ?? DEFAULT_VALUES);
  writeFileSync(`${dir}/templates/NOTES.txt`, `<<<${c.expr}>>>`);
  execFile(HELM, ['install', 'x', dir, '--dry-run=client'], { encoding: 'buffer' }, (err, stdout, stderr) => {
    const out = stdout.toString('latin1');
    const m = /NOTES:\n<<<([\s\S]*)>>>/.exec(out);
    if (m) { const b = Buffer.from(m[1], 'latin1'); res({ ...c, out: b.toString('utf8'), ...(b.toString('utf8') !== new TextDecoder('utf-8',{fatal:false}).decode(b) || !isValid(b) ? { hex: b.toString('hex') } : {}) }); return; }
    const e = stderr.toString('utf8').trim();
    const em = /error calling \w+: ([\s\S]*)$/.exec(e);
    res({ ...c, err: em ? em[1] : e });
  });
});
function isValid(b) { try { new TextDecoder('utf-8', { fatal: true }).decode(b); return true; } catch { return false; } }
const results = [];
const N = 16; let next = 0;
await Promise.all(Array.from({ length: N }, async () => { while (next < cases.length) { const i = next++; results[i] = await run(i, cases[i]); } }));
writeFileSync(outp, JSON.stringify(results, null, 1));
