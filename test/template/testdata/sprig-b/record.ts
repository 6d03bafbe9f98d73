/**
 * Records what the real helm prints for every case template into golden.json.
 * Run: npx tsx test/template/testdata/sprig-b/record.ts [helm-binary]
 * Each template is rendered alone (as NOTES.txt of a scratch chart, TZ=UTC) so one error does
 * not hide the others; a template's stored result is either its output or its error text.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allCases } from './cases.ts';

const helm = process.argv[2] ?? '/root/.cache/bosun-reference/helm';
const chart = mkdtempSync(join(tmpdir(), 'sprig-b-'));
mkdirSync(join(chart, 'templates'));
writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: t\nversion: 0.1.0\n');
writeFileSync(join(chart, 'values.yaml'), 'a: 1\n');

const golden: Record<string, { out: string } | { err: string }> = {};
for (const cases of Object.values(allCases)) {
  for (const [tpl] of cases) {
    writeFileSync(join(chart, 'templates', 'NOTES.txt'), `<<<${tpl}>>>`);
    try {
      const out = execFileSync(helm, ['install', 'x', chart, '--dry-run=client'], {
        env: { ...process.env, TZ: 'UTC' },
        stdio: ['ignore', 'pipe', 'pipe'],
      }).toString();
      golden[tpl] = { out: /<<<([\s\S]*)>>>/.exec(out)![1]! };
    } catch (e) {
      const stderr = String((e as { stderr?: Buffer }).stderr ?? e).replace(/\n$/, "");
      // keep what follows the executor's position prefix: "error calling f: ..." or the like
      const m = /executing "[^"]*" at <.*?>: ([\s\S]*)$/.exec(stderr);
      golden[tpl] = { err: m ? m[1]! : stderr };
    }
  }
}
writeFileSync(new URL('./golden.json', import.meta.url), `${JSON.stringify(golden, null, 1)}\n`);
console.log(`recorded ${Object.keys(golden).length} templates`);
