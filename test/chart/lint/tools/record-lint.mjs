// Records what the real helm prints for the lint cases into test/chart/lint/testdata/*.json.
// Usage: node record-lint.mjs [path to helm]   (default /root/.cache/bosun-reference/helm)
// Absolute paths of the working directory are stored as $CWD, so the files compare anywhere.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const helm = process.argv[2] ?? '/root/.cache/bosun-reference/helm';
const here = dirname(fileURLToPath(import.meta.url));
const testdata = resolve(here, '../testdata');
const shared = resolve(here, '../../../../../shared/fixtures');
const cases = JSON.parse(readFileSync(join(testdata, 'cases.json'), 'utf8'));

function run(args, cwd) {
  const env = { ...process.env, HELM_NAMESPACE: '', TZ: 'UTC' };
  delete env.HELM_NAMESPACE;
  const r = spawnSync(helm, args, { cwd, encoding: 'utf8', env });
  const clean = (s) => s.replaceAll(cwd, '$CWD');
  return { stdout: clean(r.stdout), stderr: clean(r.stderr), exit: r.status };
}

function record(list, cwd, file) {
  const out = list.map((c) => ({ ...c, ...run(c.args, cwd) }));
  writeFileSync(join(testdata, file), `${JSON.stringify(out, null, 1)}\n`);
  console.log(`${file}: ${out.length} cases`);
}

record(cases.own, testdata, 'expected-own.json');
record(cases.kiamol, join(shared, 'kiamol/ch10'), 'expected-kiamol.json');
const corpusDir = join(shared, 'helm-corpus');
const charts = readdirSync(join(corpusDir, 'charts')).sort();
record(
  charts.flatMap((c) => [
    { name: c, args: ['lint', `charts/${c}`] },
    { name: `${c} --with-subcharts`, args: ['lint', '--with-subcharts', `charts/${c}`] },
  ]),
  corpusDir,
  'expected-corpus.json',
);
