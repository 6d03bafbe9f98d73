// kube-controller-manager's taint-eviction-controller (the NoExecute taint
// manager): a pod on a node with a NoExecute taint it does not tolerate is
// deleted at once; one that tolerates every such taint for a while
// (tolerationSeconds) is deleted when the shortest of those runs out, unless
// the taints go first. Each eviction says "Marking for deletion Pod ns/name",
// each cancelled one "Cancelling deletion of Pod ns/name", and the pod gets
// the DisruptionTarget condition before it is deleted.

import type { ControllerContext, EventSource } from '../controllers/index.ts';
import {
  type Informer,
  isNotFound,
  type KubeObject,
  nodesResource,
  objectKeyOf,
  podsResource,
  semanticEqual,
  splitKey,
  timeString,
  WorkQueue,
} from '../controllers/index.ts';
import { toleration } from './filters.ts';

const source: EventSource = { component: 'taint-eviction-controller' };

/** The object reference the taint manager's events name: no uid, as upstream builds it. */
function podRef(namespace: string | undefined, name: string | undefined): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } };
}

function noExecuteTaints(node: KubeObject | undefined): KubeObject[] {
  return ((node?.spec?.taints ?? []) as KubeObject[]).filter((t) => t.effect === 'NoExecute');
}

/**
 * How long the pod may stay on a node with these NoExecute taints: 0 when one is not tolerated,
 * undefined when all are tolerated forever, else the shortest tolerationSeconds in ms.
 */
export function tolerationMs(
  tolerations: KubeObject[] | undefined,
  taints: KubeObject[],
): number | undefined {
  let shortest: number | undefined;
  for (const taint of taints) {
    const used = (tolerations ?? []).find((t) => toleration(t, taint));
    if (!used) return 0;
    const seconds = used.tolerationSeconds;
    if (typeof seconds !== 'number') continue;
    if (seconds <= 0) return 0;
    shortest = shortest === undefined ? seconds * 1000 : Math.min(shortest, seconds * 1000);
  }
  return shortest;
}

interface ScheduledEviction {
  createdAt: number;
  fireAt: number;
}

export class TaintEvictionController {
  readonly name = 'taint-eviction-controller';
  private readonly queue: WorkQueue;
  private readonly pods: Informer;
  private readonly nodes: Informer;
  /** Evictions waiting for their tolerationSeconds to run out, by pod key. */
  private readonly scheduled = new Map<string, ScheduledEviction>();

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.sync(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.pods = ctx.informers.for(podsResource);
    this.nodes = ctx.informers.for(nodesResource);
    this.pods.addHandlers({
      add: (pod) => this.queue.add(objectKeyOf(pod)),
      update: (old, pod) => {
        const moved =
          old.spec?.nodeName !== pod.spec?.nodeName ||
          !semanticEqual(old.spec?.tolerations, pod.spec?.tolerations);
        if (moved) this.queue.add(objectKeyOf(pod));
      },
      delete: (pod) => this.cancel(objectKeyOf(pod)),
    });
    const nodeChanged = (node: KubeObject) => {
      for (const pod of this.pods.list())
        if (pod.spec?.nodeName === node.metadata?.name) this.queue.add(objectKeyOf(pod));
    };
    this.nodes.addHandlers({
      add: nodeChanged,
      update: (old, node) => {
        if (!semanticEqual(noExecuteTaints(old), noExecuteTaints(node))) nodeChanged(node);
      },
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  /** Drops a scheduled eviction, saying so. */
  private cancel(key: string): void {
    if (!this.scheduled.delete(key)) return;
    const { namespace, name } = splitKey(key);
    this.ctx.recorder.record(
      source,
      podRef(namespace, name),
      'Normal',
      'TaintManagerEviction',
      `Cancelling deletion of Pod ${key}`,
    );
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.pods.get(namespace, name);
    if (!pod) {
      this.cancel(key);
      return;
    }
    if (pod.metadata?.deletionTimestamp || !pod.spec?.nodeName) return;
    const taints = noExecuteTaints(this.nodes.get(undefined, pod.spec.nodeName));
    const now = this.ctx.clock.now();
    const allowedMs = taints.length === 0 ? undefined : tolerationMs(pod.spec?.tolerations, taints);
    if (allowedMs === undefined) {
      this.cancel(key);
      return;
    }
    let eviction = this.scheduled.get(key);
    if (allowedMs === 0 && eviction) {
      // Not tolerated any more: the pod goes now rather than when its time would have run out.
      this.cancel(key);
      eviction = undefined;
    }
    if (!eviction) {
      eviction = { createdAt: now, fireAt: now + allowedMs };
      this.scheduled.set(key, eviction);
    }
    if (eviction.fireAt > now) {
      this.queue.addAfter(key, eviction.fireAt - now);
      return;
    }
    this.scheduled.delete(key);
    await this.evict(pod, now);
  }

  private async evict(pod: KubeObject, now: number): Promise<void> {
    const namespace = pod.metadata?.namespace as string;
    const name = pod.metadata?.name as string;
    this.ctx.recorder.record(
      source,
      podRef(namespace, name),
      'Normal',
      'TaintManagerEviction',
      `Marking for deletion Pod ${namespace}/${name}`,
    );
    const conditions = (pod.status?.conditions ?? []) as KubeObject[];
    if (!conditions.some((c) => c.type === 'DisruptionTarget' && c.status === 'True')) {
      const condition = {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: timeString(now),
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      };
      const status = {
        ...pod.status,
        conditions: [...conditions.filter((c) => c.type !== 'DisruptionTarget'), condition],
      };
      try {
        await this.ctx.client.updateStatus(podsResource, namespace, { ...pod, status });
      } catch (err) {
        if (isNotFound(err)) return;
        // A conflict: the kubelet wrote meanwhile; the deletion below matters more than the condition.
        if ((err as { code?: number }).code !== 409) throw err;
      }
    }
    try {
      await this.ctx.client.delete(podsResource, namespace, name, {
        preconditions: { uid: pod.metadata?.uid },
      });
    } catch (err) {
      if (!isNotFound(err) && (err as { code?: number }).code !== 409) throw err;
    }
  }
}
