// The ReplicaSet controller (pkg/controller/replicaset): keeps
// spec.replicas active pods, creating them from the template with a
// controller reference and deleting the best candidates first, adopts
// matching orphans and releases pods that stopped matching, and reports
// replicas/readyReplicas/availableReplicas in status.

import { labelSelectorAsSelector, type Selector } from '../../../kube/selectors/index.ts';
import { isNotFound, type KubeObject, podsResource, replicaSetsResource } from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { semanticEqual } from '../equality.ts';
import type { EventSource } from '../events.ts';
import { type Informer, objectKeyOf, splitKey } from '../informer.ts';
import { claimObjects, controllerRefOf, newControllerRef } from '../owner.ts';
import {
  isPodActive,
  isPodAvailable,
  isPodReady,
  isPodTerminating,
  podAvailableAt,
  podsToDelete,
} from '../pods.ts';
import { WorkQueue } from '../queue.ts';
import { Expectations } from './expectations.ts';

/** Upstream's burstReplicas: at most this many creates or deletes per sync. */
const burstReplicas = 500;
const source: EventSource = { component: 'replicaset-controller' };

function selectorOf(rs: KubeObject): Selector {
  try {
    return labelSelectorAsSelector(rs.spec?.selector);
  } catch {
    return labelSelectorAsSelector(null);
  }
}

function labelsOf(obj: KubeObject): Record<string, string> {
  return (obj.metadata?.labels ?? {}) as Record<string, string>;
}

/**
 * Omits zero counts, as the Go types' omitempty does; replicas is a plain
 * int32 and terminatingReplicas a pointer, so a zero of either stays.
 */
