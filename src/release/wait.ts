/**
 * Waiting for a release's objects (Helm's waiters): `watcher` (kstatus: every object Current),
 * `legacy` (the same readiness by polling), `hookOnly` (nothing but hooks). Hooks wait until
 * their Job completes or their Pod succeeds. Polling, not watching: the objects are few and the
 * interval short, and a poll survives a restarted server.
 */
import type { ResourceClient, ResourceInfo } from './resources.ts';

type Obj = Record<string, any>;

export type WaitStrategy = 'watcher' | 'legacy' | 'hookOnly';

export interface ObjectStatus {
  current: boolean;
  status: string;
  message: string;
}

const POLL_MS = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const n = (v: unknown) => (typeof v === 'number' ? v : 0);
const cond = (o: Obj, type: string) => (o.status?.conditions ?? []).find((c: Obj) => c.type === type);

/** kstatus's verdict on one object as read from the server. */
export function objectStatus(o: Obj | undefined): ObjectStatus {
  if (!o) return { current: false, status: 'NotFound', message: 'Resource not found' };
  const inProgress = (message: string): ObjectStatus => ({ current: false, status: 'InProgress', message });
  const generation = n(o.metadata?.generation);
  const observed = o.status?.observedGeneration;
  if (typeof observed === 'number' && observed < generation)
    return inProgress(`${o.kind} generation is ${generation}, but latest observed generation is ${observed}`);
  const spec = o.spec ?? {};
  const st = o.status ?? {};
  switch (o.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet': {
      const want = spec.replicas ?? 1;
      if (o.kind === 'Deployment' && n(st.updatedReplicas) < want)
        return inProgress(`Updated: ${n(st.updatedReplicas)}/${want}`);
      if (n(st.replicas) > want) return inProgress(`Pending termination: ${n(st.replicas) - want}`);
      if (o.kind !== 'StatefulSet' && n(st.availableReplicas) < want)
        return inProgress(`Available: ${n(st.availableReplicas)}/${want}`);
      if (n(st.readyReplicas) < want) return inProgress(`Ready: ${n(st.readyReplicas)}/${want}`);
      return { current: true, status: 'Current', message: `${o.kind} is ready. Replicas: ${want}` };
    }
    case 'DaemonSet': {
      const want = n(st.desiredNumberScheduled);
      if (n(st.numberAvailable) < want) return inProgress(`Available: ${n(st.numberAvailable)}/${want}`);
      if (n(st.numberReady) < want) return inProgress(`Ready: ${n(st.numberReady)}/${want}`);
      return {
        current: true,
        status: 'Current',
        message: `All replicas scheduled as expected. Replicas: ${want}`,
      };
    }
    case 'Pod': {
      if (st.phase === 'Succeeded')
        return { current: true, status: 'Current', message: 'Pod has completed successfully' };
      if (st.phase === 'Failed')
        return { current: false, status: 'Failed', message: 'Pod has completed, but not successfully' };
      if (cond(o, 'Ready')?.status === 'True')
        return { current: true, status: 'Current', message: 'Pod is Ready' };
      return inProgress(
        st.phase === 'Running' ? 'Pod is running but is not Ready' : 'Pod phase not available',
      );
    }
    case 'Job': {
      if (cond(o, 'Failed')?.status === 'True')
        return { current: false, status: 'Failed', message: 'Job Failed.' };
      if (cond(o, 'Complete')?.status === 'True')
        return { current: true, status: 'Current', message: 'Job Completed.' };
      return inProgress(
        `Job in progress. success:${n(st.succeeded)}, active: ${n(st.active)}, failed: ${n(st.failed)}`,
      );
    }
    case 'PersistentVolumeClaim':
      if (st.phase !== 'Bound') return inProgress('PVC is not Bound');
      return { current: true, status: 'Current', message: 'PVC is Bound' };
    case 'Service':
      if (spec.type === 'LoadBalancer' && !(st.loadBalancer?.ingress ?? []).length)
        return inProgress('Pending load balancer');
      return { current: true, status: 'Current', message: 'Service is ready' };
    default:
      return { current: true, status: 'Current', message: 'Resource is current' };
  }
}

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Polls until every object is Current. Failed is terminal (Helm's statusObserver stops waiting
 * for it); at the end the objects not Current are listed as Helm's statusWaiter lists them, with
 * `context deadline exceeded` when time ran out.
 */
