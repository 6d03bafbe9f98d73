// cordon, uncordon, taint and drain: the real kubectl 1.35 and `bosun kubectl` against one control
// plane with controllers, a scheduler and three simulated nodes (time runs 30x so pods start and
// terminate quickly). Node commands act cluster-wide, so each case runs real kubectl, puts the
// nodes back, then runs ours; stdout, stderr and the exit code must be equal.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ControlPlane, startControlPlane } from '../../../src/cluster/index.ts';
import { loadClientConfig, RestClient } from '../../../src/kube/client/index.ts';
import { bosunCommand } from '../../support/bosun-cli.ts';
import { kubectlBin, normalise, type Result } from './harness.ts';

const root = resolve(import.meta.dirname, '../../..');
type Obj = Record<string, any>;

let plane: ControlPlane;
let rest: RestClient;
let work: string;
const kubeconfig = () => join(work, 'kubeconfig');

function exec(bin: string, args: string[]): Promise<Result> {
  return new Promise((done) => {
    execFile(bin, args, { cwd: work, timeout: 60_000 }, (err, stdout, stderr) =>
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const real = (args: string[]) => exec(kubectlBin!, ['--kubeconfig', kubeconfig(), ...args]);
const ours = (args: string[]) =>
  exec(bosunCommand()[0], [...bosunCommand()[1], 'kubectl', ...args, '--kubeconfig', kubeconfig()]);

/** Generated pod names and the order concurrent evictions finish in may differ. */
function comparable(r: Result): Result {
  const fix = (s: string) =>
    normalise(s)
      .replace(/\b(ref|bos)\b/g, 'NS')
      .replace(/web-[a-z0-9]{8,10}-[a-z0-9]{5}/g, 'web-POD')
      .replace(/agent-[a-z0-9]{5}/g, 'agent-POD')
      .split('\n')
      .sort()
      .join('\n');
  return { code: r.code, stdout: fix(r.stdout), stderr: fix(r.stderr) };
}

async function resetNodes(): Promise<void> {
  for (const n of ['bosun', 'bosun-m02', 'bosun-m03'])
    await rest.json('PATCH', `/api/v1/nodes/${n}`, {
      body: JSON.stringify({ spec: { unschedulable: null, taints: null } }),
      contentType: 'application/merge-patch+json',
    });
}

async function both(args: string[], setup: () => Promise<void> = resetNodes): Promise<[Result, Result]> {
  await setup();
  const r = await real(args);
  await setup();
  const o = await ours(args);
  return [r, o];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'bosun-drain-'));
  plane = await startControlPlane({
    port: 0,
    inMemory: true,
    kubeconfig: kubeconfig(),
    nodes: 3,
    timeScale: 30,
  });
  rest = new RestClient(loadClientConfig({ kubeconfig: kubeconfig() }));
  for (const ns of ['ref', 'bos'])
    await rest.json('POST', '/api/v1/namespaces', { body: { metadata: { name: ns } } });
});

afterAll(async () => {
  rest?.close();
  await plane?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const nodeCases: { name: string; args: string[]; setup?: () => Promise<void> }[] = [
  { name: 'cordon', args: ['cordon', 'bosun-m02'] },
  { name: 'cordon node/NAME', args: ['cordon', 'node/bosun-m02'] },
  { name: 'cordon an unknown node', args: ['cordon', 'nope'] },
  { name: 'cordon without a node', args: ['cordon'] },
  { name: 'cordon by selector', args: ['cordon', '-l', 'kubernetes.io/hostname=bosun-m03'] },
  { name: 'cordon --dry-run=server', args: ['cordon', 'bosun-m02', '--dry-run=server'] },
  { name: 'cordon --dry-run=client', args: ['cordon', 'bosun-m02', '--dry-run=client'] },
  {
    name: 'cordon an already cordoned node',
    args: ['cordon', 'bosun-m02'],
    setup: async () => {
      await resetNodes();
      await rest.json('PATCH', '/api/v1/nodes/bosun-m02', {
        body: JSON.stringify({ spec: { unschedulable: true } }),
        contentType: 'application/merge-patch+json',
      });
    },
  },
  { name: 'uncordon a schedulable node', args: ['uncordon', 'bosun-m02'] },
  { name: 'taint NoSchedule', args: ['taint', 'nodes', 'bosun-m02', 'dedicated=db:NoSchedule'] },
  { name: 'taint PreferNoSchedule', args: ['taint', 'node', 'bosun-m02', 'spot:PreferNoSchedule'] },
  {
    name: 'taint node/NAME (not a form taint reads)',
    args: ['taint', 'node/bosun-m02', 'spot:PreferNoSchedule'],
  },
  { name: 'taint --all NoExecute', args: ['taint', 'nodes', '--all', 'maint=yes:NoExecute'] },
  { name: 'taint -l', args: ['taint', 'nodes', '-l', 'kubernetes.io/hostname=bosun-m03', 'a=b:NoSchedule'] },
  { name: 'taint with a bad effect', args: ['taint', 'nodes', 'bosun-m02', 'a=b:Sometimes'] },
  { name: 'taint without an effect', args: ['taint', 'nodes', 'bosun-m02', 'a=b'] },
  { name: 'remove a missing taint', args: ['taint', 'nodes', 'bosun-m02', 'gone:NoSchedule-'] },
  { name: 'taint a non-node', args: ['taint', 'pods', 'x', 'a=b:NoSchedule'] },
  { name: 'taint with no taints', args: ['taint', 'nodes', 'bosun-m02'] },
  { name: 'drain without a node', args: ['drain'] },
  { name: 'drain a node and a selector', args: ['drain', 'bosun-m02', '-l', 'a=b'] },
  { name: 'drain with a bad --pod-selector', args: ['drain', 'bosun-m02', '--pod-selector=a b'] },
  { name: 'drain an unknown node', args: ['drain', 'nope'] },
];

const tainted = async () => {
  await resetNodes();
  await rest.json('PATCH', '/api/v1/nodes/bosun-m02', {
    body: JSON.stringify({ spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } }),
    contentType: 'application/merge-patch+json',
  });
};
nodeCases.push(
  {
    name: 'taint again without --overwrite',
    args: ['taint', 'nodes', 'bosun-m02', 'dedicated=web:NoSchedule'],
    setup: tainted,
  },
  {
    name: 'taint --overwrite',
    args: ['taint', 'nodes', 'bosun-m02', 'dedicated=web:NoSchedule', '--overwrite'],
    setup: tainted,
  },
  { name: 'remove a taint by key', args: ['taint', 'nodes', 'bosun-m02', 'dedicated-'], setup: tainted },
  {
    name: 'remove a taint by key and effect',
    args: ['taint', 'nodes', 'bosun-m02', 'dedicated:NoSchedule-'],
    setup: tainted,
  },
  {
    name: 'add one and remove another',
    args: ['taint', 'nodes', 'bosun-m02', 'x=y:NoExecute', 'dedicated-'],
    setup: tainted,
  },
);

describe.skipIf(!kubectlBin)('node commands: real kubectl vs bosun kubectl', () => {
  for (const c of nodeCases)
    test(c.name, async () => {
      const [r, o] = await both(c.args, c.setup);
      expect(comparable(o)).toEqual(comparable(r));
    });

  test('the node ends the same: spec after a taint and a cordon', async () => {
    const specs: Obj[] = [];
    for (const run of [real, ours]) {
      await resetNodes();
      await run(['taint', 'nodes', 'bosun-m02', 'k=v:NoExecute']);
      await run(['cordon', 'bosun-m02']);
      const node = await rest.json('GET', '/api/v1/nodes/bosun-m02');
      specs.push({ ...node.spec, taints: node.spec.taints?.map(({ timeAdded: _t, ...t }: Obj) => t) });
    }
    expect(specs[1]).toEqual(specs[0]);
  });
});

/** A Deployment of two pods in `ns`, all on bosun-m02 (the other nodes cordoned while they schedule). */
async function deployOnM02(ns: string, extra: Obj = {}): Promise<void> {
  await resetNodes();
  for (const n of ['bosun', 'bosun-m03'])
    await rest.json('PATCH', `/api/v1/nodes/${n}`, {
      body: JSON.stringify({ spec: { unschedulable: true } }),
      contentType: 'application/merge-patch+json',
    });
  await rest.json('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
    body: {
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' }, annotations: extra.podAnnotations },
          spec: { containers: [{ name: 'web', image: 'nginx' }], ...(extra.podSpec ?? {}) },
        },
      },
    },
  });
  await until(async () => {
    const d = await rest.json('GET', `/apis/apps/v1/namespaces/${ns}/deployments/web`);
    return d.status?.readyReplicas === 2;
  }, 'the deployment to be ready');
  await resetNodes();
}

