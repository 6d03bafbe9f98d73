// Records what the real helm prints for each bad-input case into expected.json:
//   node test/bad-input/record.mjs [HELM]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cases } from './cases.mjs';

const helm = process.argv[2] ?? process.env.HELM ?? join(homedir(), '.cache/bosun-reference/helm');
const out = {};
for (const c of cases) {
  const dir = mkdtempSync(join(tmpdir(), 'bad-input-'));
  const args = c.setup(dir);
  const r = spawnSync(helm, ['template', 'rel', ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  const first = (r.stderr.split('\n').find((l) => l.startsWith('Error:')) ?? '').replaceAll(dir, '$DIR');
  out[c.name] = r.status === 0 ? { exit: 0, stdout: r.stdout } : { exit: r.status, error: first };
  console.log(`${c.name}: exit ${r.status} ${first.slice(0, 140)}`);
  rmSync(dir, { recursive: true, force: true });
}
writeFileSync(new URL('./expected.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
