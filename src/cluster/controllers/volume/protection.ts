// The storage-object-in-use protection controllers
// (pkg/controller/volume/pvcprotection and pvprotection): every claim carries
// kubernetes.io/pvc-protection and every volume kubernetes.io/pv-protection
// (the admission plugin adds them on create; these loops add them to objects
// that lack them), and a deleted claim keeps its finalizer while a scheduled,
// unfinished pod mounts it, a deleted volume while it is Bound.

import {
  isConflict,
  isNotFound,
  type KubeObject,
  persistentVolumeClaimsResource,
  podsResource,
  type Resource,
} from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { type Informer, objectKeyOf, splitKey } from '../informer.ts';
import { WorkQueue } from '../queue.ts';
import {
  claimNamesOf,
  persistentVolumesResource,
  pvcProtectionFinalizer,
  pvProtectionFinalizer,
} from './storage.ts';

function finalizersOf(obj: KubeObject): string[] {
  return (obj.metadata?.finalizers ?? []) as string[];
}

/** Pods the kubelet may still be running with the claim mounted. */
function podUsesClaim(pod: KubeObject, claim: string): boolean {
  const phase = pod.status?.phase;
  if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return false;
  return claimNamesOf(pod).includes(claim);
}

export class VolumeProtectionController implements Controller {
  readonly name = 'volume-protection';
  private readonly queue: WorkQueue;
  private readonly claims: Informer;
  private readonly volumes: Informer;
  private readonly pods: Informer;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.sync(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.claims = ctx.informers.for(persistentVolumeClaimsResource);
    this.volumes = ctx.informers.for(persistentVolumesResource);
    this.pods = ctx.informers.for(podsResource);
    const claimChanged = (claim: KubeObject) => this.queue.add(`claim/${objectKeyOf(claim)}`);
    this.claims.addHandlers({ add: claimChanged, update: (_old, claim) => claimChanged(claim) });
    const volumeChanged = (pv: KubeObject) => this.queue.add(`volume/${pv.metadata?.name}`);
    this.volumes.addHandlers({ add: volumeChanged, update: (_old, pv) => volumeChanged(pv) });
    // A pod that stops or goes may release a claim being deleted.
    const podReleased = (pod: KubeObject) => {
      for (const name of claimNamesOf(pod)) {
        const claim = this.claims.get(pod.metadata?.namespace, name);
        if (claim?.metadata?.deletionTimestamp) claimChanged(claim);
      }
    };
    this.pods.addHandlers({ update: (_old, pod) => podReleased(pod), delete: podReleased });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  private async sync(key: string): Promise<void> {
    try {
      if (key.startsWith('volume/')) {
        const pv = this.volumes.get(undefined, key.slice('volume/'.length));
        if (pv)
          await this.protect(
            persistentVolumesResource,
            pv,
            pvProtectionFinalizer,
            () => pv.status?.phase === 'Bound',
          );
        return;
      }
      const { namespace, name } = splitKey(key.slice('claim/'.length));
      const claim = this.claims.get(namespace, name);
      if (claim)
        await this.protect(persistentVolumeClaimsResource, claim, pvcProtectionFinalizer, () =>
          this.pods.list(namespace).some((p) => podUsesClaim(p, name)),
        );
    } catch (err) {
      if (!isConflict(err) && !isNotFound(err)) throw err;
    }
  }

  private async protect(
    resource: Resource,
    obj: KubeObject,
    finalizer: string,
    inUse: () => boolean,
  ): Promise<void> {
    const finalizers = finalizersOf(obj);
    const has = finalizers.includes(finalizer);
    const deleting = !!obj.metadata?.deletionTimestamp;
    let next: string[] | undefined;
    if (!deleting && !has) next = [...finalizers, finalizer];
    else if (deleting && has && !inUse()) next = finalizers.filter((f) => f !== finalizer);
    if (!next) return;
    await this.ctx.client.update(resource, obj.metadata?.namespace, {
      ...obj,
      metadata: { ...obj.metadata, finalizers: next.length > 0 ? next : undefined },
    });
  }
}