/** Removes what any case made in `ns` (missing objects are fine) and waits for its pods to go. */
async function removeDeployment(ns: string): Promise<void> {
  await rest.request('DELETE', `/apis/apps/v1/namespaces/${ns}/deployments/web`);
  await rest.request('DELETE', `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/web`);
  await rest.request('DELETE', `/apis/apps/v1/namespaces/${ns}/daemonsets/agent`);
  await rest.request('DELETE', `/api/v1/namespaces/${ns}/pods/bare`, {
    body: JSON.stringify({ gracePeriodSeconds: 0 }),
    contentType: 'application/json',
  });
  await until(async () => {
    const list = await rest.json('GET', `/api/v1/namespaces/${ns}/pods`);
    return list.items.length === 0;
  }, 'the pods to go');
}

/** Drains bosun-m02 (or `extra.nodes`) with real kubectl in `ref`, then with ours in `bos`. */
async function drainBoth(
  args: string[],
  extra: Obj = {},
  before?: (ns: string) => Promise<void>,
): Promise<[Result, Result]> {
  const results: Result[] = [];
  for (const [ns, run] of [
    ['ref', real],
    ['bos', ours],
  ] as const) {
    await deployOnM02(ns, extra);
    await before?.(ns);
    results.push(await run(['drain', ...(extra.nodes ?? ['bosun-m02']), ...args]));
    await removeDeployment(ns);
  }
  return results as [Result, Result];
}

