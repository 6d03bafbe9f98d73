// The local-path provisioner kind ships (rancher/local-path-provisioner, an
// out-of-tree provisioner): for a claim the PV controller handed to
// `rancher.io/local-path`, it creates a hostPath-like volume on the claim's
// selected node — named pvc-<claim uid>, as big as the request, pinned to the
// node by nodeAffinity and pre-bound to the claim by claimRef — and deletes
// the volume once it is Released under the Delete reclaim policy. Nothing is
// written to disk: the volume exists as an API object only.

import {
  isAlreadyExists,
  isConflict,
  isNotFound,
  type KubeObject,
  persistentVolumeClaimsResource,
} from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import type { EventSource } from '../events.ts';
import { type Informer, objectKeyOf, splitKey } from '../informer.ts';
import { WorkQueue } from '../queue.ts';
import {
  annotation,
  annotations,
  claimClass,
  localPathProvisioner,
  persistentVolumesResource,
  pvProtectionFinalizer,
  storageClassesResource,
} from './storage.ts';

const source: EventSource = { component: `${localPathProvisioner}_local-path-provisioner` };
const basePath = '/var/local-path-provisioner';

export function provisionedVolumeName(claim: KubeObject): string {
  return `pvc-${claim.metadata?.uid}`;
}

/** The PersistentVolume local-path-provisioner creates for `claim` on `node`. */
export function localPathVolume(claim: KubeObject, sc: KubeObject, node: string): KubeObject {
  const name = provisionedVolumeName(claim);
  const ns = claim.metadata?.namespace;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: {
        [annotations.localPathSelectedNode]: node,
        [annotations.provisionedBy]: localPathProvisioner,
      },
      // What the PersistentVolume protection admission plugin adds on create.
      finalizers: [pvProtectionFinalizer],
    },
    spec: {
      accessModes: structuredClone(claim.spec?.accessModes ?? ['ReadWriteOnce']),
      capacity: { storage: claim.spec?.resources?.requests?.storage },
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        name: claim.metadata?.name,
        namespace: ns,
        resourceVersion: claim.metadata?.resourceVersion,
        uid: claim.metadata?.uid,
      },
      hostPath: { path: `${basePath}/${name}_${ns}_${claim.metadata?.name}`, type: 'DirectoryOrCreate' },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] },
          ],
        },
      },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata?.name,
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
    },
  };
}

export class LocalPathProvisioner implements Controller {
  readonly name = 'local-path-provisioner';
  private readonly queue: WorkQueue;
  private readonly claims: Informer;
  private readonly volumes: Informer;
  private readonly classes: Informer;
  private readonly nodes: Informer;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.sync(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.claims = ctx.informers.for(persistentVolumeClaimsResource);
    this.volumes = ctx.informers.for(persistentVolumesResource);
    this.classes = ctx.informers.for(storageClassesResource);
    this.nodes = ctx.informers.for({ group: '', version: 'v1', resource: 'nodes' });
    this.claims.addHandlers({
      add: (claim) => this.queue.add(`claim/${objectKeyOf(claim)}`),
      update: (_old, claim) => this.queue.add(`claim/${objectKeyOf(claim)}`),
    });
    this.volumes.addHandlers({
      add: (pv) => this.queue.add(`volume/${pv.metadata?.name}`),
      update: (_old, pv) => this.queue.add(`volume/${pv.metadata?.name}`),
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  private async sync(key: string): Promise<void> {
    try {
      if (key.startsWith('volume/')) await this.syncVolume(key.slice('volume/'.length));
      else await this.syncClaim(key.slice('claim/'.length));
    } catch (err) {
      if (!isConflict(err) && !isNotFound(err)) throw err;
    }
  }

  private async syncClaim(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const claim = this.claims.get(namespace, name);
    if (!claim || claim.spec?.volumeName || claim.metadata?.deletionTimestamp) return;
    if (annotation(claim, annotations.storageProvisioner) !== localPathProvisioner) return;
    const sc = this.classes.get(undefined, claimClass(claim));
    if (sc?.provisioner !== localPathProvisioner) return;
    if (this.volumes.get(undefined, provisionedVolumeName(claim))) return;
    let node = annotation(claim, annotations.selectedNode);
    if (!node) {
      if (sc.volumeBindingMode === 'WaitForFirstConsumer') return;
      // Immediate binding: the real provisioner needs a node too; take the first one by name.
      node = this.nodes
        .list()
        .map((n) => n.metadata?.name as string)
        .sort()[0];
      if (!node) return;
    }
    const { client, recorder } = this.ctx;
    recorder.record(
      source,
      claim,
      'Normal',
      'Provisioning',
      `External provisioner is provisioning volume for claim "${namespace}/${name}"`,
    );
    const pv = localPathVolume(claim, sc, node);
    try {
      await client.create(persistentVolumesResource, undefined, pv);
    } catch (err) {
      if (isAlreadyExists(err)) return;
      recorder.record(
        source,
        claim,
        'Warning',
        'ProvisioningFailed',
        `failed to provision volume with StorageClass "${sc.metadata?.name}": ${(err as Error).message}`,
      );
      throw err;
    }
    recorder.record(
      source,
      claim,
      'Normal',
      'ProvisioningSucceeded',
      `Successfully provisioned volume ${pv.metadata?.name}`,
    );
  }

  /** A Released volume of ours under the Delete policy: its storage is removed, then the object. */
  private async syncVolume(name: string): Promise<void> {
    const pv = this.volumes.get(undefined, name);
    if (!pv || pv.metadata?.deletionTimestamp) return;
    if (annotation(pv, annotations.provisionedBy) !== localPathProvisioner) return;
    if (pv.status?.phase !== 'Released' || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') return;
    await this.ctx.client.delete(persistentVolumesResource, undefined, name, {
      preconditions: { uid: pv.metadata?.uid },
    });
  }
}