function compactStatus(status: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(status)) {
    if (v === undefined) continue;
    if (k !== 'replicas' && k !== 'terminatingReplicas' && v === 0) continue;
    if (k === 'conditions' && Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  readonly expectations: Expectations;
  private readonly queue: WorkQueue;
  private readonly replicaSets: Informer;
  private readonly pods: Informer;

  constructor(private readonly ctx: ControllerContext) {
    this.expectations = new Expectations(ctx.clock);
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.sync(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.replicaSets = ctx.informers.for(replicaSetsResource);
    this.pods = ctx.informers.for(podsResource);
    this.replicaSets.addHandlers({
      add: (rs) => this.queue.add(objectKeyOf(rs)),
      update: (_old, rs) => this.queue.add(objectKeyOf(rs)),
      delete: (rs) => {
        this.expectations.delete(objectKeyOf(rs));
        this.queue.add(objectKeyOf(rs));
      },
    });
    this.pods.addHandlers({
      add: (pod) => this.podAdded(pod),
      update: (old, pod) => this.podUpdated(old, pod),
      delete: (pod) => this.podDeleted(pod),
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  private ownerKey(pod: KubeObject): string | undefined {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== 'ReplicaSet') return undefined;
    const rs = this.replicaSets.get(pod.metadata?.namespace, ref.name);
    if (!rs || rs.metadata?.uid !== ref.uid) return undefined;
    return objectKeyOf(rs);
  }

  /** Orphans wake every ReplicaSet whose selector matches, so one can adopt them. */
  private enqueueMatching(pod: KubeObject): void {
    for (const rs of this.replicaSets.list(pod.metadata?.namespace)) {
      if (selectorOf(rs).matches(labelsOf(pod))) this.queue.add(objectKeyOf(rs));
    }
  }

  private podAdded(pod: KubeObject): void {
    if (pod.metadata?.deletionTimestamp) {
      this.podDeleted(pod);
      return;
    }
    const key = this.ownerKey(pod);
    if (key) {
      this.expectations.creationObserved(key);
      this.queue.add(key);
    } else if (!controllerRefOf(pod)) this.enqueueMatching(pod);
  }

  private podUpdated(old: KubeObject, pod: KubeObject): void {
    if (pod.metadata?.deletionTimestamp && !old.metadata?.deletionTimestamp) {
      // A graceful deletion is a deletion as far as expectations go.
      this.podDeleted(pod);
      return;
    }
    const oldKey = this.ownerKey(old);
    const key = this.ownerKey(pod);
    if (oldKey && oldKey !== key) this.queue.add(oldKey);
    if (key) this.queue.add(key);
    else if (!controllerRefOf(pod)) this.enqueueMatching(pod);
  }

  private podDeleted(pod: KubeObject): void {
    const key = this.ownerKey(pod);
    if (!key) return;
    this.expectations.deletionObserved(key, objectKeyOf(pod));
    this.queue.add(key);
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const rs = this.replicaSets.get(namespace, name);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const satisfied = this.expectations.satisfied(key);
    const selector = selectorOf(rs);
    const active = this.pods.list(namespace).filter(isPodActive);
    const pods = await claimObjects(
      this.ctx.client,
      podsResource,
      rs,
      'apps/v1',
      'ReplicaSet',
      active.filter((p) => !controllerRefOf(p) || controllerRefOf(p)!.uid === rs.metadata?.uid),
      (p) => selector.matches(labelsOf(p)),
    );
    let manageError: Error | undefined;
    let diff = 0;
    if (satisfied && !rs.metadata?.deletionTimestamp) {
      diff = pods.length - (rs.spec?.replicas ?? 1);
      try {
        await this.manageReplicas(key, rs, pods, diff);
      } catch (err) {
        manageError = err as Error;
      }
    }
    await this.updateStatus(rs, pods, this.terminatingPods(rs, selector), manageError, diff);
    this.requeueForAvailability(key, rs, pods);
    if (manageError) throw manageError;
  }

  private async manageReplicas(key: string, rs: KubeObject, pods: KubeObject[], diff: number): Promise<void> {
    const { client, recorder } = this.ctx;
    if (diff < 0) {
      const count = Math.min(-diff, burstReplicas);
      this.expectations.expectCreations(key, count);
      let created = 0;
      let failure: Error | undefined;
      // slowStartBatch: batches of 1, 2, 4... stopping after a batch with a failure.
      for (let batch = 1; created < count && !failure; batch *= 2) {
        const size = Math.min(batch, count - created);
        const results = await Promise.allSettled(
          Array.from({ length: size }, () =>
            client.create(podsResource, rs.metadata?.namespace, this.podFromTemplate(rs)),
          ),
        );
        for (const r of results) {
          if (r.status === 'fulfilled') {
            created++;
            recorder.record(
              source,
              rs,
              'Normal',
              'SuccessfulCreate',
              `Created pod: ${r.value.metadata?.name}`,
            );
          } else {
            failure ??= r.reason as Error;
            recorder.record(
              source,
              rs,
              'Warning',
              'FailedCreate',
              `Error creating: ${(r.reason as Error).message}`,
            );
          }
        }
        if (failure) {
          // The creations that will never be observed.
          for (let i = created; i < count; i++) this.expectations.creationObserved(key);
        }
      }
      if (failure) throw failure;
      return;
    }
    if (diff > 0) {
      const count = Math.min(diff, burstReplicas);
      const victims = podsToDelete(pods, this.relatedPods(rs), count, this.ctx.clock.now());
      this.expectations.expectDeletions(key, victims.map(objectKeyOf));
      let failure: Error | undefined;
      await Promise.all(
        victims.map(async (pod) => {
          try {
            await client.delete(podsResource, pod.metadata?.namespace, pod.metadata!.name, {
              preconditions: { uid: pod.metadata?.uid },
            });
            recorder.record(source, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name}`);
          } catch (err) {
            this.expectations.deletionObserved(key, objectKeyOf(pod));
            if (isNotFound(err)) return;
            failure ??= err as Error;
            recorder.record(
              source,
              rs,
              'Warning',
              'FailedDelete',
              `Error deleting: ${(err as Error).message}`,
            );
          }
        }),
      );
      if (failure) throw failure;
    }
  }

  /** GetPodFromTemplate: the template's labels, annotations, finalizers and spec, named <rs>-<random>. */
  private podFromTemplate(rs: KubeObject): KubeObject {
    const template = rs.spec?.template ?? {};
    const meta = template.metadata ?? {};
    const metadata: Record<string, unknown> = {
      generateName: `${rs.metadata?.name}-`,
      namespace: rs.metadata?.namespace,
      labels: structuredClone(meta.labels ?? {}),
      ownerReferences: [newControllerRef(rs, 'apps/v1', 'ReplicaSet')],
    };
    if (meta.annotations) metadata.annotations = structuredClone(meta.annotations);
    if (meta.finalizers) metadata.finalizers = structuredClone(meta.finalizers);
    return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(template.spec ?? {}) };
  }

  /** The pods of every ReplicaSet with the same controller (getIndirectlyRelatedPods). */
  private relatedPods(rs: KubeObject): KubeObject[] {
    const ref = controllerRefOf(rs);
    const siblings = ref
      ? this.replicaSets.list(rs.metadata?.namespace).filter((r) => controllerRefOf(r)?.uid === ref.uid)
      : [rs];
    const uids = new Set(siblings.map((r) => r.metadata?.uid));
    return this.pods.list(rs.metadata?.namespace).filter((p) => uids.has(controllerRefOf(p)?.uid));
  }

  /**
   * Its pods being deleted but not yet stopped (FilterTerminatingPods, then
   * FilterClaimedPods): status.terminatingReplicas, which the
   * DeploymentReplicaSetTerminatingReplicas gate (beta, on by default in
   * v1.35) reports.
   */
  private terminatingPods(rs: KubeObject, selector: Selector): KubeObject[] {
    const uid = rs.metadata?.uid;
    return this.pods
      .list(rs.metadata?.namespace)
      .filter((p) => isPodTerminating(p) && controllerRefOf(p)?.uid === uid && selector.matches(labelsOf(p)));
  }

  private async updateStatus(
    rs: KubeObject,
    pods: KubeObject[],
    terminating: KubeObject[],
    manageError: Error | undefined,
    diff: number,
  ) {
    const now = this.ctx.clock.now();
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const templateLabels = (rs.spec?.template?.metadata?.labels ?? {}) as Record<string, string>;
    const old = rs.status ?? {};
    let conditions = [...((old.conditions ?? []) as Record<string, unknown>[])];
    const failure = conditions.find((c) => c.type === 'ReplicaFailure');
    if (manageError && !failure) {
      conditions.push({
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: `${new Date(now).toISOString().slice(0, 19)}Z`,
        reason: diff < 0 ? 'FailedCreate' : 'FailedDelete',
        message: manageError.message,
      });
    } else if (!manageError && failure) conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
    const status = compactStatus({
      replicas: pods.length,
      fullyLabeledReplicas: pods.filter((p) =>
        Object.entries(templateLabels).every(([k, v]) => labelsOf(p)[k] === v),
      ).length,
      readyReplicas: pods.filter(isPodReady).length,
      availableReplicas: pods.filter((p) => isPodAvailable(p, minReady, now)).length,
      terminatingReplicas: terminating.length,
      observedGeneration: rs.metadata?.generation,
      conditions,
    });
    if (semanticEqual(status, compactStatus({ replicas: 0, ...old }))) return;
    try {
      await this.ctx.client.updateStatus(replicaSetsResource, rs.metadata?.namespace, { ...rs, status });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Pods ready but not yet past minReadySeconds: sync again when they become available. */
  private requeueForAvailability(key: string, rs: KubeObject, pods: KubeObject[]): void {
    const minReady = rs.spec?.minReadySeconds ?? 0;
    if (minReady <= 0) return;
    const now = this.ctx.clock.now();
    let earliest: number | undefined;
    for (const p of pods) {
      if (!isPodReady(p) || isPodAvailable(p, minReady, now)) continue;
      const at = podAvailableAt(p, minReady);
      if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
    }
    if (earliest !== undefined) this.queue.addAfter(key, Math.max(1, earliest - now));
  }
}
