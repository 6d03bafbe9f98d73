// The scheduler's part in WaitForFirstConsumer binding (the VolumeBinding
// plugin's PreBind): once a pod using an unbound claim of such a class has a
// node, the claim is annotated volume.kubernetes.io/selected-node with it, so
// the provisioner creates the volume there. Upstream the scheduler does this
// before binding the pod and waits for the claim to be bound; our scheduler
// binds at once, so this loop does it right after.

import {
  isConflict,
  isNotFound,
  type KubeObject,
  persistentVolumeClaimsResource,
  podsResource,
} from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { type Informer, objectKeyOf, splitKey } from '../informer.ts';
import { WorkQueue } from '../queue.ts';
import { annotation, annotations, claimClass, claimNamesOf, storageClassesResource } from './storage.ts';

function podRunsSomewhere(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return !!pod.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed';
}

export class SelectedNodeController implements Controller {
  readonly name = 'volume-binding';
  private readonly queue: WorkQueue;
  private readonly claims: Informer;
  private readonly pods: Informer;
  private readonly classes: Informer;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.sync(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.claims = ctx.informers.for(persistentVolumeClaimsResource);
    this.pods = ctx.informers.for(podsResource);
    this.classes = ctx.informers.for(storageClassesResource);
    const podChanged = (pod: KubeObject) => {
      if (!podRunsSomewhere(pod)) return;
      for (const claim of claimNamesOf(pod)) this.queue.add(`${pod.metadata?.namespace}/${claim}`);
    };
    this.pods.addHandlers({ add: podChanged, update: (_old, pod) => podChanged(pod) });
    this.claims.addHandlers({
      add: (claim) => this.queue.add(objectKeyOf(claim)),
      update: (_old, claim) => this.queue.add(objectKeyOf(claim)),
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const claim = this.claims.get(namespace, name);
    if (!claim || claim.spec?.volumeName || claim.metadata?.deletionTimestamp) return;
    if (annotation(claim, annotations.selectedNode)) return;
    const sc = this.classes.get(undefined, claimClass(claim));
    if (sc?.volumeBindingMode !== 'WaitForFirstConsumer') return;
    const consumer = this.pods
      .list(namespace)
      .filter((p) => podRunsSomewhere(p) && claimNamesOf(p).includes(name))
      .sort((a, b) =>
        String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)),
      )[0];
    if (!consumer) return;
    try {
      await this.ctx.client.update(persistentVolumeClaimsResource, namespace, {
        ...claim,
        metadata: {
          ...claim.metadata,
          annotations: {
            ...(claim.metadata?.annotations ?? {}),
            [annotations.selectedNode]: consumer.spec.nodeName,
          },
        },
      });
    } catch (err) {
      if (!isConflict(err) && !isNotFound(err)) throw err;
    }
  }
}
