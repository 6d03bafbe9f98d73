// The PersistentVolume controller (pkg/controller/volume/persistentvolume,
// pv_controller.go): gives class-less claims the default StorageClass
// (RetroactiveDefaultStorageClass), binds claims to volumes — a volume
// pre-bound to the claim, else the smallest available volume that fits — or
// asks the class's external provisioner for one, waiting for a first consumer
// under WaitForFirstConsumer; marks volumes Available, Bound or Released.
// Binding writes in upstream's order: the volume's claimRef, the volume's
// phase, the claim's volumeName and annotations, the claim's status.

import { labelSelectorAsSelector } from '../../../kube/selectors/index.ts';
import { isConflict, isNotFound, type KubeObject, persistentVolumeClaimsResource } from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { type EventSource, timeString } from '../events.ts';
import type { Informer } from '../informer.ts';
import { WorkQueue } from '../queue.ts';
import { podFitsNode } from '../scheduling.ts';
import {
  annotation,
  annotations,
  claimClass,
  defaultClassOf,
  hasAnnotation,
  persistentVolumesResource,
  quantityBytes,
  storageClassesResource,
  volumeClass,
} from './storage.ts';

const source: EventSource = { component: 'persistentvolume-controller' };
/** Upstream resyncs every claim every 15 s; only unbound ones have anything to say (their events repeat). */
const pendingResyncMs = 15_000;

export const bindingMessages = {
  waitForFirstConsumer: 'waiting for first consumer to be created before binding',
  noClass: 'no persistent volumes available for this claim and no storage class is set',
  externalProvisioning: (provisioner: string) =>
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
} as const;

function claimKey(namespace: string, name: string): string {
  return `claim/${namespace}/${name}`;
}

function storageRequest(claim: KubeObject): number {
  return quantityBytes(claim.spec?.resources?.requests?.storage);
}

function accessModesOf(obj: KubeObject): string[] {
  return (obj.spec?.accessModes ?? []) as string[];
}

/** The volume's claimRef names this claim (by uid once the uid is set). */
export function volumeBoundToClaim(pv: KubeObject, claim: KubeObject): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref || ref.name !== claim.metadata?.name || (ref.namespace ?? '') !== claim.metadata?.namespace)
    return false;
  return !ref.uid || ref.uid === claim.metadata?.uid;
}

