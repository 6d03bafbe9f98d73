// A small scheduler: binds each unscheduled pod to the eligible node
// (nodeSelector, node affinity, taints) running the fewest pods, ties by name, through the pods'
// binding subresource, and records Scheduled / FailedScheduling. A pod whose persistent volume
// claims are missing or unbound (Immediate binding) waits, as VolumeBinding's PreFilter has it.

import type { ControllerContext, EventSource } from '../controllers/index.ts';
import {
  type ApiClient,
  type Informer,
  isNotFound,
  type KubeObject,
  nodesResource,
  objectKeyOf,
  persistentVolumeClaimsResource,
  podFitsNode,
  podsResource,
  type Resource,
  splitKey,
  WorkQueue,
} from '../controllers/index.ts';
import { claimSchedulingProblem, podClaims } from './volumes.ts';

const source: EventSource = { component: 'default-scheduler' };
const storageClassesResource: Resource = {
  group: 'storage.k8s.io',
  version: 'v1',
  resource: 'storageclasses',
};

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
  private readonly claims: Informer;
  private readonly classes: Informer;
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
    this.claims = ctx.informers.for(persistentVolumeClaimsResource);
    this.classes = ctx.informers.for(storageClassesResource);
    this.pods.addHandlers({
      add: (pod) => this.observe(pod),
      update: (_old, pod) => this.observe(pod),
      delete: (pod) => this.assumed.delete(objectKeyOf(pod)),
    });
    // A node appearing may make waiting pods schedulable.
    const retryAll = () => {
      for (const pod of this.pods.list()) if (needsScheduling(pod)) this.queue.add(objectKeyOf(pod));
    };
    this.nodes.addHandlers({ add: retryAll });
    // A claim created or bound, or a storage class appearing, may let waiting pods through.
    const retryNamespace = (obj: KubeObject) => {
      for (const pod of this.pods.list(obj.metadata?.namespace))
        if (needsScheduling(pod) && podClaims(pod).length > 0) this.queue.add(objectKeyOf(pod));
    };
    this.claims.addHandlers({ add: retryNamespace, update: (_old, pvc) => retryNamespace(pvc) });
    this.classes.addHandlers({ add: retryAll });
  }

  private unschedulable(pod: KubeObject, total: number, reason: string): void {
    const message =
      total === 0
        ? 'no nodes available to schedule pods'
        : `0/${total} nodes are available: ${reason} preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
    this.ctx.recorder.record(source, pod, 'Warning', 'FailedScheduling', message);
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
    const claimProblem = claimSchedulingProblem(
      pod,
      (claim) => this.claims.get(namespace, claim),
      (name) => this.classes.get(undefined, name),
    );
    if (claimProblem) {
      this.unschedulable(pod, nodes.length, `${claimProblem}.`);
      return;
    }
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
      this.unschedulable(
        pod,
        nodes.length,
        `${nodes.length} node(s) didn't match Pod's node affinity/selector.`,
      );
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