/** A budget that allows no disruption of the Deployment's two pods, once its status is computed. */
async function strictBudget(ns: string): Promise<void> {
  await rest.json('POST', `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`, {
    body: {
      metadata: { name: 'web' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
    },
  });
  await until(async () => {
    const pdb = await rest.json('GET', `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/web`);
    return pdb.status?.observedGeneration === 1;
  }, 'the budget status');
}

/** A DaemonSet `agent`, ready on all three nodes (so one of its pods is on bosun-m02). */
async function daemonSet(ns: string): Promise<void> {
  await rest.json('POST', `/apis/apps/v1/namespaces/${ns}/daemonsets`, {
    body: {
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'agent', image: 'busybox' }] },
        },
      },
    },
  });
  await until(async () => {
    const ds = await rest.json('GET', `/apis/apps/v1/namespaces/${ns}/daemonsets/agent`);
    return ds.status?.numberReady === 3;
  }, 'the daemonset to be ready');
}

/** A pod `bare` with no controller, bound to bosun-m02 and running. */
async function barePod(ns: string): Promise<void> {
  await rest.json('POST', `/api/v1/namespaces/${ns}/pods`, {
    body: {
      metadata: { name: 'bare' },
      spec: { nodeName: 'bosun-m02', containers: [{ name: 'bare', image: 'nginx' }] },
    },
  });
  await until(async () => {
    const pod = await rest.json('GET', `/api/v1/namespaces/${ns}/pods/bare`);
    return pod.status?.phase === 'Running';
  }, 'the bare pod to run');
}

/** Pods that take 300 cluster seconds (10s here) to stop once told to. */
const slowStop = {
  podAnnotations: { 'bosun.dev/stop-seconds': '300' },
  podSpec: { terminationGracePeriodSeconds: 600 },
};

const emptyDir = { podSpec: { volumes: [{ name: 'scratch', emptyDir: {} }] } };

