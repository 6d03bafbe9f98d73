// The part of kube-controller-manager's node-lifecycle-controller a
// simulated cluster shows: a cordoned node (spec.unschedulable) carries the
// node.kubernetes.io/unschedulable:NoSchedule taint (TaintNodesByCondition),
// stamped with when it was added, and loses it when uncordoned. The
// scheduler's NodeUnschedulable filter reads the field; the taint is what
// `kubectl describe node` and tolerations see.

import type { ControllerContext } from '../controllers/index.ts';
import {
  type ApiClient,
  type Informer,
  isNotFound,
  type KubeObject,
  nodesResource,
  timeString,
  WorkQueue,
} from '../controllers/index.ts';

export const unschedulableTaintKey = 'node.kubernetes.io/unschedulable';

/** The node's taints as the controller wants them, or undefined when they are right already. */
export function wantedTaints(node: KubeObject, nowMs: number): KubeObject[] | undefined {
  const taints = (node.spec?.taints ?? []) as KubeObject[];
  const has = taints.some((t) => t.key === unschedulableTaintKey && t.effect === 'NoSchedule');
  const cordoned = node.spec?.unschedulable === true;
  if (cordoned === has) return undefined;
  if (cordoned)
    return [...taints, { key: unschedulableTaintKey, effect: 'NoSchedule', timeAdded: timeString(nowMs) }];
  return taints.filter((t) => !(t.key === unschedulableTaintKey && t.effect === 'NoSchedule'));
}

export class NodeLifecycleController {
  readonly name = 'node-lifecycle-controller';
  private readonly queue: WorkQueue;
  private readonly nodes: Informer;
  private readonly client: ApiClient;

  constructor(private readonly ctx: ControllerContext) {
    this.client = ctx.client;
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.sync(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.nodes = ctx.informers.for(nodesResource);
    this.nodes.addHandlers({
      add: (node) => this.queue.add(node.metadata?.name),
      update: (_old, node) => this.queue.add(node.metadata?.name),
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  private async sync(name: string): Promise<void> {
    const node = this.nodes.get(undefined, name);
    if (!node) return;
    const taints = wantedTaints(node, this.ctx.clock.now());
    if (!taints) return;
    const spec = { ...node.spec };
    if (taints.length > 0) spec.taints = taints;
    else delete spec.taints;
    try {
      await this.client.update(nodesResource, undefined, { ...node, spec });
    } catch (err) {
      // A conflict: someone (kubectl, the kubelet) wrote first; try again with the newer node.
      if ((err as { code?: number }).code === 409) this.queue.add(name);
      else if (!isNotFound(err)) throw err;
    }
  }
}