export class PersistentVolumeController implements Controller {
  readonly name = 'persistentvolume-binder-controller';
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
    const claimChanged = (claim: KubeObject) =>
      this.queue.add(claimKey(claim.metadata?.namespace, claim.metadata?.name));
    this.claims.addHandlers({
      add: claimChanged,
      update: (_old, claim) => claimChanged(claim),
      // Its volume is Released now.
      delete: (claim) => {
        const volume = claim.spec?.volumeName;
        if (volume) this.queue.add(`volume/${volume}`);
        for (const pv of this.volumes.list())
          if (volumeBoundToClaim(pv, claim)) this.queue.add(`volume/${pv.metadata?.name}`);
      },
    });
    const volumeChanged = (pv: KubeObject) => {
      this.queue.add(`volume/${pv.metadata?.name}`);
      const ref = pv.spec?.claimRef;
      if (ref?.name) this.queue.add(claimKey(ref.namespace ?? '', ref.name));
    };
    this.volumes.addHandlers({
      add: volumeChanged,
      update: (_old, pv) => volumeChanged(pv),
      // A claim bound to a volume that went away is Lost; unbound claims may now wait for another.
      delete: (pv) => {
        const ref = pv.spec?.claimRef;
        if (ref?.name) this.queue.add(claimKey(ref.namespace ?? '', ref.name));
      },
    });
    // A new (default) class can unblock claims waiting for one.
    this.classes.addHandlers({
      add: () => this.requeuePendingClaims(),
      update: () => this.requeuePendingClaims(),
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  private requeuePendingClaims(): void {
    for (const claim of this.claims.list())
      if (!claim.spec?.volumeName || claim.spec?.storageClassName === undefined)
        this.queue.add(claimKey(claim.metadata?.namespace, claim.metadata?.name));
  }

  private async sync(key: string): Promise<void> {
    try {
      if (key.startsWith('volume/')) {
        const pv = this.volumes.get(undefined, key.slice('volume/'.length));
        if (pv) await this.syncVolume(pv);
        return;
      }
      const [, namespace, name] = key.split('/');
      const claim = this.claims.get(namespace, name!);
      if (claim) await this.syncClaim(claim);
    } catch (err) {
      // Another writer moved the object on: its watch event brings the next sync.
      if (!isConflict(err) && !isNotFound(err)) throw err;
    }
  }

  private async syncClaim(claim: KubeObject): Promise<void> {
    if (
      claim.spec?.storageClassName === undefined &&
      !hasAnnotation(claim, 'volume.beta.kubernetes.io/storage-class')
    ) {
      if (await this.assignDefaultClass(claim)) return;
    }
    if (!hasAnnotation(claim, annotations.bindCompleted)) await this.syncUnboundClaim(claim);
    else await this.syncBoundClaim(claim);
  }

  /** RetroactiveDefaultStorageClass: a claim created with no class gets today's default. */
  private async assignDefaultClass(claim: KubeObject): Promise<boolean> {
    if (claim.spec?.volumeName) return false;
    const def = defaultClassOf(this.classes.list());
    if (!def) return false;
    await this.ctx.client.update(persistentVolumeClaimsResource, claim.metadata?.namespace, {
      ...claim,
      spec: { ...claim.spec, storageClassName: def.metadata?.name },
    });
    return true;
  }

  private classOf(claim: KubeObject): KubeObject | undefined {
    const name = claimClass(claim);
    return name ? this.classes.get(undefined, name) : undefined;
  }

  /** IsDelayBindingMode: the class waits for a first consumer and no node was selected for it yet. */
  private delayBinding(claim: KubeObject): boolean {
    return this.classOf(claim)?.volumeBindingMode === 'WaitForFirstConsumer';
  }

  private async syncUnboundClaim(claim: KubeObject): Promise<void> {
    const { recorder } = this.ctx;
    const volumeName = claim.spec?.volumeName;
    if (volumeName) {
      // Pre-bound by the user (or half-bound by us): finish binding to that volume when it exists.
      const pv = this.volumes.get(undefined, volumeName);
      if (!pv) {
        await this.updateClaimPhase(claim, 'Pending');
        return;
      }
      if (!pv.spec?.claimRef || volumeBoundToClaim(pv, claim)) await this.bind(pv, claim);
      else await this.updateClaimPhase(claim, 'Pending');
      return;
    }
    const delay = this.delayBinding(claim);
    const selectedNode = annotation(claim, annotations.selectedNode);
    const pv = this.findBestMatch(claim, delay, selectedNode);
    if (pv) {
      await this.bind(pv, claim);
      return;
    }
    const className = claimClass(claim);
    if (delay && !selectedNode) {
      recorder.record(source, claim, 'Normal', 'WaitForFirstConsumer', bindingMessages.waitForFirstConsumer);
    } else if (className) {
      const sc = this.classOf(claim);
      if (sc?.provisioner) await this.requestProvisioning(claim, sc.provisioner as string);
    } else {
      recorder.record(source, claim, 'Normal', 'FailedBinding', bindingMessages.noClass);
    }
    await this.updateClaimPhase(claim, 'Pending');
    this.queue.addAfter(claimKey(claim.metadata?.namespace, claim.metadata?.name), pendingResyncMs);
  }

  /** provisionClaim for an out-of-tree provisioner: annotate the claim for it to act on. */
  private async requestProvisioning(claim: KubeObject, provisioner: string): Promise<void> {
    this.ctx.recorder.record(
      source,
      claim,
      'Normal',
      'ExternalProvisioning',
      bindingMessages.externalProvisioning(provisioner),
    );
    if (
      annotation(claim, annotations.storageProvisioner) === provisioner &&
      annotation(claim, annotations.betaStorageProvisioner) === provisioner
    )
      return;
    await this.ctx.client.update(persistentVolumeClaimsResource, claim.metadata?.namespace, {
      ...claim,
      metadata: {
        ...claim.metadata,
        annotations: {
          ...(claim.metadata?.annotations ?? {}),
          [annotations.betaStorageProvisioner]: provisioner,
          [annotations.storageProvisioner]: provisioner,
        },
      },
    });
  }

  /**
   * findBestMatchForClaim: a volume pre-bound to the claim wins; otherwise
   * the smallest Available, unclaimed volume of the claim's class with the
   * access modes, volume mode, size and labels asked for (and, once a node is
   * selected, reachable from it). Delayed claims only take pre-bound volumes.
   */
  private findBestMatch(
    claim: KubeObject,
    delay: boolean,
    selectedNode: string | undefined,
  ): KubeObject | undefined {
    const volumes = this.volumes.list();
    const preBound = volumes.find((pv) => volumeBoundToClaim(pv, claim) && !pv.metadata?.deletionTimestamp);
    if (preBound) return preBound;
    if (delay && !selectedNode) return undefined;
    const wanted = storageRequest(claim);
    const modes = accessModesOf(claim);
    const className = claimClass(claim);
    const mode = claim.spec?.volumeMode ?? 'Filesystem';
    let selector: ReturnType<typeof labelSelectorAsSelector> | undefined;
    try {
      selector = claim.spec?.selector ? labelSelectorAsSelector(claim.spec.selector) : undefined;
    } catch {
      return undefined;
    }
    const node = selectedNode ? this.nodes.get(undefined, selectedNode) : undefined;
    let best: KubeObject | undefined;
    for (const pv of volumes) {
      if (pv.spec?.claimRef || pv.metadata?.deletionTimestamp || pv.status?.phase !== 'Available') continue;
      if (volumeClass(pv) !== className) continue;
      if ((pv.spec?.volumeMode ?? 'Filesystem') !== mode) continue;
      if (!modes.every((m) => accessModesOf(pv).includes(m))) continue;
      const size = quantityBytes(pv.spec?.capacity?.storage);
      if (size < wanted) continue;
      if (selector && !selector.matches((pv.metadata?.labels ?? {}) as Record<string, string>)) continue;
      const terms = pv.spec?.nodeAffinity?.required;
      if (selectedNode && terms) {
        if (!node) continue;
        if (
          !podFitsNode(
            { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } } },
            node,
          )
        )
          continue;
      }
      if (!best || size < quantityBytes(best.spec?.capacity?.storage)) best = pv;
    }
    return best;
  }

