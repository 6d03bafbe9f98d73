// The Deployment controller (pkg/controller/deployment): finds the
// Deployment's ReplicaSets, the new one matching its template and the old
// ones, and drives them by the strategy (rolling.ts, recreate.ts), by a
// proportional scale on resize or while paused (this file), reporting
// progress in status (progress.ts).

import { labelSelectorAsSelector, type Selector } from '../../../kube/selectors/index.ts';
import {
  deploymentsResource,
  isAlreadyExists,
  isNotFound,
  type KubeObject,
  podsResource,
  replicaSetsResource,
} from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { semanticEqual } from '../equality.ts';
import { type EventSource, timeString } from '../events.ts';
import { type Informer, objectKeyOf, splitKey } from '../informer.ts';
import { claimObjects, controllerRefOf, newControllerRef } from '../owner.ts';
import { WorkQueue } from '../queue.ts';
import { computeTemplateHash } from './hash.ts';
import { syncDeploymentStatus } from './progress.ts';
import { rolloutRecreate } from './recreate.ts';
import { rolloutRolling } from './rolling.ts';
import {
  activeReplicaSets,
  byCreation,
  byRevision,
  desiredReplicasAnnotationOf,
  findActiveOrLatest,
  getCondition,
  hasProgressDeadline,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  newCondition,
  newRSNewReplicas,
  podTemplateHashLabel,
  proportionalSizes,
  reasons,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  revisionAnnotation,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './util.ts';

const source: EventSource = { component: 'deployment-controller' };

function selectorOf(d: KubeObject): Selector {
  try {
    return labelSelectorAsSelector(d.spec?.selector);
  } catch {
    return labelSelectorAsSelector(null);
  }
}

function withoutHash(template: KubeObject | undefined): unknown {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels[podTemplateHashLabel];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return t;
}

/** Templates equal but for the pod-template-hash label (EqualIgnoreHash). */
export function equalIgnoreHash(a: KubeObject | undefined, b: KubeObject | undefined): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}

