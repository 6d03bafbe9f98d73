// A small scheduler: binds each unscheduled pod to the eligible node (filters.ts: cordon,
// taints, nodeSelector, node affinity, the node affinity of bound persistent volumes) running
// the fewest pods, ties by name, through the pods' binding subresource, and records Scheduled /
// FailedScheduling (with the PodScheduled=False condition). A pod whose persistent volume claims
// are missing or unbound (Immediate binding) waits, as VolumeBinding's PreFilter has it.

import type { ControllerContext, EventSource } from '../controllers/index.ts';
import {
  type ApiClient,
  type Informer,
  isNotFound,
  type KubeObject,
  nodesResource,
  objectKeyOf,
  persistentVolumeClaimsResource,
  persistentVolumesResource,
  podsResource,
  type Resource,
  semanticEqual,
  splitKey,
  timeString,
  WorkQueue,
} from '../controllers/index.ts';
import { filterNode, fitErrorMessage, preFilterMessage } from './filters.ts';
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

/** What the filters look at on a node: a change elsewhere (status, heartbeats) cannot make a pod fit. */
function schedulingView(node: KubeObject): unknown {
  return { labels: node.metadata?.labels, spec: node.spec };
}

export class Scheduler {
  readonly name = 'default-scheduler';
  private readonly queue: WorkQueue;
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly claims: Informer;
  private readonly classes: Informer;
  private readonly volumes: Informer;
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
    this.volumes = ctx.informers.for(persistentVolumesResource);
    this.pods.addHandlers({
      add: (pod) => this.observe(pod),
      // Its own PodScheduled=False write does not make a pod fit: only a spec change or a deletion can.
      update: (old, pod) => {
        const moved =
          !semanticEqual(old.spec, pod.spec) ||
          old.metadata?.deletionTimestamp !== pod.metadata?.deletionTimestamp;
        if (moved) this.observe(pod);
      },
      delete: (pod) => this.assumed.delete(objectKeyOf(pod)),
    });
    // A node appearing may make waiting pods schedulable.
    const retryAll = () => {
      for (const pod of this.pods.list()) if (needsScheduling(pod)) this.queue.add(objectKeyOf(pod));
    };
    // A node appearing, uncordoned, untainted or relabelled may make waiting pods schedulable.
    this.nodes.addHandlers({
      add: retryAll,
      update: (old, node) => {
        if (!semanticEqual(schedulingView(old), schedulingView(node))) retryAll();
      },
    });
    // A claim created or bound, or a storage class appearing, may let waiting pods through.
    const retryNamespace = (obj: KubeObject) => {
      for (const pod of this.pods.list(obj.metadata?.namespace))
        if (needsScheduling(pod) && podClaims(pod).length > 0) this.queue.add(objectKeyOf(pod));
    };
    this.claims.addHandlers({ add: retryNamespace, update: (_old, pvc) => retryNamespace(pvc) });
    this.classes.addHandlers({ add: retryAll });
  }

  /** FailedScheduling, and the PodScheduled=False condition with the same message. */
  private async unschedulable(pod: KubeObject, message: string): Promise<void> {
    this.ctx.recorder.record(source, pod, 'Warning', 'FailedScheduling', message);
    const conditions = (pod.status?.conditions ?? []) as KubeObject[];
    const previous = conditions.find((c) => c.type === 'PodScheduled');
    if (previous?.status === 'False' && previous.message === message) return;
    const condition = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime:
        previous?.status === 'False' ? previous.lastTransitionTime : timeString(this.ctx.clock.now()),
      reason: 'Unschedulable',
      message,
    };
    const status = {
      ...pod.status,
      phase: pod.status?.phase ?? 'Pending',
      conditions: [...conditions.filter((c) => c.type !== 'PodScheduled'), condition],
    };
    if (semanticEqual(pod.status, status)) return;
    try {
      await this.client.updateStatus(podsResource, pod.metadata?.namespace, { ...pod, status });
    } catch (err) {
      // A newer pod (bound meanwhile, or deleted) needs no condition from this attempt.
      if (!isNotFound(err) && (err as { code?: number }).code !== 409) throw err;
    }
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

  /** The persistent volumes the pod's claims are bound to (their node affinity binds the pod). */
  private boundVolumes(pod: KubeObject): KubeObject[] {
    const out: KubeObject[] = [];
    for (const { claim } of podClaims(pod)) {
      const volumeName = this.claims.get(pod.metadata?.namespace, claim)?.spec?.volumeName;
      const pv = volumeName ? this.volumes.get(undefined, volumeName) : undefined;
      if (pv) out.push(pv);
    }
    return out;
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
      await this.unschedulable(
        pod,
        nodes.length === 0
          ? 'no nodes available to schedule pods'
          : preFilterMessage(nodes.length, claimProblem),
      );
      return;
    }
    if (nodes.length === 0) {
      await this.unschedulable(pod, 'no nodes available to schedule pods');
      return;
    }
    const load = new Map<string, number>();
    for (const p of this.pods.list()) {
      const n = p.spec?.nodeName;
      if (n && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
        load.set(n, (load.get(n) ?? 0) + 1);
    }
    for (const n of this.assumed.values()) load.set(n, (load.get(n) ?? 0) + 1);
    const volumes = this.boundVolumes(pod);
    const reasons: string[] = [];
    const eligible: KubeObject[] = [];
    for (const n of nodes) {
      const reason = filterNode(pod, n, volumes);
      if (reason === undefined) eligible.push(n);
      else reasons.push(reason);
    }
    eligible.sort(
      (a, b) =>
        (load.get(a.metadata?.name) ?? 0) - (load.get(b.metadata?.name) ?? 0) ||
        (a.metadata?.name < b.metadata?.name ? -1 : 1),
    );
    if (eligible.length === 0) {
      await this.unschedulable(pod, fitErrorMessage(nodes.length, reasons));
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
