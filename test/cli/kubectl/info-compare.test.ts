// `bosun kubectl version`, `api-versions`, `cluster-info` and `config ...` against the real
// kubectl 1.35: the server's part of `version` and everything the other commands print must be
// equal; `config` commands run on a copy of the kubeconfig per side, and the files they write
// are compared too.

import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bosunCommand } from '../../support/bosun-cli.ts';
import { Harness, kubectlBin, normalise, type Result } from './harness.ts';
import { runSide, type Side } from './sides.ts';

const h = new Harness();

/** A config command with only `--kubeconfig=<side>.kubeconfig` (no namespace flag). */
function config(side: Side, args: string[]): Promise<Result> {
  const [bin, pre] =
    side === 'ref' ? [kubectlBin!, []] : [bosunCommand()[0], [...bosunCommand()[1], 'kubectl']];
  return new Promise((done) => {
    execFile(
      bin,
      [...pre, `--kubeconfig=${side}.kubeconfig`, ...args],
      { cwd: h.work, timeout: 30_000 },
      (err, stdout, stderr) =>
        done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A second context and a user whose key and certificate live in files (for --flatten). */
function writeKubeconfigs(): void {
  const base = readFileSync(h.kubeconfig, 'utf8');
  const extra = base
    .replace(
      'contexts:\n',
      'contexts:\n  - name: other\n    context:\n      cluster: bosun\n      user: filer\n',
    )
    .replace(
      'users:\n',
      'users:\n  - name: filer\n    user:\n      client-certificate: client.crt\n      client-key: client.key\n',
    );
  writeFileSync(join(h.work, 'client.crt'), 'certificate\n');
  writeFileSync(join(h.work, 'client.key'), 'key\n');
  for (const side of ['ref', 'bos']) writeFileSync(join(h.work, `${side}.kubeconfig`), extra);
  copyFileSync(join(h.work, 'ref.kubeconfig'), join(h.work, 'pristine.kubeconfig'));
}

const configCases: string[][] = [
  ['config', 'view'],
  ['config', 'view', '--raw'],
  ['config', 'view', '--minify'],
  ['config', 'view', '--minify', '--context=other', '--flatten', '-o', 'json'],
  ['config', 'view', '--flatten', '--raw', '-o', 'yaml'],
  ['config', 'view', '-o', 'jsonpath={.users[*].name}'],
  ['config', 'view', '-o', 'jsonpath={.contexts[?(@.name=="other")].context.user}'],
  ['config', 'current-context'],
  ['config', 'get-contexts'],
  ['config', 'get-contexts', '-o', 'name'],
  ['config', 'get-contexts', 'other', '--no-headers'],
  ['config', 'get-contexts', 'nope'],
  ['config', 'get-clusters'],
  ['config', 'get-users'],
  ['config', 'use-context', 'nope'],
  ['config', 'use-context', 'other'],
  ['config', 'current-context'],
  ['config', 'set-context', '--current', '--namespace=team'],
  ['config', 'set-context', 'third', '--cluster=bosun', '--user=bosun'],
  ['config', 'set-context', 'third', '--namespace=x', '--user='],
  ['config', 'set-context'],
  ['config', 'set-context', 'x', '--current'],
  ['config', 'get-contexts'],
  ['config', 'view', '--minify'],
];

describe.skipIf(!kubectlBin)(
  'kubectl version, api-versions, cluster-info and config equal kubectl 1.35',
  () => {
    beforeAll(async () => {
      await h.start();
      writeKubeconfigs();
      await h.both((ns) =>
        h.api('POST', `/api/v1/namespaces/${ns}/services`, {
          metadata: {
            name: 'dns',
            labels: { 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
          },
          spec: { ports: [{ name: 'dns', port: 53 }] },
        }),
      );
      await h.both((ns) =>
        h.api('POST', `/api/v1/namespaces/${ns}/services`, {
          metadata: { name: 'secure', labels: { 'kubernetes.io/cluster-service': 'true' } },
          spec: { ports: [{ port: 443 }] },
        }),
      );
    }, 60_000);
    afterAll(() => h.stop());

    test('version: the server version line, and JSON/YAML server info', async () => {
      for (const args of [['version'], ['version', '-o', 'json'], ['version', '-o', 'yaml']]) {
        const real = await runSide(h, 'ref', args);
        const ours = await runSide(h, 'bos', args);
        expect(ours.code).toBe(real.code);
        if (args.length === 1) {
          // kubectl names its own build and Kustomize; bosun names the kubectl release it follows
          const withoutKustomize = real.stdout.replace(/^Kustomize Version: .*\n/m, '');
          expect(ours.stdout).toBe(withoutKustomize);
        } else if (args[2] === 'json') {
          const [r, o] = [JSON.parse(real.stdout), JSON.parse(ours.stdout)];
          expect(o.serverVersion).toEqual(r.serverVersion);
          expect([o.clientVersion.major, o.clientVersion.minor, o.clientVersion.gitVersion]).toEqual([
            r.clientVersion.major,
            r.clientVersion.minor,
            r.clientVersion.gitVersion,
          ]);
          expect(Object.keys(o.clientVersion)).toEqual(Object.keys(r.clientVersion));
        } else {
          const serverPart = (t: string) => t.slice(t.indexOf('serverVersion:'));
          expect(serverPart(ours.stdout)).toBe(serverPart(real.stdout));
        }
      }
    }, 60_000);

    for (const args of [
      ['version', '--client', '-o', 'xml'],
      ['api-versions'],
      ['cluster-info'],
      ['cluster-info', 'extra'],
    ]) {
      test(args.join(' '), async () => {
        const real = await runSide(h, 'ref', args);
        const ours = await runSide(h, 'bos', args);
        expect(normalise(ours.stdout)).toBe(normalise(real.stdout));
        expect(normalise(ours.stderr)).toBe(normalise(real.stderr));
        expect(ours.code).toBe(real.code);
      }, 60_000);
    }

    for (const args of configCases) {
      test(args.join(' '), async () => {
        const real = await config('ref', args);
        const ours = await config('bos', args);
        expect(ours.stdout).toBe(real.stdout);
        expect(ours.stderr).toBe(real.stderr);
        expect(ours.code).toBe(real.code);
        const written = (side: Side) => readFileSync(join(h.work, `${side}.kubeconfig`), 'utf8');
        expect(written('bos')).toBe(written('ref'));
      }, 60_000);
    }
  },
);
