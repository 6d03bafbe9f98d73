#!/usr/bin/env node
// Re-records test/template/testdata/fmt/golden.json from the real helm binary: every line of
// cases.txt (a template call such as `printf "%05d" 42`) is rendered in one NOTES.txt between
// markers, and what helm prints for it is the expected output of our fmt.
//
//   node scripts/record-fmt.mjs [path/to/helm]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'test/template/testdata/fmt');
const helm = process.argv[2] ?? join(process.env.HOME ?? '/root', '.cache/bosun-reference/helm');

const calls = readFileSync(join(dataDir, 'cases.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));

const chart = mkdtempSync(join(tmpdir(), 'record-fmt-'));
try {
  mkdirSync(join(chart, 'templates'));
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: fmt\nversion: 0.1.0\n');
  writeFileSync(join(chart, 'values.yaml'), '{}\n');
  // cases reach a []byte through .Files.GetBytes "hi.txt"
  writeFileSync(join(chart, 'hi.txt'), 'h\u00e9\n');
  const notes = calls.map((c, i) => `\u27ea${i}\u27eb{{ ${c} }}\u27ea/${i}\u27eb`).join('\n');
  writeFileSync(join(chart, 'templates/NOTES.txt'), notes);
  const out = execFileSync(helm, ['install', 'x', chart, '--dry-run=client'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const golden = calls.map((call, i) => {
    const start = out.indexOf(`\u27ea${i}\u27eb`);
    const end = out.indexOf(`\u27ea/${i}\u27eb`);
    if (start < 0 || end < 0) throw new Error(`no output for case ${i}: ${call}`);
    return { call, out: out.slice(start + `\u27ea${i}\u27eb`.length, end) };
  });
  writeFileSync(join(dataDir, 'golden.json'), `${JSON.stringify(golden, null, 1)}\n`);
  console.log(`recorded ${golden.length} cases`);
} finally {
  rmSync(chart, { recursive: true, force: true });
}
