// Garbage collection for the batch kinds (Job -> Pods, CronJob -> Jobs),
// which the shared garbage collector does not track: a dependent whose
// controller is gone is deleted in the background; an owner deleted in the
// foreground has its dependents deleted and then loses `foregroundDeletion`;
// one deleted with `orphan` has its dependents released first.

import { isConflict, isNotFound, type KubeObject, type Resource } from '../client.ts';
import type { ControllerContext } from '../context.ts';
import type { Informer } from '../informer.ts';
import { controllerRefOf, type OwnerReference } from '../owner.ts';
import { WorkQueue } from '../queue.ts';

const foregroundFinalizer = 'foregroundDeletion';
const orphanFinalizer = 'orphan';

export class OwnedCollector {
  private readonly queue: WorkQueue;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly ownerResource: Resource,
    private readonly ownerKind: string,
    private readonly owners: Informer,
    private readonly dependentResource: Resource,
    private readonly dependents: Informer,
  ) {
    // Keys: "owner/<ns>/<name>" or "dependent/<ns>/<name>".
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.process(key),
      (key, err) => ctx.onError?.('garbage-collector-controller', key, err),
    );
    const ownerChanged = (obj: KubeObject) => {
      if (obj.metadata?.deletionTimestamp)
        this.queue.add(`owner/${obj.metadata.namespace}/${obj.metadata.name}`);
    };
    owners.addHandlers({
      add: ownerChanged,
      update: (_old, obj) => ownerChanged(obj),
      delete: (owner) => {
        for (const d of this.dependentsOf(owner)) this.addDependent(d);
      },
    });
    const dependentChanged = (obj: KubeObject) => {
      if (controllerRefOf(obj)?.kind === this.ownerKind && !this.ownerOf(obj)) this.addDependent(obj);
    };
    dependents.addHandlers({
      add: dependentChanged,
      update: (_old, obj) => dependentChanged(obj),
      delete: (obj) => {
        const owner = this.ownerOf(obj);
        if (owner) ownerChanged(owner);
      },
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  private addDependent(obj: KubeObject): void {
    this.queue.add(`dependent/${obj.metadata?.namespace}/${obj.metadata?.name}`);
  }

  private ownerOf(obj: KubeObject): KubeObject | undefined {
    const ref = controllerRefOf(obj);
    const owner = ref && this.owners.get(obj.metadata?.namespace, ref.name);
    return owner?.metadata?.uid === ref?.uid ? owner : undefined;
  }

  private dependentsOf(owner: KubeObject): KubeObject[] {
    const uid = owner.metadata?.uid;
    return this.dependents.list(owner.metadata?.namespace).filter((d) => controllerRefOf(d)?.uid === uid);
  }

  private async process(key: string): Promise<void> {
    const [what, namespace, ...rest] = key.split('/');
    const name = rest.join('/');
    if (what === 'owner') await this.processOwner(namespace!, name);
    else await this.processDependent(namespace!, name);
  }

  /** A dependent whose controller is gone (confirmed through the API) is deleted. */
  private async processDependent(namespace: string, name: string): Promise<void> {
    const obj = this.dependents.get(namespace, name);
    const ref = obj && controllerRefOf(obj);
    if (!obj || !ref || obj.metadata?.deletionTimestamp || this.ownerOf(obj)) return;
    try {
      const owner = await this.ctx.client.get(this.ownerResource, namespace, ref.name);
      if (owner.metadata?.uid === ref.uid) return;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    try {
      await this.ctx.client.delete(this.dependentResource, namespace, name, {
        preconditions: { uid: obj.metadata?.uid },
        propagationPolicy: 'Background',
      });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }

  private async processOwner(namespace: string, name: string): Promise<void> {
    const owner = this.owners.get(namespace, name);
    if (!owner?.metadata?.deletionTimestamp) return;
    const finalizers = (owner.metadata.finalizers ?? []) as string[];
    const mode = finalizers.includes(foregroundFinalizer)
      ? foregroundFinalizer
      : finalizers.includes(orphanFinalizer)
        ? orphanFinalizer
        : undefined;
    if (!mode) return;
    const { client } = this.ctx;
    const remaining = this.dependentsOf(owner);
    for (const d of remaining) {
      try {
        if (mode === orphanFinalizer) {
          const refs = ((d.metadata?.ownerReferences ?? []) as OwnerReference[]).filter(
            (r) => r.uid !== owner.metadata?.uid,
          );
          await client.patch(this.dependentResource, namespace, d.metadata!.name, 'merge', {
            metadata: {
              ownerReferences: refs.length > 0 ? refs : null,
              resourceVersion: d.metadata?.resourceVersion,
            },
          });
        } else if (!d.metadata?.deletionTimestamp) {
          await client.delete(this.dependentResource, namespace, d.metadata!.name, {
            preconditions: { uid: d.metadata?.uid },
            propagationPolicy: 'Background',
          });
        }
      } catch (err) {
        if (!isNotFound(err) && !isConflict(err)) throw err;
      }
    }
    // Foreground: wait for the dependents to be gone (their deletion events requeue this owner).
    if (mode === foregroundFinalizer && remaining.length > 0) return;
    try {
      await client.patch(this.ownerResource, namespace, name, 'merge', {
        metadata: {
          finalizers: finalizers.filter((f) => f !== mode),
          resourceVersion: owner.metadata.resourceVersion,
        },
      });
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }
}
