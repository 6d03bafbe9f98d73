#!/usr/bin/env node
// bench/rollout: the embedded control plane (API server, controllers, scheduler, simulated
// kubelets) replaying rollouts on the stepped clock, through the built library (dist/lib/cluster):
//  1. one Deployment of 1,000 replicas rolled from v1 to v2 (maxSurge 25%, maxUnavailable 0,
//     minReadySeconds 5);
//  2. 200 Deployments of 10 replicas rolled at once (same strategy).
// For each: wall time of the rollout, API writes (the store's revision delta: every create,
// update, patch and delete, Events included), simulated duration; peak RSS for the process.
// No reference control plane runs here (no kind/k3s/kwok on this machine): our figures only,
// with `node -e 0` as the floor of any Node process.
// Usage: npm run build && node bench/rollout.mjs [--replicas 1000] [--deployments 200]
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(new URL('..', import.meta.url).pathname);
const lib = (name) => import(pathToFileURL(resolve(root, 'dist/lib', name)).href);
const { startControlPlane } = await lib('cluster.mjs');
const { SteppedClock } = await lib('cluster-clock.mjs');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const bigReplicas = arg('--replicas', 1000);
const manyCount = arg('--deployments', 200);

const deployments = { group: 'apps', version: 'v1', resource: 'deployments' };
const podsPerNode = 110;

function deployment(name, replicas, image) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      minReadySeconds: 5,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image }], terminationGracePeriodSeconds: 0 },
      },
    },
  };
}

/** Done when every Deployment reports all replicas updated and available, and no old pod is left. */
function rolledOut(d) {
  const s = d.status ?? {};
  const want = d.spec.replicas;
  return (
    s.observedGeneration === d.metadata.generation &&
    s.updatedReplicas === want &&
    s.availableReplicas === want &&
    s.replicas === want
  );
}

async function scenario(label, count, replicas) {
  const clock = new SteppedClock(Date.UTC(2025, 0, 1));
  const nodes = Math.ceil((count * replicas * 1.3) / podsPerNode) + 1;
  const plane = await startControlPlane({ inMemory: true, clock, port: 0, nodes });
  const manager = plane.controllers;
  const client = plane.client;
  const names = Array.from({ length: count }, (_, i) => (count === 1 ? 'web' : `web-${i}`));
  const settle = async () => {
    const t0 = clock.now();
    await manager.idle();
    for (;;) {
      const list = await client.list(deployments, 'default');
      if (list.items.length === count && list.items.every(rolledOut)) break;
      if (clock.now() - t0 > 3_600_000)
        throw new Error(`${label}: no rollout within an hour of cluster time`);
      const next = clock.nextDue();
      await clock.advanceTo(next === undefined ? clock.now() + 1000 : next);
      await manager.idle();
    }
    return clock.now() - t0;
  };
  try {
    const setupStart = performance.now();
    for (const n of names) await client.create(deployments, 'default', deployment(n, replicas, 'nginx:1.0'));
    const v1Sim = await settle();
    const setupWall = performance.now() - setupStart;
    const rev0 = plane.store.currentRevision();
    const start = performance.now();
    for (const n of names) {
      await client.patch(deployments, 'default', n, 'merge', {
        spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:2.0' }] } } },
      });
    }
    const simMs = await settle();
    const wall = performance.now() - start;
    const writes = plane.store.currentRevision() - rev0;
    return { label, nodes, setupWall, v1Sim, wall, writes, simMs };
  } finally {
    await plane.stop();
  }
}

function floorMs() {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[2];
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const sim = (ms) =>
  `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
console.log(
  `bench/rollout: ${cpus().length} cores, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log('no reference control plane (kind/k3s) on this machine: bosun figures only');
console.log(`floor: node -e 0 = ${fmt(floorMs())}`);
let peakHeap = 0;
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 50);
for (const [label, count, replicas] of [
  [`1 Deployment x ${bigReplicas} replicas`, 1, bigReplicas],
  [`${manyCount} Deployments x 10 replicas`, manyCount, 10],
]) {
  const r = await scenario(label, count, replicas);
  console.log(
    `${r.label} (${r.nodes} nodes): v1 up in ${fmt(r.setupWall)} wall (${sim(r.v1Sim)} simulated); ` +
      `v1 -> v2 rollout: ${fmt(r.wall)} wall, ${r.writes} API writes, ${sim(r.simMs)} simulated`,
  );
}
clearInterval(sampler);
console.log(
  `peak memory: maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB, heapUsed peak (sampled) ${(peakHeap / 1048576).toFixed(0)} MiB`,
);
process.exit(0);
