// The seed's ch09 DaemonSet and StatefulSet updates (todo-list/) against `bosun up` (controllers
// running, cluster time x40), run by a kubectl under test: RollingUpdate with a partition,
// RollingUpdate, OnDelete and `rollout undo` for both kinds, graceful and forced pod deletion;
// optionally the real helm's `install --wait` of the kiamol ch10 vweb chart. Run with the real
// kubectl and with `bosun kubectl`; the latter also prints what kubectl prints.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  fixturesDir,
  helmBin,
  type KubectlUnderTest,
  kubectlBin,
  type Result,
  scenarioUp,
  until,
} from './support.ts';

export interface ScenarioOptions {
  /** Also check the real helm's `install --wait` against the same server. */
  helmInstallWait?: boolean;
}

export function ch09Workloads(k: KubectlUnderTest, options: ScenarioOptions = {}): void {
  const todo = join(fixturesDir, 'kiamol/ch09/todo-list');
  const vwebChart = join(fixturesDir, 'kiamol/ch10/vweb/v1/vweb');
  let skip = k.missing;
  if (!skip && !existsSync(join(todo, 'db/todo-db.yaml'))) skip = `no kiamol fixtures at ${todo}`;
  if (skip) console.log(`e2e ch09 workloads with ${k.name}: skipped, ${skip}`);
  if (!skip && k.comparesWithKubectl && !kubectlBin)
    console.log(`e2e ch09 workloads with ${k.name}: no reference kubectl, comparisons skipped`);

  const { up, kubectl, ok, sameAsKubectl } = scenarioUp(k, skip, {
    inMemory: true,
    args: ['--time-scale', '40'],
  });

  /** Pod name -> image of its first container, for the pods of `app` not being deleted. */
  async function images(app: string): Promise<Record<string, string>> {
    const list = JSON.parse(await ok('get', 'pods', '-l', `app=${app}`, '-o', 'json'));
    const out: Record<string, string> = {};
    for (const p of list.items) {
      if (!p.metadata.deletionTimestamp) out[p.metadata.name] = p.spec.containers[0].image;
    }
    return out;
  }

  async function rolloutStatus(target: string): Promise<Result> {
    return kubectl('rollout', 'status', target, '--timeout=20s');
  }

  const history = (kind: string, revisions: number[]) =>
    `${kind} \nREVISION  CHANGE-CAUSE\n${revisions.map((r) => `${String(r).padEnd(10)}<none>\n`).join('')}\n`;

  describe.skipIf(skip !== '')(`ch09 StatefulSet and DaemonSet updates with ${k.name}`, () => {
    test('apply todo-list: the StatefulSet and the DaemonSet roll out', async () => {
      const out = await ok(
        'apply',
        '-f',
        join(todo, 'db/'),
        '-f',
        join(todo, 'web/'),
        '-f',
        join(todo, 'proxy/'),
      );
      expect(out).toContain('statefulset.apps/todo-db created\n');
      expect(out).toContain('daemonset.apps/todo-proxy created\n');
      const sts = await rolloutStatus('statefulset/todo-db');
      expect(sts.code).toBe(0);
      expect(sts.stdout).toMatch(/partitioned roll out complete: 2 new pods have been updated...\n$/);
      const ds = await rolloutStatus('daemonset/todo-proxy');
      expect(ds.stdout).toMatch(/daemon set "todo-proxy" successfully rolled out\n$/);
      expect(await images('todo-db')).toEqual({
        'todo-db-0': 'postgres:11.6-alpine',
        'todo-db-1': 'postgres:11.6-alpine',
      });
      expect(await ok('get', 'pvc', '-o', 'name')).toBe(
        'persistentvolumeclaim/data-todo-db-0\npersistentvolumeclaim/data-todo-db-1\n',
      );
    });

    test('StatefulSet RollingUpdate with partition 1 updates only pod 1', async () => {
      expect(await ok('apply', '-f', join(todo, 'db/update/todo-db-rollingUpdate-partition.yaml'))).toBe(
        'statefulset.apps/todo-db configured\n',
      );
      const status = await rolloutStatus('statefulset/todo-db');
      expect(status.stdout).toMatch(/partitioned roll out complete: 1 new pods have been updated...\n$/);
      await until('todo-db-1 updated', async () =>
        (await images('todo-db'))['todo-db-1'] === 'postgres:11.8-alpine' ? true : undefined,
      );
      expect((await images('todo-db'))['todo-db-0']).toBe('postgres:11.6-alpine');
    });

    test('StatefulSet RollingUpdate updates every pod; rollout undo goes back', async () => {
      expect(await ok('apply', '-f', join(todo, 'db/update/todo-db-rollingUpdate.yaml'))).toBe(
        'statefulset.apps/todo-db configured\n',
      );
      const status = await rolloutStatus('statefulset/todo-db');
      expect(status.stdout).toMatch(
        /statefulset rolling update complete 2 pods at revision todo-db-[0-9a-f]+...\n$/,
      );
      expect(Object.values(await images('todo-db'))).toEqual([
        'postgres:11.8-alpine',
        'postgres:11.8-alpine',
      ]);
      expect(await ok('rollout', 'history', 'statefulset/todo-db')).toBe(
        history('statefulset.apps/todo-db', [1, 2]),
      );
      expect(await ok('rollout', 'undo', 'statefulset/todo-db')).toBe(
        'statefulset.apps/todo-db rolled back\n',
      );
      expect((await rolloutStatus('statefulset/todo-db')).code).toBe(0);
      await until('todo-db back on 11.6', async () => {
        const now = await images('todo-db');
        return Object.keys(now).length === 2 && Object.values(now).every((i) => i === 'postgres:11.6-alpine')
          ? true
          : undefined;
      });
    });

    test('StatefulSet OnDelete: pods change only when deleted', async () => {
      await ok(
        'patch',
        'statefulset/todo-db',
        '--type=merge',
        '-p',
        '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}',
      );
      expect(await ok('set', 'image', 'statefulset/todo-db', 'db=postgres:12-alpine')).toBe(
        'statefulset.apps/todo-db image updated\n',
      );
      await new Promise((r) => setTimeout(r, 500));
      expect(Object.values(await images('todo-db'))).toEqual([
        'postgres:11.6-alpine',
        'postgres:11.6-alpine',
      ]);
      await ok('delete', 'pod', 'todo-db-1', '--wait=false');
      await until('todo-db-1 recreated on the new image', async () =>
        (await images('todo-db'))['todo-db-1'] === 'postgres:12-alpine' ? true : undefined,
      );
      expect((await images('todo-db'))['todo-db-0']).toBe('postgres:11.6-alpine');
    });

    test('DaemonSet RollingUpdate, then rollout undo', async () => {
      const before = Object.keys(await images('todo-proxy'));
      expect(before).toHaveLength(1);
      expect(await ok('apply', '-f', join(todo, 'proxy/update/nginx-rollingUpdate.yaml'))).toBe(
        'daemonset.apps/todo-proxy configured\n',
      );
      expect((await rolloutStatus('daemonset/todo-proxy')).code).toBe(0);
      const updated = await images('todo-proxy');
      expect(Object.values(updated)).toEqual(['nginx:1.18-alpine']);
      expect(Object.keys(updated)).not.toEqual(before);
      expect(await ok('rollout', 'history', 'daemonset/todo-proxy')).toBe(
        history('daemonset.apps/todo-proxy', [1, 2]),
      );
      expect(await ok('rollout', 'undo', 'daemonset/todo-proxy')).toBe(
        'daemonset.apps/todo-proxy rolled back\n',
      );
      expect((await rolloutStatus('daemonset/todo-proxy')).code).toBe(0);
      expect(Object.values(await images('todo-proxy'))).toEqual(['nginx:1.17-alpine']);
      expect(await ok('rollout', 'history', 'daemonset/todo-proxy')).toBe(
        history('daemonset.apps/todo-proxy', [2, 3]),
      );
    });

    if (k.comparesWithKubectl)
      test.skipIf(!kubectlBin)('history, status and dry runs print what kubectl prints', async () => {
        await sameAsKubectl([
          ['rollout', 'history', 'statefulset/todo-db', 'daemonset/todo-proxy'],
          ['rollout', 'history', 'statefulset/todo-db', '--revision=1'],
          ['rollout', 'history', 'daemonset/todo-proxy', '--revision=2'],
          // the workload with each revision's template patched in, as kubectl's Go structs
          ['rollout', 'history', 'statefulset/todo-db', '-o', 'json'],
          ['rollout', 'history', 'daemonset/todo-proxy', '-o', 'json'],
          ['rollout', 'history', 'statefulset/todo-db', '-o', 'yaml'],
          ['rollout', 'history', 'daemonset/todo-proxy', '--revision=3', '-o', 'name'],
          ['rollout', 'status', 'daemonset/todo-proxy', 'statefulset/todo-db', 'deployment/missing'],
          ['rollout', 'undo', 'statefulset/todo-db', '--to-revision=2', '--dry-run=client', '-o', 'json'],
          ['rollout', 'undo', 'daemonset/todo-proxy', '--dry-run=client'],
          ['rollout', 'undo', 'daemonset/todo-proxy', '--to-revision=7'],
          ['get', 'statefulsets,daemonsets', '-o', 'wide'],
          ['get', 'controllerrevisions'],
          ['get', 'pvc'],
          ['set', 'image', 'statefulset/todo-db', 'db=postgres:13-alpine', '--dry-run=server', '-o', 'json'],
        ]);
      });

    test('DaemonSet OnDelete: the pod changes only when deleted', async () => {
      await ok(
        'patch',
        'daemonset/todo-proxy',
        '--type=merge',
        '-p',
        '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}',
      );
      await ok('set', 'image', 'daemonset/todo-proxy', 'nginx=nginx:1.19-alpine');
      await new Promise((r) => setTimeout(r, 500));
      const [name, image] = Object.entries(await images('todo-proxy'))[0];
      expect(image).toBe('nginx:1.17-alpine');
      await ok('delete', 'pod', name, '--wait=false');
      await until('the proxy pod recreated on the new image', async () => {
        const now = Object.entries(await images('todo-proxy'));
        return now.length === 1 && now[0][0] !== name && now[0][1] === 'nginx:1.19-alpine' ? true : undefined;
      });
    });
  });

  describe.skipIf(skip !== '')(`graceful pod deletion with ${k.name}`, () => {
    test('a delete gives the pod its grace period; --grace-period=0 --force removes it at once', async () => {
      const [name] = Object.keys(await images('todo-web'));
      // 10 minutes of grace: 15 s of real time at x40, so a slow machine still sees the pod Terminating
      expect(await ok('delete', 'pod', name, '--wait=false', '--grace-period=600')).toBe(
        `pod "${name}" deleted from default namespace\n`,
      );
      const pod = JSON.parse(await ok('get', 'pod', name, '-o', 'json'));
      expect(pod.metadata.deletionGracePeriodSeconds).toBe(600);
      expect(await ok('get', 'pod', name)).toMatch(/\sTerminating\s/);
      const forced = await kubectl('delete', 'pod', name, '--grace-period=0', '--force');
      expect(forced.stderr).toBe(
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      );
      expect(forced.stdout).toBe(`pod "${name}" force deleted from default namespace\n`);
      const gone = await kubectl('get', 'pod', name);
      expect(gone.stderr).toBe(`Error from server (NotFound): pods "${name}" not found\n`);
    });
  });

  if (options.helmInstallWait)
    describe.skipIf(skip !== '' || !helmBin)('helm install --wait with the real helm', () => {
      test('returns once the vweb pods are ready', async () => {
        const r = await up().run(
          helmBin!,
          ['install', 'ch10-vweb', vwebChart, '--wait', '--timeout', '30s'],
          {
            timeoutMs: 40_000,
          },
        );
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^NAME: ch10-vweb\n(.*\n)*STATUS: deployed\nREVISION: 1\n/);
        const deploy = JSON.parse(await ok('get', 'deployment', 'ch10-vweb', '-o', 'json'));
        expect(deploy.status.readyReplicas).toBe(deploy.spec.replicas);
      });
    });
}
