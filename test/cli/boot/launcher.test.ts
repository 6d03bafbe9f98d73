/**
 * dist/bosun (src/cli/boot/launcher.sh): when it starts Node from the startup snapshot, when it
 * moves NODE_EXTRA_CA_CERTS aside, and that it finds its install through npm's bin links. A
 * stand-in `node` on PATH prints what it was started with, so no build is needed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFERRED_CA_CERTS, restoreDeferredEnv } from '../../../src/cli/boot/env.ts';

const launcherSource = new URL('../../../src/cli/boot/launcher.sh', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'bosun-launcher-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const bin = join(root, 'bin');
const fakeNode = join(bin, 'node');
mkdirSync(bin);
writeFileSync(
  fakeNode,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansions
  '#!/bin/sh\nfor a; do echo "arg:$a"; done\necho "ca:${NODE_EXTRA_CA_CERTS-unset}"\necho "deferred:${BOSUN_DEFERRED_NODE_EXTRA_CA_CERTS-unset}"\n',
);
chmodSync(fakeNode, 0o755);
const stat = spawnSync('ls', ['-lLn', fakeNode], { encoding: 'utf8' }).stdout.trim();

interface Install {
  blob?: boolean;
  /** the Node recorded in bosun.blob.node: path and `ls -lLn` line */
  stamp?: [string, string];
}

function install(name: string, { blob = true, stamp = [fakeNode, stat] }: Install = {}): string {
  const dist = join(root, name, 'dist');
  mkdirSync(dist, { recursive: true });
  copyFileSync(launcherSource, join(dist, 'bosun'));
  chmodSync(join(dist, 'bosun'), 0o755);
  if (blob) {
    writeFileSync(join(dist, 'bosun.blob'), 'not a real snapshot');
    writeFileSync(join(dist, 'bosun.blob.node'), `${stamp.join('\n')}\n`);
  }
  return dist;
}

interface Run {
  snapshot: boolean;
  script: string;
  args: string[];
  ca: string;
  deferred: string;
}

function run(exe: string, args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(exe, args, {
    encoding: 'utf8',
    env: { PATH: `${bin}:/usr/bin:/bin`, NODE_EXTRA_CA_CERTS: '/etc/ca.pem', ...env },
  });
  expect(r.stderr).toBe('');
  const lines = r.stdout.trimEnd().split('\n');
  const argv = lines.filter((l) => l.startsWith('arg:')).map((l) => l.slice(4));
  const value = (k: string) => lines.find((l) => l.startsWith(`${k}:`))!.slice(k.length + 1);
  const snapshot = argv[0] === '--snapshot-blob';
  const rest = snapshot ? argv.slice(2) : argv;
  return { snapshot, script: rest[0]!, args: rest.slice(1), ca: value('ca'), deferred: value('deferred') };
}

interface Case {
  name: string;
  args: string[];
  env?: Record<string, string>;
  install?: Install;
  snapshot: boolean;
  deferCa: boolean;
}

const template = ['helm', 'template', 'rel', './chart'];
const cases: Case[] = [
  { name: 'helm template: snapshot, CA file deferred', args: template, snapshot: true, deferCa: true },
  { name: 'helm lint', args: ['helm', 'lint', '.'], snapshot: true, deferCa: true },
  { name: '--version', args: ['--version'], snapshot: true, deferCa: true },
  {
    name: 'kubectl talks TLS: CA file kept',
    args: ['kubectl', 'get', 'pods'],
    snapshot: true,
    deferCa: false,
  },
  { name: 'helm package may download', args: ['helm', 'package', '.'], snapshot: true, deferCa: false },
  { name: 'a URL argument', args: ['helm', 'template', 'rel', 'oci://r/c'], snapshot: true, deferCa: false },
  { name: '--repo', args: ['helm', 'show', 'chart', '--repo', 'x', 'c'], snapshot: true, deferCa: false },
  {
    name: 'NODE_OPTIONS: no snapshot',
    args: template,
    env: { NODE_OPTIONS: '--max-old-space-size=99' },
    snapshot: false,
    deferCa: true,
  },
  {
    name: 'BOSUN_SNAPSHOT=off',
    args: template,
    env: { BOSUN_SNAPSHOT: 'off' },
    snapshot: false,
    deferCa: true,
  },
  { name: 'no blob', args: template, install: { blob: false }, snapshot: false, deferCa: true },
  {
    name: 'another node path',
    args: template,
    install: { stamp: ['/opt/node/bin/node', stat] },
    snapshot: false,
    deferCa: true,
  },
  {
    name: 'node replaced in place',
    args: template,
    install: { stamp: [fakeNode, `${stat}x`] },
    snapshot: false,
    deferCa: true,
  },
];

describe('launcher: snapshot and NODE_EXTRA_CA_CERTS', () => {
  cases.forEach((c, i) => {
    it(c.name, () => {
      const dist = install(`case${i}`, c.install);
      const r = run(join(dist, 'bosun'), c.args, c.env);
      expect(r.snapshot).toBe(c.snapshot);
      expect(r.script).toBe(join(dist, 'bosun.mjs'));
      expect(r.args).toEqual(c.args);
      expect([r.ca, r.deferred]).toEqual(c.deferCa ? ['unset', '/etc/ca.pem'] : ['/etc/ca.pem', 'unset']);
    });
  });

  it('no NODE_EXTRA_CA_CERTS: nothing deferred', () => {
    const dist = install('no-ca');
    const r = run(join(dist, 'bosun'), template, { NODE_EXTRA_CA_CERTS: '' });
    expect([r.ca, r.deferred]).toEqual(['', 'unset']);
  });

  it('through npm-style relative bin links, with arguments kept whole', () => {
    const dist = install('linked');
    const binDir = join(root, 'linked', 'node_modules', '.bin');
    mkdirSync(binDir, { recursive: true });
    symlinkSync('../../dist/bosun', join(binDir, 'bosun'));
    symlinkSync(join(binDir, 'bosun'), join(root, 'bosun-abs-link'));
    const args = ['helm', 'template', 'a b', '--set', 'x=1 2', ''];
    for (const exe of [join(binDir, 'bosun'), join(root, 'bosun-abs-link')]) {
      const r = run(exe, args);
      expect(r.snapshot).toBe(true);
      expect(resolve(r.script)).toBe(join(dist, 'bosun.mjs'));
      expect(r.args).toEqual(args);
    }
  });
});

describe('restoreDeferredEnv', () => {
  it('puts NODE_EXTRA_CA_CERTS back for child processes, and only when the launcher moved it', () => {
    const saved = { ca: process.env.NODE_EXTRA_CA_CERTS, deferred: process.env[DEFERRED_CA_CERTS] };
    try {
      delete process.env.NODE_EXTRA_CA_CERTS;
      process.env[DEFERRED_CA_CERTS] = '/etc/ca.pem';
      restoreDeferredEnv();
      expect([process.env.NODE_EXTRA_CA_CERTS, process.env[DEFERRED_CA_CERTS]]).toEqual([
        '/etc/ca.pem',
        undefined,
      ]);
      process.env.NODE_EXTRA_CA_CERTS = '/mine.pem';
      restoreDeferredEnv();
      expect(process.env.NODE_EXTRA_CA_CERTS).toBe('/mine.pem');
    } finally {
      for (const [k, v] of [
        ['NODE_EXTRA_CA_CERTS', saved.ca],
        [DEFERRED_CA_CERTS, saved.deferred],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
