/**
 * The built startup snapshot (dist/bosun.blob, started by dist/bosun): it prints what the CLI
 * started without it prints, with this run's argv, working directory and environment (none of
 * the build's). Runs against the build in BOSUN_DIST or dist/ (`npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dist = resolve(process.env.BOSUN_DIST ?? new URL('../../../dist/', import.meta.url).pathname);
const built = existsSync(join(dist, 'bosun.blob'));
const work = mkdtempSync(join(tmpdir(), 'bosun-snapshot-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

mkdirSync(join(work, 'chart/templates'), { recursive: true });
writeFileSync(join(work, 'chart/Chart.yaml'), 'apiVersion: v2\nname: snap\nversion: 0.1.0\n');
writeFileSync(join(work, 'chart/values.yaml'), 'greeting: hello\n');
writeFileSync(
  join(work, 'chart/templates/cm.yaml'),
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\ndata:\n  greeting: {{ .Values.greeting }}\n  extra: {{ .Values.extra | default "none" }}\n  pass: {{ randAlphaNum 12 | len }}\n',
);
writeFileSync(join(work, 'override.yaml'), 'greeting: from-file\n');

interface Case {
  name: string;
  args: string[];
  env?: Record<string, string>;
}

// relative paths resolve against this run's directory; flags and values are this run's
const cases: Case[] = [
  { name: 'defaults', args: ['helm', 'template', 'one', './chart'] },
  {
    name: 'flags and a values file',
    args: ['helm', 'template', 'two', 'chart', '-n', 'ns', '-f', 'override.yaml', '--set', 'extra=x'],
  },
  { name: 'a user error', args: ['helm', 'template', 'three', './missing'] },
  { name: 'version', args: ['--version'] },
  { name: 'another command', args: ['helm', 'show', 'chart', './chart'] },
  {
    name: 'with NODE_EXTRA_CA_CERTS set',
    args: ['helm', 'template', 'four', './chart'],
    env: { NODE_EXTRA_CA_CERTS: '/dev/null' },
  },
];

// NODE_OPTIONS (a test runner's) would turn the snapshot off
const { NODE_OPTIONS: _, ...baseEnv } = process.env;

function run(exe: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(exe, args, { cwd: work, encoding: 'utf8', env: { ...baseEnv, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built)('startup snapshot (needs a build with bosun.blob)', () => {
  it('is usable by this Node, and the launcher starts from it', () => {
    const r = spawnSync(process.execPath, [
      '--snapshot-blob',
      join(dist, 'bosun.blob'),
      join(dist, 'bosun.mjs'),
      '--version',
    ]);
    expect(r.status).toBe(0);
    const traced = spawnSync('sh', ['-x', join(dist, 'bosun'), '--version'], {
      encoding: 'utf8',
      env: baseEnv,
    });
    expect(traced.stderr).toContain(`--snapshot-blob ${join(dist, 'bosun.blob')}`);
  });

  for (const c of cases) {
    it(`${c.name}: same as without the snapshot`, () => {
      const viaSnapshot = run(join(dist, 'bosun'), c.args, c.env);
      const without = run(process.execPath, [join(dist, 'bosun.mjs'), ...c.args], c.env);
      expect(viaSnapshot).toEqual(without);
    });
  }
});
