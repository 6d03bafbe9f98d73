// A small scheduler: binds each unscheduled pod to the eligible node
// (nodeSelector, node affinity, taints) running the fewest pods, ties by name, through the pods'
// binding subresource, and records Scheduled / FailedScheduling.

import type { ControllerContext, EventSource } from '../controllers/index.ts';
import {
  type ApiClient,
  type Informer,
  isNotFound,
  type KubeObject,
  nodesResource,
  objectKeyOf,
  podFitsNode,
  podsResource,
  splitKey,
  WorkQueue,
} from '../controllers/index.ts';

const source: EventSource = { component: 'default-scheduler' };

function needsScheduling(pod: KubeObject): boolean {
  if (pod.spec?.nodeName || pod.metadata?.deletionTimestamp) return false;
  const scheduler = pod.spec?.schedulerName ?? 'default-scheduler';
  const phase = pod.status?.phase;
  return scheduler === 'default-scheduler' && phase !== 'Succeeded' && phase !== 'Failed';
}

function fits(pod: KubeObject, node: KubeObject): boolean {
  // Cordoned nodes take no new pods unless the pod tolerates it (DaemonSet pods do).
  if (node.spec?.unschedulable) {
    const tolerated = ((pod.spec?.tolerations ?? []) as KubeObject[]).some(
      (t) => t.key === 'node.kubernetes.io/unschedulable' || (!t.key && t.operator === 'Exists'),
    );
    if (!tolerated) return false;
  }
  return podFitsNode(pod.spec, node);
}

export class Scheduler {
  readonly name = 'default-scheduler';
  private readonly queue: WorkQueue;
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly client: ApiClient;
  /** Pods bound but not yet seen bound in the informer (the scheduler cache's assumed pods). */
  private readonly assumed = new Map<string, string>();

  constructor(private readonly ctx: ControllerContext) {
    this.client = ctx.client;
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.schedule(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.pods = ctx.informers.for(podsResource);
    this.nodes = ctx.informers.for(nodesResource);
    this.pods.addHandlers({
      add: (pod) => this.observe(pod),
      update: (_old, pod) => this.observe(pod),
      delete: (pod) => this.assumed.delete(objectKeyOf(pod)),
    });
    // A node appearing may make waiting pods schedulable.
    this.nodes.addHandlers({
      add: () => {
        for (const pod of this.pods.list()) if (needsScheduling(pod)) this.queue.add(objectKeyOf(pod));
      },
    });
  }

  private observe(pod: KubeObject): void {
    if (pod.spec?.nodeName) this.assumed.delete(objectKeyOf(pod));
    if (needsScheduling(pod)) this.queue.add(objectKeyOf(pod));
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  private async schedule(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.pods.get(namespace, name);
    if (!pod || !needsScheduling(pod) || this.assumed.has(key)) return;
    const nodes = this.nodes.list();
    const load = new Map<string, number>();
    for (const p of this.pods.list()) {
      const n = p.spec?.nodeName;
      if (n && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
        load.set(n, (load.get(n) ?? 0) + 1);
    }
    for (const n of this.assumed.values()) load.set(n, (load.get(n) ?? 0) + 1);
    const eligible = nodes
      .filter((n) => fits(pod, n))
      .sort(
        (a, b) =>
          (load.get(a.metadata?.name) ?? 0) - (load.get(b.metadata?.name) ?? 0) ||
          (a.metadata?.name < b.metadata?.name ? -1 : 1),
      );
    if (eligible.length === 0) {
      const total = nodes.length;
      const message =
        total === 0
          ? 'no nodes available to schedule pods'
          : `0/${total} nodes are available: ${total} node(s) didn't match Pod's node affinity/selector. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
      this.ctx.recorder.record(source, pod, 'Warning', 'FailedScheduling', message);
      return;
    }
    const node = eligible[0].metadata!.name as string;
    try {
      await this.client.bind(namespace!, name, node);
      if (!this.pods.get(namespace, name)?.spec?.nodeName) this.assumed.set(key, node);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    this.ctx.recorder.record(
      source,
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${namespace}/${name} to ${node}`,
    );
  }
}