  /** bind(): volume claimRef, volume phase, claim volumeName and annotations, claim status. */
  private async bind(pv: KubeObject, claim: KubeObject): Promise<void> {
    const { client } = this.ctx;
    let volume = pv;
    const ref = pv.spec?.claimRef;
    const needsRef = !(volumeBoundToClaim(pv, claim) && ref?.uid === claim.metadata?.uid);
    // Only a binding the controller made itself is marked as such (a user's pre-binding is not).
    const markBound = !volumeBoundToClaim(pv, claim) && !hasAnnotation(pv, annotations.boundByController);
    if (needsRef || markBound) {
      const metadata = { ...pv.metadata };
      if (markBound)
        metadata.annotations = {
          ...(pv.metadata?.annotations ?? {}),
          [annotations.boundByController]: 'yes',
        };
      const claimRef = needsRef
        ? {
            kind: 'PersistentVolumeClaim',
            namespace: claim.metadata?.namespace,
            name: claim.metadata?.name,
            uid: claim.metadata?.uid,
            apiVersion: 'v1',
            resourceVersion: claim.metadata?.resourceVersion,
          }
        : ref;
      volume = await client.update(persistentVolumesResource, undefined, {
        ...pv,
        metadata,
        spec: { ...pv.spec, claimRef },
      });
    }
    volume = await this.updateVolumePhase(volume, 'Bound');
    let bound = claim;
    if (
      claim.spec?.volumeName !== volume.metadata?.name ||
      !hasAnnotation(claim, annotations.bindCompleted)
    ) {
      const extra: Record<string, string> = { [annotations.bindCompleted]: 'yes' };
      if (claim.spec?.volumeName !== volume.metadata?.name) extra[annotations.boundByController] = 'yes';
      bound = await client.update(persistentVolumeClaimsResource, claim.metadata?.namespace, {
        ...claim,
        metadata: { ...claim.metadata, annotations: { ...(claim.metadata?.annotations ?? {}), ...extra } },
        spec: { ...claim.spec, volumeName: volume.metadata?.name },
      });
    }
    await this.updateClaimPhase(bound, 'Bound', volume);
  }