const drainCases: {
  name: string;
  args: string[];
  extra?: Obj;
  before?: (ns: string) => Promise<void>;
  code: number;
  /** Text real kubectl's output must hold, so the case is known to reach the path it names. */
  shows?: string;
}[] = [
  { name: 'drain evicts the pods of a Deployment', args: ['--grace-period=1'], code: 0 },
  { name: 'drain refuses emptyDir pods without --delete-emptydir-data', args: [], extra: emptyDir, code: 1 },
  {
    name: 'drain --delete-emptydir-data',
    args: ['--delete-emptydir-data', '--grace-period=1'],
    extra: emptyDir,
    code: 0,
  },
  { name: 'drain --dry-run=client lists what it would evict', args: ['--dry-run=client'], code: 0 },
  { name: 'drain --dry-run=server', args: ['--dry-run=server'], code: 0 },
  // 429s every 5s: attempts at ~0s, ~5s and ~10s, so the 7s deadline falls 2s from either side of
  // the third attempt and both clients print the same number of retry lines without normalising
  {
    name: 'a budget that allows nothing: 429, retried until --timeout',
    args: ['--timeout=7s', '--grace-period=1'],
    before: strictBudget,
    code: 1,
    shows: 'global timeout reached: 7s',
  },
  {
    name: '--disable-eviction deletes past the budget',
    args: ['--disable-eviction', '--grace-period=1'],
    before: strictBudget,
    code: 0,
    shows: 'deleted',
  },
  { name: '--pod-selector that matches', args: ['--pod-selector=app=web', '--grace-period=1'], code: 0 },
  { name: '--pod-selector that matches nothing', args: ['--pod-selector=app notin (web)'], code: 0 },
  { name: 'a DaemonSet pod without --ignore-daemonsets', args: [], before: daemonSet, code: 1 },
  {
    name: 'a DaemonSet pod with --ignore-daemonsets',
    args: ['--ignore-daemonsets', '--grace-period=1'],
    before: daemonSet,
    code: 0,
    shows: 'Warning: ignoring DaemonSet-managed Pods',
  },
  { name: 'an unreplicated pod without --force', args: [], before: barePod, code: 1 },
  {
    name: 'an unreplicated pod with --force',
    args: ['--force', '--grace-period=1'],
    before: barePod,
    code: 0,
    shows: 'Warning: deleting Pods that declare no controller',
  },
  {
    name: 'two nodes at once',
    args: ['--grace-period=1'],
    extra: { nodes: ['bosun-m02', 'bosun-m03'] },
    code: 0,
  },
  {
    name: 'two nodes, one of which cannot be drained',
    args: [],
    extra: { ...emptyDir, nodes: ['bosun-m02', 'bosun-m03'] },
    code: 1,
  },
  {
    name: 'two nodes that both fail: one line per node',
    args: [],
    extra: { nodes: ['bosun-m02', 'bosun-m03'] },
    before: daemonSet,
    code: 1,
    shows: 'There are pending nodes to be drained:\n bosun-m02\n bosun-m03',
  },
  {
    name: 'pods slower to stop than --timeout',
    args: ['--timeout=3s'],
    extra: slowStop,
    code: 1,
    shows: 'to terminate: context deadline exceeded',
  },
  {
    name: '--disable-eviction with pods slower to stop than --timeout',
    args: ['--timeout=3s', '--disable-eviction'],
    extra: slowStop,
    code: 1,
    shows: 'context deadline exceeded',
  },
  {
    name: '--skip-wait-for-delete-timeout passes over pods already terminating',
    args: ['--skip-wait-for-delete-timeout=1'],
    extra: slowStop,
    before: async (ns) => {
      // cordoned first, so the replacements start elsewhere and only terminating pods stay on bosun-m02
      await rest.json('PATCH', '/api/v1/nodes/bosun-m02', {
        body: JSON.stringify({ spec: { unschedulable: true } }),
        contentType: 'application/merge-patch+json',
      });
      const list = await rest.json('GET', `/api/v1/namespaces/${ns}/pods`);
      for (const pod of list.items)
        await rest.json('DELETE', `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}`);
      await sleep(2500);
    },
    code: 0,
  },
];

describe.skipIf(!kubectlBin)('drain: real kubectl vs bosun kubectl', () => {
  test('the server offers eviction, so drain evicts through PodDisruptionBudgets', async () => {
    const discovery = await rest.json('GET', '/api/v1');
    expect(discovery.resources.some((x: Obj) => x.name === 'pods/eviction')).toBe(true);
  });

  for (const c of drainCases)
    test(c.name, async () => {
      const [r, o] = await drainBoth(c.args, c.extra, c.before);
      expect(r.code).toBe(c.code);
      expect(comparable(o)).toEqual(comparable(r));
    }, 120_000);
});
