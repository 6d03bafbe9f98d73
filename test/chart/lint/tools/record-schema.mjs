// Records real helm's values.schema.json messages for testdata/schema-inputs.json into
// testdata/expected-schema.json: each case becomes a throwaway chart linted by helm, and the text
// after "[ERROR] values.yaml: " is kept (empty when the values are valid).
// Usage: node record-schema.mjs [path to helm]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const helm = process.argv[2] ?? '/root/.cache/bosun-reference/helm';
const testdata = resolve(dirname(fileURLToPath(import.meta.url)), '../testdata');
const inputs = JSON.parse(readFileSync(join(testdata, 'schema-inputs.json'), 'utf8'));
const out = [];
for (const c of inputs) {
  const dir = mkdtempSync(join(tmpdir(), 'lint-schema-'));
  const chart = join(dir, 'c');
  mkdirSync(chart);
  writeFileSync(
    join(chart, 'Chart.yaml'),
    'apiVersion: v2\nname: c\nversion: 0.1.0\nicon: https://example.com/i.png\n',
  );
  writeFileSync(join(chart, 'values.yaml'), c.values);
  writeFileSync(join(chart, 'values.schema.json'), JSON.stringify(c.schema));
  const r = spawnSync(helm, ['lint', chart], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  const m = /\[ERROR\] values\.yaml: ([\s\S]*?)\n\[WARNING\] templates\//.exec(r.stdout);
  out.push({ ...c, expected: m ? m[1] : '' });
}
writeFileSync(join(testdata, 'expected-schema.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(`${out.length} schema cases`);
