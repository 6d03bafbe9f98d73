// The StatefulSet controller (pkg/controller/statefulset): pods <set>-0..n-1
// with stable identity and claims, created in order and removed in reverse
// (OrderedReady) or all at once (Parallel); RollingUpdate from the highest
// ordinal down to the partition, within maxUnavailable, or OnDelete; the
// template history as ControllerRevisions (currentRevision/updateRevision).

import { labelSelectorAsSelector, type Selector } from '../../../kube/selectors/index.ts';
import {
  controllerRevisionsResource,
  isAlreadyExists,
  isNotFound,
  type KubeObject,
  persistentVolumeClaimsResource,
  podsResource,
  statefulSetsResource,
} from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { scaledValue } from '../deployment/util.ts';
import { semanticEqual } from '../equality.ts';
import type { EventSource } from '../events.ts';
import { cleanupHistory, constructHistory, RevisionCollisionError } from '../history.ts';
import { type Informer, objectKeyOf, splitKey } from '../informer.ts';
import { claimObjects, controllerRefOf } from '../owner.ts';
import { isPodAvailable, podAvailableAt } from '../pods.ts';
import { WorkQueue } from '../queue.ts';
import {
  claimsFor,
  isHealthy,
  isRunningAndReady,
  newStatefulSetPod,
  ordinalOf,
  podRevision,
  revisionHash,
  startOrdinal,
} from './identity.ts';

const source: EventSource = { component: 'statefulset-controller' };

function selectorOf(set: KubeObject): Selector {
  try {
    return labelSelectorAsSelector(set.spec?.selector);
  } catch {
    return labelSelectorAsSelector(null);
  }
}

/** The set as it was at `revision`: its template from the revision's data (ApplyRevision). */
function applyRevision(set: KubeObject, revision: KubeObject): KubeObject {
  const template = structuredClone(revision.data?.spec?.template ?? set.spec?.template ?? {});
  delete template.$patch;
  return { ...set, spec: { ...set.spec, template } };
}

