// Records `helm template rel CHART` (stdout, first error line, exit) for every chart of the
// course's ch10 into testdata/kiamol-ch10.json:  node test/compat/record-kiamol.mjs [HELM]
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const helm = process.argv[2] ?? process.env.HELM ?? join(homedir(), '.cache/bosun-reference/helm');
const ch10 = resolve(new URL('../../../shared/fixtures/kiamol/ch10', import.meta.url).pathname);
const charts = readdirSync(ch10, { recursive: true })
  .filter((f) => f.endsWith('Chart.yaml'))
  .map((f) => dirname(f))
  .sort();
const out = {};
for (const c of charts) {
  const r = spawnSync(helm, ['template', 'rel', c], { cwd: ch10, encoding: 'utf8' });
  out[c] = { exit: r.status, stdout: r.stdout, error: r.stderr.split('\n').find((l) => l.startsWith('Error:')) ?? '' };
}
writeFileSync(new URL('./testdata/kiamol-ch10.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(`${charts.length} charts recorded from ${relative(process.cwd(), ch10)}`);
