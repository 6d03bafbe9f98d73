#!/usr/bin/env node
// Builds a throw-away corpus (the layout ../shared/tools/corpus-check.py reads) for the charts of
// ../shared/fixtures/helm-corpus that have no recorded case, by running the real helm twice on
// each (`helm template rel charts/X --namespace default`), then prints the corpus-check command.
// Usage: node scripts/corpus-extra.mjs [OUT_DIR]   (helm from $HELM or ~/.cache/bosun-reference)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const corpus = resolve(new URL('../../shared/fixtures/helm-corpus', import.meta.url).pathname);
const helm = process.env.HELM ?? join(homedir(), '.cache/bosun-reference/helm');
const out = resolve(process.argv[2] ?? join(tmpdir(), 'bosun-corpus-extra'));
if (!existsSync(corpus)) throw new Error(`no corpus at ${corpus}`);
mkdirSync(join(out, 'cases'), { recursive: true });
if (!existsSync(join(out, 'charts'))) symlinkSync(join(corpus, 'charts'), join(out, 'charts'));
const recorded = new Set(readdirSync(join(corpus, 'cases')).map((c) => c.replace(/--.*$/, '')));
let n = 0;
for (const chart of readdirSync(join(corpus, 'charts')).sort()) {
  if (recorded.has(chart)) continue;
  const command = ['helm', 'template', 'rel', `charts/${chart}`, '--namespace', 'default'];
  const run = () =>
    spawnSync(helm, command.slice(1), { cwd: out, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  const a = run();
  const b = run();
  const dir = join(out, 'cases', `${chart}--defaults`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'case.json'), JSON.stringify({ command, exit: a.status, stderr: a.stderr }, null, 1));
  writeFileSync(join(dir, 'expected.1.yaml'), a.stdout);
  writeFileSync(join(dir, 'expected.2.yaml'), b.stdout);
  n++;
}
console.log(`${n} charts recorded into ${out}`);
console.log(`python3 ${resolve(corpus, '../../tools/corpus-check.py')} ${out} -- node ${resolve("dist/bosun.mjs")} helm`);