export class StatefulSetController implements Controller {
  readonly name = 'statefulset-controller';
  private readonly queue: WorkQueue;
  private readonly sets: Informer;
  private readonly pods: Informer;
  private readonly revisions: Informer;
  private readonly claims: Informer;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.sync(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.sets = ctx.informers.for(statefulSetsResource);
    this.pods = ctx.informers.for(podsResource);
    this.revisions = ctx.informers.for(controllerRevisionsResource);
    this.claims = ctx.informers.for(persistentVolumeClaimsResource);
    const enqueue = (set: KubeObject) => this.queue.add(objectKeyOf(set));
    this.sets.addHandlers({ add: enqueue, update: (_o, s) => enqueue(s), delete: enqueue });
    const podChanged = (pod: KubeObject) => {
      const key = this.ownerKey(pod);
      if (key) this.queue.add(key);
      else if (!controllerRefOf(pod)) {
        for (const set of this.sets.list(pod.metadata?.namespace)) {
          if (selectorOf(set).matches(pod.metadata?.labels ?? {})) enqueue(set);
        }
      }
    };
    this.pods.addHandlers({ add: podChanged, update: (_o, p) => podChanged(p), delete: podChanged });
    this.revisions.addHandlers({
      delete: (rev) => {
        const key = this.ownerKey(rev);
        if (key) this.queue.add(key);
      },
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  private ownerKey(obj: KubeObject): string | undefined {
    const ref = controllerRefOf(obj);
    if (ref?.kind !== 'StatefulSet') return undefined;
    const set = this.sets.get(obj.metadata?.namespace, ref.name);
    return set && set.metadata?.uid === ref.uid ? objectKeyOf(set) : undefined;
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.sets.get(namespace, name);
    if (!cached) return;
    const set = structuredClone(cached);
    if (set.metadata?.deletionTimestamp) return;
    const { client } = this.ctx;
    const selector = selectorOf(set);
    const owned = (obj: KubeObject) =>
      !controllerRefOf(obj) || controllerRefOf(obj)!.uid === set.metadata?.uid;
    const matches = (obj: KubeObject) => selector.matches(obj.metadata?.labels ?? {});
    const revisions = await claimObjects(
      client,
      controllerRevisionsResource,
      set,
      'apps/v1',
      'StatefulSet',
      this.revisions.list(namespace).filter(owned),
      matches,
    );
    let history: Awaited<ReturnType<typeof constructHistory>>;
    try {
      history = await constructHistory(
        client,
        set,
        'StatefulSet',
        revisions,
        revisionHash(set, set.status?.collisionCount),
      );
    } catch (err) {
      if (err instanceof RevisionCollisionError) {
        await client.updateStatus(statefulSetsResource, namespace, {
          ...set,
          status: { ...(set.status ?? {}), collisionCount: (set.status?.collisionCount ?? 0) + 1 },
        });
      }
      throw err;
    }
    const updateRevision = history.current;
    const currentRevision =
      [...history.old, updateRevision].find((r) => r.metadata?.name === set.status?.currentRevision) ??
      updateRevision;
    const pods = await claimObjects(
      client,
      podsResource,
      set,
      'apps/v1',
      'StatefulSet',
      this.pods.list(namespace).filter(owned),
      (p) => matches(p) && ordinalOf(set, p) !== undefined,
    );
    await this.reconcile(set, applyRevision(set, currentRevision), currentRevision, updateRevision, pods);
    await this.updateStatus(key, set, currentRevision, updateRevision);
    const inUse = new Set<string>([currentRevision.metadata?.name, updateRevision.metadata?.name]);
    for (const p of this.pods.list(namespace)) inUse.add(podRevision(p) ?? '');
    await cleanupHistory(
      client,
      history.old,
      (r) => inUse.has(r.metadata?.name),
      set.spec?.revisionHistoryLimit ?? 10,
    );
  }

  private async createPod(set: KubeObject, pod: KubeObject): Promise<void> {
    const { client, recorder } = this.ctx;
    const podName = pod.metadata!.name as string;
    for (const claim of claimsFor(set, podName)) {
      if (this.claims.get(set.metadata?.namespace, claim.metadata!.name)) continue;
      try {
        await client.create(persistentVolumeClaimsResource, set.metadata?.namespace, claim);
        recorder.record(
          source,
          set,
          'Normal',
          'SuccessfulCreate',
          `create Claim ${claim.metadata!.name} Pod ${podName} in StatefulSet ${set.metadata?.name} success`,
        );
      } catch (err) {
        if (!isAlreadyExists(err)) {
          recorder.record(
            source,
            set,
            'Warning',
            'FailedCreate',
            `create Claim ${claim.metadata!.name} for Pod ${podName} in StatefulSet ${set.metadata?.name} failed error: ${(err as Error).message}`,
          );
          throw err;
        }
      }
    }
    try {
      await client.create(podsResource, set.metadata?.namespace, pod);
    } catch (err) {
      if (isAlreadyExists(err)) return;
      recorder.record(
        source,
        set,
        'Warning',
        'FailedCreate',
        `create Pod ${podName} in StatefulSet ${set.metadata?.name} failed error: ${(err as Error).message}`,
      );
      throw err;
    }
    recorder.record(
      source,
      set,
      'Normal',
      'SuccessfulCreate',
      `create Pod ${podName} in StatefulSet ${set.metadata?.name} successful`,
    );
  }

  private async deletePod(set: KubeObject, pod: KubeObject): Promise<void> {
    try {
      await this.ctx.client.delete(podsResource, pod.metadata?.namespace, pod.metadata!.name, {
        preconditions: { uid: pod.metadata?.uid },
      });
    } catch (err) {
      if (isNotFound(err)) return;
      this.ctx.recorder.record(
        source,
        set,
        'Warning',
        'FailedDelete',
        `delete Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} failed error: ${(err as Error).message}`,
      );
      throw err;
    }
    this.ctx.recorder.record(
      source,
      set,
      'Normal',
      'SuccessfulDelete',
      `delete Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} successful`,
    );
  }

  /** updateStatefulSet: create and delete toward spec.replicas in order, then roll the update. */
  private async reconcile(
    set: KubeObject,
    currentSet: KubeObject,
    currentRevision: KubeObject,
    updateRevision: KubeObject,
    pods: KubeObject[],
  ): Promise<void> {
    const now = this.ctx.clock.now();
    const minReady = set.spec?.minReadySeconds ?? 0;
    const count = set.spec?.replicas ?? 1;
    const start = startOrdinal(set);
    const replicas: (KubeObject | undefined)[] = new Array(count).fill(undefined);
    const condemned: KubeObject[] = [];
    for (const pod of pods) {
      const ord = ordinalOf(set, pod)!;
      if (ord >= start && ord < start + count) replicas[ord - start] = pod;
      else condemned.push(pod);
    }
    condemned.sort((a, b) => ordinalOf(set, b)! - ordinalOf(set, a)!);
    const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
    const strategy = set.spec?.updateStrategy ?? {};
    const partition = strategy.type === 'RollingUpdate' ? (strategy.rollingUpdate?.partition ?? 0) : 0;

    for (let i = 0; i < count; i++) {
      const ord = start + i;
      let pod = replicas[i];
      if (
        pod &&
        !pod.metadata?.deletionTimestamp &&
        (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded')
      ) {
        await this.deletePod(set, pod);
        if (monotonic) return;
        continue;
      }
      if (!pod) {
        const useCurrent =
          strategy.type === 'RollingUpdate' &&
          (strategy.rollingUpdate ? ord < partition : ord < (set.status?.currentReplicas ?? 0));
        pod = useCurrent
          ? newStatefulSetPod(set, currentSet, currentRevision.metadata?.name, ord)
          : newStatefulSetPod(set, set, updateRevision.metadata?.name, ord);
        await this.createPod(set, pod);
        if (monotonic) return;
        continue;
      }
      if (pod.metadata?.deletionTimestamp && monotonic) return;
      if (monotonic && !isHealthy(pod, minReady, now) && !pod.metadata?.deletionTimestamp) return;
    }

    for (const target of condemned) {
      if (target.metadata?.deletionTimestamp) {
        if (monotonic) return;
        continue;
      }
      if (monotonic && replicas.some((p) => !p || !isHealthy(p, minReady, now))) return;
      await this.deletePod(set, target);
      if (monotonic) return;
    }

    if (strategy.type !== 'RollingUpdate') return;
    // MaxUnavailableStatefulSet: the update deletes up to maxUnavailable (rounded down, at least 1) at once.
    const maxUnavailable = Math.max(
      1,
      scaledValue(strategy.rollingUpdate?.maxUnavailable ?? 1, count, false),
    );
    const unavailable = replicas.filter((p) => !p || !isHealthy(p, minReady, now)).length;
    if (unavailable >= maxUnavailable) return;
    let budget = maxUnavailable - unavailable;
    for (let i = count - 1; i >= Math.max(0, partition - start) && budget > 0; i--) {
      const pod = replicas[i];
      if (!pod || pod.metadata?.deletionTimestamp) continue;
      if (podRevision(pod) === updateRevision.metadata?.name) continue;
      await this.deletePod(set, pod);
      budget--;
    }
  }

  private async updateStatus(
    key: string,
    set: KubeObject,
    currentRevision: KubeObject,
    updateRevision: KubeObject,
  ): Promise<void> {
    const now = this.ctx.clock.now();
    const minReady = set.spec?.minReadySeconds ?? 0;
    const pods = this.pods
      .list(set.metadata?.namespace)
      .filter((p) => controllerRefOf(p)?.uid === set.metadata?.uid);
    let replicas = 0;
    let ready = 0;
    let available = 0;
    let current = 0;
    let updated = 0;
    let nextAvailable: number | undefined;
    for (const pod of pods) {
      replicas++;
      if (isRunningAndReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
        else {
          const at = podAvailableAt(pod, minReady);
          if (at !== undefined && (nextAvailable === undefined || at < nextAvailable)) nextAvailable = at;
        }
      }
      if (!pod.metadata?.deletionTimestamp) {
        if (podRevision(pod) === currentRevision.metadata?.name) current++;
        if (podRevision(pod) === updateRevision.metadata?.name) updated++;
      }
    }
    let currentRevisionName = currentRevision.metadata?.name;
    const complete =
      (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
      updated === replicas &&
      ready === replicas &&
      replicas === (set.spec?.replicas ?? 1);
    if (complete) {
      current = updated;
      currentRevisionName = updateRevision.metadata?.name;
    }
    const status: KubeObject = { observedGeneration: set.metadata?.generation, replicas };
    if (ready) status.readyReplicas = ready;
    if (current) status.currentReplicas = current;
    if (updated) status.updatedReplicas = updated;
    status.currentRevision = currentRevisionName;
    status.updateRevision = updateRevision.metadata?.name;
    status.collisionCount = set.status?.collisionCount ?? 0;
    status.availableReplicas = available;
    if (nextAvailable !== undefined) this.queue.addAfter(key, Math.max(1, nextAvailable - now));
    if (semanticEqual(status, set.status ?? {})) return;
    try {
      await this.ctx.client.updateStatus(statefulSetsResource, set.metadata?.namespace, { ...set, status });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