  private async syncBoundClaim(claim: KubeObject): Promise<void> {
    const volumeName = claim.spec?.volumeName;
    const pv = volumeName ? this.volumes.get(undefined, volumeName) : undefined;
    if (!volumeName || !pv) {
      if (claim.status?.phase !== 'Lost') {
        this.ctx.recorder.record(
          source,
          claim,
          'Warning',
          'ClaimLost',
          volumeName
            ? 'Bound claim has lost its PersistentVolume. Data on the volume is lost!'
            : 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!',
        );
        await this.updateClaimPhase(claim, 'Lost');
      }
      return;
    }
    if (volumeBoundToClaim(pv, claim) && pv.spec?.claimRef?.uid) {
      // Finish a binding interrupted after the claim was written.
      await this.updateVolumePhase(pv, 'Bound');
      await this.updateClaimPhase(claim, 'Bound', pv);
      return;
    }
    if (!pv.spec?.claimRef || volumeBoundToClaim(pv, claim)) {
      await this.bind(pv, claim);
      return;
    }
    if (claim.status?.phase !== 'Lost') {
      this.ctx.recorder.record(
        source,
        claim,
        'Warning',
        'ClaimMisbound',
        'Two claims are bound to the same volume, this one is bound incorrectly',
      );
      await this.updateClaimPhase(claim, 'Lost');
    }
  }

  private async syncVolume(pv: KubeObject): Promise<void> {
    const ref = pv.spec?.claimRef;
    if (!ref?.name) {
      await this.updateVolumePhase(pv, 'Available');
      return;
    }
    const claim = this.claims.get(ref.namespace ?? '', ref.name);
    if (!ref.uid) {
      // Pre-bound by the user: the claim's sync binds it.
      if (claim) this.queue.add(claimKey(claim.metadata?.namespace, claim.metadata?.name));
      await this.updateVolumePhase(pv, 'Available');
      return;
    }
    if (!claim || claim.metadata?.uid !== ref.uid) {
      // The claim is gone: the volume is Released and its reclaim policy applies (Delete: the provisioner's job).
      if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed')
        await this.updateVolumePhase(pv, 'Released');
      return;
    }
    if (!claim.spec?.volumeName) {
      // Provisioned for the claim, which is not bound yet: the claim's sync finishes it.
      this.queue.add(claimKey(claim.metadata?.namespace, claim.metadata?.name));
      return;
    }
    if (claim.spec.volumeName === pv.metadata?.name) {
      await this.updateVolumePhase(pv, 'Bound');
      return;
    }
    // The claim is bound to another volume: undo our binding, or release a user's.
    if (hasAnnotation(pv, annotations.boundByController)) {
      const metadata = { ...pv.metadata, annotations: { ...(pv.metadata?.annotations ?? {}) } };
      delete metadata.annotations[annotations.boundByController];
      const spec = { ...pv.spec };
      delete spec.claimRef;
      const unbound = await this.ctx.client.update(persistentVolumesResource, undefined, {
        ...pv,
        metadata,
        spec,
      });
      await this.updateVolumePhase(unbound, 'Available');
    } else if (pv.status?.phase !== 'Released') {
      await this.updateVolumePhase(pv, 'Released');
    }
  }

  /** The volume's phase, with lastPhaseTransitionTime when it changes (PersistentVolumeLastPhaseTransitionTime, GA). */
  private async updateVolumePhase(pv: KubeObject, phase: string): Promise<KubeObject> {
    if (pv.status?.phase === phase) return pv;
    return this.ctx.client.updateStatus(persistentVolumesResource, undefined, {
      ...pv,
      status: { ...(pv.status ?? {}), phase, lastPhaseTransitionTime: timeString(this.ctx.clock.now()) },
    });
  }

  /** updateClaimStatus: the phase, and when Bound the volume's access modes and capacity. */
  private async updateClaimPhase(claim: KubeObject, phase: string, pv?: KubeObject): Promise<KubeObject> {
    const status: KubeObject = { ...(claim.status ?? {}), phase };
    if (phase === 'Bound' && pv) {
      status.accessModes = structuredClone(pv.spec?.accessModes ?? []);
      status.capacity = structuredClone(pv.spec?.capacity ?? {});
    } else if (phase !== 'Bound' && phase !== 'Lost') {
      delete status.accessModes;
      delete status.capacity;
    }
    if (JSON.stringify(status) === JSON.stringify(claim.status ?? {})) return claim;
    return this.ctx.client.updateStatus(persistentVolumeClaimsResource, claim.metadata?.namespace, {
      ...claim,
      status,
    });
  }
}