async function waitCurrent(
  client: ResourceClient,
  resources: ResourceInfo[],
  verdict: (o: Obj | undefined, r: ResourceInfo) => ObjectStatus,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const statuses = await Promise.all(
      resources.map(async (r) => [r, verdict(await client.get(r), r)] as const),
    );
    const notCurrent = statuses.filter(([, s]) => !s.current);
    if (notCurrent.length === 0) return;
    const expired = performance.now() >= deadline;
    if (expired || notCurrent.every(([, s]) => s.status === 'Failed')) {
      const lines = notCurrent.map(
        ([r, s]) =>
          `resource ${r.object.kind}/${r.namespace}/${r.name} not ready. status: ${s.status}, message: ${s.message}`,
      );
      if (expired) lines.push('context deadline exceeded');
      throw new TimeoutError(lines.join('\n'));
    }
    await sleep(POLL_MS);
  }
}

/** Until every object is Current (kstatus), or the timeout. */
export async function waitReady(
  client: ResourceClient,
  resources: ResourceInfo[],
  strategy: WaitStrategy,
  timeoutMs: number,
): Promise<void> {
  if (strategy === 'hookOnly') return;
  const watched = resources.filter((r) => !(r.object.kind === 'Deployment' && r.object.spec?.paused));
  await waitCurrent(client, watched, (o) => objectStatus(o), timeoutMs);
}

/** Until every object is gone, or the timeout. */
export async function waitDeleted(
  client: ResourceClient,
  resources: ResourceInfo[],
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const left: ResourceInfo[] = [];
    for (const r of resources) if (await client.get(r)) left.push(r);
    if (left.length === 0) return;
    if (performance.now() >= deadline) {
      const lines = left.map(
        (r) =>
          `resource ${r.object.kind}/${r.namespace}/${r.name} still exists. status: InProgress, message: Resource is being deleted`,
      );
      throw new TimeoutError([...lines, 'context deadline exceeded'].join('\n'));
    }
    await sleep(POLL_MS);
  }
}

/** Helm's hook status readers: a Job until complete, a Pod until it succeeds, others at once. */
export function hookStatus(o: Obj | undefined, r: ResourceInfo): ObjectStatus {
  const current = (message: string): ObjectStatus => ({ current: true, status: 'Current', message });
  if (r.object.kind !== 'Job' && r.object.kind !== 'Pod') return current('Resource is current');
  if (!o) return { current: false, status: 'NotFound', message: 'Resource not found' };
  if (o.kind === 'Job') {
    const parallelism = o.spec?.parallelism ?? 1;
    const completions = o.spec?.completions ?? parallelism;
    if (cond(o, 'Complete')?.status === 'True')
      return current(`Job Completed. succeeded: ${n(o.status?.succeeded)}/${completions}`);
    if (cond(o, 'Failed')?.status === 'True')
      return {
        current: false,
        status: 'Failed',
        message: `Job Failed. failed: ${n(o.status?.failed)}/${completions}`,
      };
    return { current: false, status: 'InProgress', message: 'Job in progress' };
  }
  const name = o.metadata?.name ?? r.name;
  if (o.status?.phase === 'Succeeded') return current(`pod ${name} succeeded`);
  if (o.status?.phase === 'Failed')
    return { current: false, status: 'Failed', message: `pod ${name} failed` };
  return { current: false, status: 'InProgress', message: 'Pod in progress' };
}

/** WatchUntilReady for a hook's objects. */
export async function waitHookDone(
  client: ResourceClient,
  resources: ResourceInfo[],
  timeoutMs: number,
): Promise<void> {
  await waitCurrent(client, resources, hookStatus, timeoutMs);
}