/** The oldest ReplicaSet whose template is the Deployment's (FindNewReplicaSet). */
export function findNewReplicaSet(d: KubeObject, rsList: KubeObject[]): KubeObject | undefined {
  return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  private readonly queue: WorkQueue;
  private readonly deployments: Informer;
  private readonly replicaSets: Informer;
  private readonly pods: Informer;

  constructor(readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      // A Deployment removed under a sync (the garbage collector releasing it): its deletion event requeues the key.
      (key) =>
        this.syncDeployment(key).catch((err) => {
          if (!isNotFound(err)) throw err;
        }),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.deployments = ctx.informers.for(deploymentsResource);
    this.replicaSets = ctx.informers.for(replicaSetsResource);
    this.pods = ctx.informers.for(podsResource);
    this.deployments.addHandlers({
      add: (d) => this.queue.add(objectKeyOf(d)),
      update: (_o, d) => this.queue.add(objectKeyOf(d)),
      delete: (d) => this.queue.add(objectKeyOf(d)),
    });
    this.replicaSets.addHandlers({
      add: (rs) => this.enqueueOwnerOrMatching(rs),
      update: (old, rs) => {
        const oldOwner = this.ownerKey(old);
        if (oldOwner && oldOwner !== this.ownerKey(rs)) this.queue.add(oldOwner);
        this.enqueueOwnerOrMatching(rs);
      },
      delete: (rs) => this.enqueueOwner(rs),
    });
    // Recreate waits for old pods to be gone; a pod leaving wakes its Deployment.
    this.pods.addHandlers({
      update: (old, pod) => {
        if (pod.metadata?.deletionTimestamp && !old.metadata?.deletionTimestamp) this.enqueuePodOwner(pod);
      },
      delete: (pod) => this.enqueuePodOwner(pod),
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  enqueueAfter(d: KubeObject, ms: number): void {
    this.queue.addAfter(objectKeyOf(d), ms);
  }

  private ownerKey(rs: KubeObject): string | undefined {
    const ref = controllerRefOf(rs);
    if (ref?.kind !== 'Deployment') return undefined;
    const d = this.deployments.get(rs.metadata?.namespace, ref.name);
    return d && d.metadata?.uid === ref.uid ? objectKeyOf(d) : undefined;
  }

  private enqueueOwner(rs: KubeObject): void {
    const key = this.ownerKey(rs);
    if (key) this.queue.add(key);
  }

  private enqueueOwnerOrMatching(rs: KubeObject): void {
    if (controllerRefOf(rs)) {
      this.enqueueOwner(rs);
      return;
    }
    for (const d of this.deployments.list(rs.metadata?.namespace)) {
      if (selectorOf(d).matches(rs.metadata?.labels ?? {})) this.queue.add(objectKeyOf(d));
    }
  }

  private enqueuePodOwner(pod: KubeObject): void {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== 'ReplicaSet') return;
    const rs = this.replicaSets.get(pod.metadata?.namespace, ref.name);
    if (rs && rs.metadata?.uid === ref.uid) this.enqueueOwner(rs);
  }

  now(): string {
    return timeString(this.ctx.clock.now());
  }

  // --- sync -------------------------------------------------------------------------------

  async syncDeployment(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.deployments.get(namespace, name);
    if (!cached) return;
    const d = structuredClone(cached);
    const sel = d.spec?.selector ?? {};
    if (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
      this.ctx.recorder.record(
        source,
        d,
        'Warning',
        'SelectingAll',
        'This deployment is selecting all pods. A non-empty selector is required.',
      );
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata?.generation };
        await this.updateStatus(d);
      }
      return;
    }
    const rsList = await this.replicaSetsForDeployment(d);
    if (d.metadata?.deletionTimestamp) {
      const { newRS, oldRSs } = await this.allReplicaSetsAndSyncRevision(d, rsList, false);
      await syncDeploymentStatus(this, [...oldRSs, newRS], newRS, d);
      return;
    }
    await this.checkPausedConditions(d);
    if (d.spec?.paused) {
      await this.sync(d, rsList);
      return;
    }
    if (await this.isScalingEvent(d, rsList)) {
      await this.sync(d, rsList);
      return;
    }
    if (isRollingUpdate(d)) await rolloutRolling(this, d, rsList);
    else await rolloutRecreate(this, d, rsList, this.podsByReplicaSet(d, rsList));
  }

  /** The ReplicaSets this Deployment controls, after adopting matching orphans and releasing non-matching ones. */
  async replicaSetsForDeployment(d: KubeObject): Promise<KubeObject[]> {
    const selector = selectorOf(d);
    const candidates = this.replicaSets
      .list(d.metadata?.namespace)
      .filter((rs) => !controllerRefOf(rs) || controllerRefOf(rs)!.uid === d.metadata?.uid);
    return claimObjects(this.ctx.client, replicaSetsResource, d, 'apps/v1', 'Deployment', candidates, (rs) =>
      selector.matches(rs.metadata?.labels ?? {}),
    );
  }

  /** Every pod of the Deployment's ReplicaSets, by ReplicaSet uid (getPodMapForDeployment). */
  podsByReplicaSet(d: KubeObject, rsList: KubeObject[]): Map<string, KubeObject[]> {
    const selector = selectorOf(d);
    const map = new Map<string, KubeObject[]>();
    for (const rs of rsList) map.set(rs.metadata?.uid, []);
    for (const pod of this.pods.list(d.metadata?.namespace)) {
      if (!selector.matches(pod.metadata?.labels ?? {})) continue;
      const ref = controllerRefOf(pod);
      if (ref && map.has(ref.uid)) map.get(ref.uid)!.push(pod);
    }
    return map;
  }

  private async checkPausedConditions(d: KubeObject): Promise<void> {
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === reasons.timedOut) return;
    const pausedCondExists = cond?.reason === reasons.paused;
    d.status ??= {};
    let needsUpdate = false;
    if (d.spec?.paused && !pausedCondExists) {
      setCondition(
        d.status,
        newCondition('Progressing', 'Unknown', reasons.paused, 'Deployment is paused', this.now()),
      );
      needsUpdate = true;
    } else if (!d.spec?.paused && pausedCondExists) {
      setCondition(
        d.status,
        newCondition('Progressing', 'Unknown', reasons.resumed, 'Deployment is resumed', this.now()),
      );
      needsUpdate = true;
    }
    if (needsUpdate) await this.updateStatus(d);
  }

  /** A replica count differing from the desired-replicas annotation of an active ReplicaSet. */
  private async isScalingEvent(d: KubeObject, rsList: KubeObject[]): Promise<boolean> {
    const { newRS, oldRSs } = await this.allReplicaSetsAndSyncRevision(d, rsList, false);
    for (const rs of activeReplicaSets([...oldRSs, newRS])) {
      const desired = desiredReplicasAnnotationOf(rs);
      if (desired !== undefined && desired !== replicasOf(d)) return true;
    }
    return false;
  }

  /** Resizes without rolling (scaling events, paused deployments), then cleans up and reports status. */
  private async sync(d: KubeObject, rsList: KubeObject[]): Promise<void> {
    const { newRS, oldRSs } = await this.allReplicaSetsAndSyncRevision(d, rsList, false);
    await this.scale(d, newRS, oldRSs);
    if (d.spec?.paused) await this.cleanupDeployment(oldRSs, d);
    await syncDeploymentStatus(this, [...oldRSs, newRS], newRS, d);
  }

  private async scale(d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): Promise<void> {
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (replicasOf(activeOrLatest) === replicasOf(d)) return;
      await this.scaleReplicaSetAndRecordEvent(activeOrLatest, replicasOf(d), d);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(oldRSs)) await this.scaleReplicaSetAndRecordEvent(old, 0, d);
      return;
    }
    if (isRollingUpdate(d)) {
      const active = activeReplicaSets([...oldRSs, newRS]);
      const sizes = proportionalSizes(d, active);
      for (const rs of active) await this.scaleReplicaSet(rs, sizes.get(rs)!, d);
    }
  }

  // --- ReplicaSets ------------------------------------------------------------------------

  /** The new ReplicaSet (created when asked and missing) and the old ones, with the revision synced. */
  async allReplicaSetsAndSyncRevision(
    d: KubeObject,
    rsList: KubeObject[],
    createIfNotExisted: boolean,
  ): Promise<{ newRS: KubeObject | undefined; oldRSs: KubeObject[] }> {
    const existingNew = findNewReplicaSet(d, rsList);
    const oldRSs = rsList.filter((rs) => rs !== existingNew);
    const newRS = await this.newReplicaSet(d, rsList, oldRSs, createIfNotExisted);
    return { newRS, oldRSs };
  }

  private async newReplicaSet(
    d: KubeObject,
    rsList: KubeObject[],
    oldRSs: KubeObject[],
    createIfNotExisted: boolean,
  ): Promise<KubeObject | undefined> {
    const { client, recorder } = this.ctx;
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = maxRevision(oldRSs) + 1;
    d.status ??= {};
    if (existing) {
      const rsCopy = structuredClone(existing);
      const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
      const minReadyNeedsUpdate = (rsCopy.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
      if (annotationsUpdated || minReadyNeedsUpdate) {
        rsCopy.spec.minReadySeconds = d.spec?.minReadySeconds ?? 0;
        if (!rsCopy.spec.minReadySeconds) delete rsCopy.spec.minReadySeconds;
        return this.replaceInList(
          rsList,
          existing,
          await client.update(replicaSetsResource, d.metadata?.namespace, rsCopy),
        );
      }
      let needsUpdate = this.setDeploymentRevision(d, rsCopy.metadata?.annotations?.[revisionAnnotation]);
      if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
        const msg = `Found new replica set "${rsCopy.metadata?.name}"`;
        setCondition(
          d.status,
          newCondition('Progressing', 'True', reasons.foundNewReplicaSet, msg, this.now()),
        );
        needsUpdate = true;
      }
      if (needsUpdate) await this.updateStatus(d);
      return rsCopy;
    }
    if (!createIfNotExisted) return undefined;

    const collisionCount = d.status.collisionCount as number | undefined;
    const template = structuredClone(d.spec.template ?? {});
    const hash = computeTemplateHash(template, collisionCount);
    template.metadata ??= {};
    template.metadata.labels = { ...(template.metadata.labels ?? {}), [podTemplateHashLabel]: hash };
    const selector = structuredClone(d.spec.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [podTemplateHashLabel]: hash };
    const newRS: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata?.name}-${hash}`,
        namespace: d.metadata?.namespace,
        labels: { ...template.metadata.labels },
        ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
      },
      spec: { replicas: 0, selector, template },
    };
    if (d.spec.minReadySeconds) newRS.spec.minReadySeconds = d.spec.minReadySeconds;
    const count = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    newRS.spec.replicas = count;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);
    let created: KubeObject;
    let alreadyExists = false;
    try {
      created = await client.create(replicaSetsResource, d.metadata?.namespace, newRS);
    } catch (err) {
      if (isAlreadyExists(err)) {
        const rs = await client.get(replicaSetsResource, d.metadata?.namespace, newRS.metadata!.name);
        if (
          controllerRefOf(rs)?.uid === d.metadata?.uid &&
          equalIgnoreHash(d.spec.template, rs.spec?.template)
        ) {
          created = rs;
          alreadyExists = true;
        } else {
          // A hash collision with someone else's ReplicaSet: the next hash differs.
          d.status.collisionCount = (collisionCount ?? 0) + 1;
          await this.updateStatus(d);
          throw err;
        }
      } else {
        const msg = `Failed to create new replica set "${newRS.metadata!.name}": ${(err as Error).message}`;
        if (hasProgressDeadline(d)) {
          setCondition(
            d.status,
            newCondition('Progressing', 'False', reasons.failedReplicaSetCreate, msg, this.now()),
          );
          await this.updateStatus(d).catch(() => {});
        }
        recorder.record(source, d, 'Warning', reasons.failedReplicaSetCreate, msg);
        throw err;
      }
    }
    if (!alreadyExists && count > 0) {
      recorder.record(
        source,
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${created.metadata?.name} from 0 to ${count}`,
      );
    }
    let needsUpdate = this.setDeploymentRevision(d, String(newRevision));
    if (!alreadyExists && hasProgressDeadline(d)) {
      const msg = `Created new replica set "${created.metadata?.name}"`;
      setCondition(d.status, newCondition('Progressing', 'True', reasons.newReplicaSet, msg, this.now()));
      needsUpdate = true;
    }
    if (needsUpdate) await this.updateStatus(d);
    return created;
  }

  private replaceInList(list: KubeObject[], old: KubeObject, next: KubeObject): KubeObject {
    const i = list.indexOf(old);
    if (i >= 0) list[i] = next;
    return next;
  }

  /**
   * The revision annotation on the Deployment itself. Upstream sets it on its
   * working copy and lets the next status update carry it, which the status
   * endpoint ignores; the main resource is patched here so `kubectl rollout
   * history` and `describe` show it as on a real cluster.
   */
  private setDeploymentRevision(d: KubeObject, revision: string | undefined): boolean {
    if (revision === undefined) return false;
    d.metadata ??= {};
    d.metadata.annotations ??= {};
    if (d.metadata.annotations[revisionAnnotation] === revision) return false;
    d.metadata.annotations[revisionAnnotation] = revision;
    return true;
  }

  /** Scales and records ScalingReplicaSet; false when the size is already right. */
  async scaleReplicaSetAndRecordEvent(
    rs: KubeObject,
    newScale: number,
    d: KubeObject,
  ): Promise<{ scaled: boolean; rs: KubeObject }> {
    if (replicasOf(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, d);
  }

  async scaleReplicaSet(
    rs: KubeObject,
    newScale: number,
    d: KubeObject,
  ): Promise<{ scaled: boolean; rs: KubeObject }> {
    const sizeNeedsUpdate = replicasOf(rs) !== newScale;
    const max = replicasOf(d) + maxSurge(d);
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicasOf(d), max))
      return { scaled: false, rs };
    const oldScale = replicasOf(rs);
    const copy = structuredClone(rs);
    copy.spec.replicas = newScale;
    setReplicasAnnotations(copy, replicasOf(d), max);
    const updated = await this.ctx.client.update(replicaSetsResource, rs.metadata?.namespace, copy);
    Object.assign(rs, updated);
    if (sizeNeedsUpdate) {
      const operation = oldScale < newScale ? 'up' : 'down';
      this.ctx.recorder.record(
        source,
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${operation} replica set ${rs.metadata?.name} from ${oldScale} to ${newScale}`,
      );
    }
    return { scaled: sizeNeedsUpdate, rs };
  }

  /** Deletes the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit. */
  async cleanupDeployment(oldRSs: KubeObject[], d: KubeObject): Promise<void> {
    const limit = d.spec?.revisionHistoryLimit;
    if (typeof limit !== 'number') return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort(byRevision);
    for (const rs of cleanable.slice(0, diff)) {
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue;
      if ((rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        await this.ctx.client.delete(replicaSetsResource, rs.metadata?.namespace, rs.metadata!.name, {
          preconditions: { uid: rs.metadata?.uid },
        });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }

  /** Writes d.status (and the revision annotation when it changed), keeping `d` current for later writes. */
  async updateStatus(d: KubeObject): Promise<void> {
    const { client } = this.ctx;
    const stored = this.deployments.get(d.metadata?.namespace, d.metadata?.name);
    const wantRevision = d.metadata?.annotations?.[revisionAnnotation];
    if (wantRevision !== undefined && stored?.metadata?.annotations?.[revisionAnnotation] !== wantRevision) {
      const patched = await client.patch(
        deploymentsResource,
        d.metadata?.namespace,
        d.metadata!.name,
        'merge',
        {
          metadata: {
            annotations: { [revisionAnnotation]: wantRevision },
            resourceVersion: d.metadata?.resourceVersion,
          },
        },
      );
      d.metadata!.resourceVersion = patched.metadata?.resourceVersion;
    }
    const updated = await client.updateStatus(deploymentsResource, d.metadata?.namespace, d);
    d.metadata!.resourceVersion = updated.metadata?.resourceVersion;
  }

  /** Deployment status helpers need the controller's time and requeue. */
  nowMs(): number {
    return this.ctx.clock.now();
  }

  statusEqual(a: unknown, b: unknown): boolean {
    return semanticEqual(a, b);
  }
}
