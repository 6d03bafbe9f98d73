// The seed's ch09 Deployment walkthrough against `bosun up` (controllers, scheduler and kubelet
// running; cluster time x20; the course's broken v3 image crashes at start), run by a kubectl
// under test: rolling updates and their revisions, rollback to a revision, a ConfigMap change
// restarting nothing, Recreate, and a rollout stuck at its progress deadline. Run with the real
// kubectl and with `bosun kubectl`; the latter also prints what kubectl prints, command for command.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixturesDir, type KubectlUnderTest, kubectlBin, type Result, scenarioUp, until } from './support.ts';

export function ch09Deployments(k: KubectlUnderTest): void {
  const ch09 = join(fixturesDir, 'kiamol/ch09');
  let skip = k.missing;
  if (!skip && !existsSync(join(ch09, 'vweb/vweb-v1.yaml'))) skip = `no kiamol fixtures at ${ch09}`;
  if (skip) console.log(`e2e ch09 deployments with ${k.name}: skipped, ${skip}`);
  if (!skip && k.comparesWithKubectl && !kubectlBin)
    console.log(`e2e ch09 deployments with ${k.name}: no reference kubectl, comparisons skipped`);

  const { kubectl, ok, sameAsKubectl } = scenarioUp(k, skip, {
    inMemory: true,
    args: ['--time-scale', '20', '--image-crash', 'kiamol/ch09-vweb:v3'],
  });

  interface PodRow {
    name: string;
    hash: string;
    phase: string;
    terminating: boolean;
    ready: boolean;
  }

  async function pods(): Promise<PodRow[]> {
    const list = JSON.parse(await ok('get', 'pods', '-l', 'app=vweb', '-o', 'json'));
    return list.items.map((p: any) => ({
      name: p.metadata.name,
      hash: p.metadata.labels['pod-template-hash'],
      phase: p.status?.phase,
      terminating: !!p.metadata.deletionTimestamp,
      ready: (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'),
    }));
  }

  /** Waits for the last rollout's old pods to finish terminating; returns the pods then. */
  async function settled(): Promise<PodRow[]> {
    return until('the old pods gone', async () => {
      const now = await pods();
      return new Set(now.map((p) => p.hash)).size === 1 && now.every((p) => !p.terminating) ? now : undefined;
    });
  }

  async function revision(): Promise<string> {
    return ok(
      'get',
      'deploy',
      'vweb',
      '-o',
      'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
    );
  }

  /** RS name -> [replicas, revision], from the seed's custom-columns query. */
  async function replicaSets(): Promise<Map<string, [string, string]>> {
    const text = await ok(
      'get',
      'replicaset',
      '-l',
      'app=vweb',
      '-o=custom-columns=NAME:.metadata.name,REPLICAS:.status.replicas,REVISION:.metadata.annotations.deployment\\.kubernetes\\.io/revision',
    );
    const [header, ...rows] = text.trimEnd().split('\n');
    expect(header).toMatch(/^NAME\s+REPLICAS\s+REVISION$/);
    return new Map(
      rows.map((row) => {
        const [name, replicas, rev] = row.split(/\s+/);
        return [name, [replicas, rev]];
      }),
    );
  }

  async function rolloutStatus(): Promise<Result> {
    return kubectl('rollout', 'status', 'deployment/vweb', '--timeout=20s');
  }

  function file(path: string): string {
    return join(ch09, path);
  }

  describe.skipIf(skip !== '')(`ch09 rolling updates with ${k.name}`, () => {
    let v1Pods: string[] = [];
    let v2ReplicaSet = '';

    test('apply vweb/: two pods, revision 1', async () => {
      expect(await ok('apply', '-f', file('vweb/'))).toBe(
        'service/vweb created\ndeployment.apps/vweb created\n',
      );
      const status = await rolloutStatus();
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/deployment "vweb" successfully rolled out\n$/);
      const running = await pods();
      expect(running).toHaveLength(2);
      expect(running.every((p) => p.ready && p.phase === 'Running')).toBe(true);
      v1Pods = running.map((p) => p.name).sort();
      expect(await revision()).toBe('1');
    });

    test('a scale-only change keeps revision 1 and the same pods', async () => {
      expect(await ok('apply', '-f', file('vweb/update/vweb-v1-scale.yaml'))).toBe(
        'deployment.apps/vweb configured\n',
      );
      expect((await rolloutStatus()).code).toBe(0);
      const now = await pods();
      expect(now).toHaveLength(3);
      expect(now.map((p) => p.name)).toEqual(expect.arrayContaining(v1Pods));
      expect(new Set(now.map((p) => p.hash)).size).toBe(1);
      expect(await revision()).toBe('1');
      expect([...(await replicaSets()).values()]).toEqual([['3', '1']]);
    });

    test('an image change makes revision 2; the old pods are Terminating', async () => {
      expect(await ok('set', 'image', 'deployment/vweb', 'web=kiamol/ch09-vweb:v2')).toBe(
        'deployment.apps/vweb image updated\n',
      );
      const v1Hash = (await pods()).find((p) => v1Pods.includes(p.name))!.hash;
      // kubectl shows the old pods Terminating while their grace period runs.
      const table = await until('an old pod Terminating', async () => {
        const out = await ok('get', 'pods', '-l', 'app=vweb');
        return /\s1\/1\s+Terminating\s/.test(out) && out.includes(`vweb-${v1Hash}`) ? out : undefined;
      });
      expect(table).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
      expect((await rolloutStatus()).code).toBe(0);
      expect(await revision()).toBe('2');
      await until('the old pods gone', async () =>
        (await pods()).every((p) => p.hash !== v1Hash) ? true : undefined,
      );
      const sets = await replicaSets();
      expect(sets.get(`vweb-${v1Hash}`)).toEqual(['0', '1']);
      v2ReplicaSet = [...sets].find(([, [, rev]]) => rev === '2')![0];
      expect(sets.get(v2ReplicaSet)).toEqual(['3', '2']);
    });

    test('a label-only change is a new revision; then v2', async () => {
      expect(await ok('apply', '-f', file('vweb/update/vweb-v11.yaml'))).toBe(
        'deployment.apps/vweb configured\n',
      );
      expect((await rolloutStatus()).code).toBe(0);
      expect(await revision()).toBe('3');
      expect(await ok('apply', '-f', file('vweb/update/vweb-v2.yaml'))).toBe(
        'deployment.apps/vweb configured\n',
      );
      expect((await rolloutStatus()).code).toBe(0);
      expect(await revision()).toBe('4');
    });

    test('rollout history lists every revision', async () => {
      expect(await ok('rollout', 'history', 'deploy/vweb')).toBe(
        'deployment.apps/vweb \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         <none>\n4         <none>\n\n',
      );
    });

    if (k.comparesWithKubectl)
      test.skipIf(!kubectlBin)('history, status, get and dry runs print what kubectl prints', async () => {
        // old pods still terminating change the ReplicaSets' terminatingReplicas between the two runs
        await settled();
        await until('no ReplicaSet counting terminating pods', async () => {
          const list = JSON.parse(await ok('get', 'rs', '-l', 'app=vweb', '-o', 'json'));
          return list.items.every((rs: any) => !rs.status?.terminatingReplicas) ? true : undefined;
        });
        await sameAsKubectl([
          ['rollout', 'history', 'deploy/vweb'],
          ['rollout', 'history', 'deploy/vweb', '--revision=2'],
          ['rollout', 'history', 'deploy/vweb', '--revision=9'],
          // ReplicaSets printed as kubectl's Go structs: fields in declaration order
          ['rollout', 'history', 'deploy/vweb', '-o', 'json'],
          ['rollout', 'history', 'deploy/vweb', '-o', 'yaml'],
          ['rollout', 'history', 'deploy/vweb', '--revision=3', '-o', 'name'],
          ['rollout', 'status', 'deploy/vweb'],
          ['rollout', 'status', 'deploy/vweb', 'deploy/missing'],
          ['get', 'deploy', 'vweb', '-o', 'wide'],
          ['get', 'rs', '-l', 'app=vweb'],
          ['get', '--raw', '/apis/apps/v1/namespaces/default/deployments/vweb'],
          ['get', '--raw', 'version'],
          ['get', '--raw', '/version', '-o', 'json'],
          ['set', 'image', 'deploy/vweb', 'web=kiamol/ch09-vweb:v9', '--dry-run=client', '-o', 'json'],
          ['set', 'image', 'deploy/vweb', 'web=kiamol/ch09-vweb:v9', '--dry-run=server', '-o', 'json'],
          ['rollout', 'undo', 'deploy/vweb', '--to-revision=1', '--dry-run=client', '-o', 'json'],
          ['rollout', 'undo', 'deploy/vweb', '--to-revision=1', '--dry-run=server'],
          ['scale', 'deploy/vweb', '--replicas=5', '--dry-run=server', '-o', 'yaml'],
          ['scale', 'deploy/vweb', '--replicas=5', '--dry-run=client', '-o', 'name'],
          [
            'patch',
            'deploy/vweb',
            '--type=merge',
            '-p',
            '{"metadata":{"labels":{"x":"y"}}}',
            '--dry-run=client',
            '-o',
            'json',
          ],
          [
            'patch',
            'deploy/vweb',
            '--type=merge',
            '-p',
            '{"metadata":{"labels":{"x":"y"}}}',
            '--dry-run=server',
          ],
          [
            'patch',
            'deploy/vweb',
            '--type=merge',
            '-p',
            '{"metadata":{"labels":{"kiamol":"ch09"}}}',
            '--dry-run=client',
          ],
          ['wait', 'deploy/vweb', '--for=condition=Available', '--timeout=5s'],
        ]);
      });

    test('the custom-columns query lists each ReplicaSet with its revision', async () => {
      const sets = await replicaSets();
      expect([...sets.values()].map(([, rev]) => rev).sort()).toEqual(['1', '2', '3', '4']);
      expect([...sets.values()].filter(([replicas]) => replicas === '3').map(([, rev]) => rev)).toEqual([
        '4',
      ]);
    });

    test('rollout undo --to-revision=2 reuses that ReplicaSet as revision 5', async () => {
      expect(await ok('rollout', 'undo', 'deploy/vweb', '--to-revision=2')).toBe(
        'deployment.apps/vweb rolled back\n',
      );
      expect((await rolloutStatus()).code).toBe(0);
      expect(await revision()).toBe('5');
      const sets = await replicaSets();
      expect(sets.size).toBe(4);
      expect(sets.get(v2ReplicaSet)).toEqual(['3', '5']);
      expect(await ok('rollout', 'history', 'deploy/vweb')).toBe(
        'deployment.apps/vweb \nREVISION  CHANGE-CAUSE\n1         <none>\n3         <none>\n4         <none>\n5         <none>\n\n',
      );
    });

    test('the server recorded the rollout timeline with every revision', async () => {
      const doc = JSON.parse(
        await ok(
          'get',
          '--raw',
          '/apis/bosun.dev/v1alpha1/namespaces/default/rollouttimelines/deployment.vweb',
        ),
      );
      expect(doc).toMatchObject({ kind: 'RolloutTimeline', workload: { kind: 'Deployment', name: 'vweb' } });
      const revisions = new Set<number>();
      for (const sample of doc.samples) for (const r of sample.revisions) revisions.add(r.revision);
      expect([...revisions].sort()).toEqual(expect.arrayContaining([1, 2, 3, 4, 5]));
      // Some sample shows old pods Terminating during a rolling update.
      expect(doc.samples.some((s: any) => s.revisions.some((r: any) => r.terminating > 0))).toBe(true);
    });

    test('a ConfigMap change restarts nothing', async () => {
      expect(await ok('apply', '-f', file('vweb/update/vweb-v3-with-configMap.yaml'))).toBe(
        'configmap/vweb-config created\ndeployment.apps/vweb configured\n',
      );
      expect((await rolloutStatus()).code).toBe(0);
      const before = (await settled()).map((p) => p.name).sort();
      const rev = await revision();
      expect(await ok('apply', '-f', file('vweb/update/vweb-configMap-v31.yaml'))).toBe(
        'configmap/vweb-config configured\n',
      );
      // Give the controllers a moment of cluster time (x20) to do anything they would.
      await new Promise((r) => setTimeout(r, 500));
      expect((await pods()).map((p) => p.name).sort()).toEqual(before);
      expect(await revision()).toBe(rev);
    });
  });

  describe.skipIf(skip !== '')(`ch09 update strategies with ${k.name}`, () => {
    test('Recreate removes every old pod before a new one starts', async () => {
      const oldHash = (await settled())[0].hash;
      expect(await ok('apply', '-f', file('vweb-strategies/vweb-recreate-v2.yaml'))).toBe(
        'deployment.apps/vweb configured\n',
      );
      // A moment when the old pods are all Terminating and no new pod exists yet.
      let sawOnlyTerminating = false;
      await until('the Recreate rollout', async () => {
        const now = await pods();
        const hashes = new Set(now.map((p) => p.hash));
        // Never old and new pods at once.
        expect(hashes.size).toBeLessThanOrEqual(1);
        if (now.length > 0 && now.every((p) => p.hash === oldHash && p.terminating))
          sawOnlyTerminating = true;
        return now.length === 3 && !hashes.has(oldHash) && now.every((p) => p.ready) ? true : undefined;
      });
      expect(sawOnlyTerminating).toBe(true);
    });

    test('a crashing image under Recreate leaves no pod serving', async () => {
      expect(await ok('apply', '-f', file('vweb-strategies/vweb-recreate-v3.yaml'))).toBe(
        'deployment.apps/vweb configured\n',
      );
      const table = await until('CrashLoopBackOff', async () => {
        const out = await ok('get', 'pods', '-l', 'app=vweb');
        return out.split('\n').filter((l) => /\s0\/1\s+(CrashLoopBackOff|Error)\s/.test(l)).length === 3
          ? out
          : undefined;
      });
      expect(table).not.toMatch(/\s1\/1\s/);
    });

    test('RollingUpdate: a never-ready image stops at ProgressDeadlineExceeded, old pods stay available', async () => {
      expect(await ok('apply', '-f', file('vweb-strategies/vweb-rollingUpdate-v2.yaml'))).toBe(
        'deployment.apps/vweb configured\n',
      );
      expect((await rolloutStatus()).code).toBe(0);
      const v2 = await pods();
      expect(v2.filter((p) => p.ready)).toHaveLength(3);
      expect(await ok('apply', '-f', file('vweb-strategies/vweb-rollingUpdate-v3.yaml'))).toBe(
        'deployment.apps/vweb configured\n',
      );
      const status = await kubectl('rollout', 'status', 'deployment/vweb', '--timeout=25s');
      expect(status.code).toBe(1);
      expect(status.stderr).toBe('error: deployment "vweb" exceeded its progress deadline\n');
      // Errors of several objects come together at the end, one line each.
      if (k.comparesWithKubectl && kubectlBin)
        await sameAsKubectl([
          ['rollout', 'status', 'deployment/vweb', '--timeout=2s'],
          ['rollout', 'status', 'deployment/vweb', '--watch=false'],
          ['rollout', 'status', 'deployment/vweb', 'deployment/vweb', 'svc/vweb', '--timeout=2s'],
        ]);
      const deploy = JSON.parse(await ok('get', 'deploy', 'vweb', '-o', 'json'));
      const progressing = deploy.status.conditions.find((c: any) => c.type === 'Progressing');
      expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
      // maxUnavailable 1: two v2 pods keep serving next to the crashing v3 ones.
      const v2Hash = v2[0].hash;
      const serving = (await pods()).filter((p) => p.hash === v2Hash && p.ready && !p.terminating);
      expect(serving.length).toBeGreaterThanOrEqual(2);
      expect(deploy.status.availableReplicas).toBeGreaterThanOrEqual(2);
    });
  });
}
