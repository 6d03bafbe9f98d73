// The DaemonSet controller (pkg/controller/daemon): one pod per eligible node,
// pinned by node affinity; RollingUpdate (update.ts) or OnDelete; the
// template history as ControllerRevisions; status counts per node.

import { labelSelectorAsSelector, type Selector } from '../../../kube/selectors/index.ts';
import {
  controllerRevisionsResource,
  daemonSetsResource,
  isNotFound,
  type KubeObject,
  nodesResource,
  podsResource,
} from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { computeTemplateHash } from '../deployment/hash.ts';
import { semanticEqual } from '../equality.ts';
import type { EventSource } from '../events.ts';
import {
  cleanupHistory,
  constructHistory,
  controllerRevisionHashLabel,
  RevisionCollisionError,
} from '../history.ts';
import { type Informer, objectKeyOf, splitKey } from '../informer.ts';
import { claimObjects, controllerRefOf, newControllerRef } from '../owner.ts';
import { isPodAvailable, isPodReady, podAvailableAt } from '../pods.ts';
import { WorkQueue } from '../queue.ts';
import { Expectations } from '../replicaset/expectations.ts';
import { podFitsNode } from '../scheduling.ts';
import { isPodUpdated, rollingUpdatePlan, templateGeneration, templateGenerationLabel } from './update.ts';

const source: EventSource = { component: 'daemonset-controller' };

/** Tolerations every daemon pod gets (AddOrUpdateDaemonPodTolerations). */
function daemonTolerations(hostNetwork: boolean): KubeObject[] {
  const t = (key: string, effect: string) => ({ key, operator: 'Exists', effect });
  const list = [
    t('node.kubernetes.io/not-ready', 'NoExecute'),
    t('node.kubernetes.io/unreachable', 'NoExecute'),
    t('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    t('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    t('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    t('node.kubernetes.io/unschedulable', 'NoSchedule'),
  ];
  if (hostNetwork) list.push(t('node.kubernetes.io/network-unavailable', 'NoSchedule'));
  return list;
}

function addTolerations(spec: KubeObject): void {
  const tolerations: KubeObject[] = [...(spec.tolerations ?? [])];
  for (const add of daemonTolerations(spec.hostNetwork === true)) {
    const i = tolerations.findIndex((t) => t.key === add.key && t.effect === add.effect);
    if (i >= 0) tolerations[i] = add;
    else tolerations.push(add);
  }
  spec.tolerations = tolerations;
}

/** Pins the pod to its node with required node affinity on metadata.name (ReplaceDaemonSetPodNodeNameNodeAffinity). */
function pinToNode(spec: KubeObject, node: string): void {
  const field = { key: 'metadata.name', operator: 'In', values: [node] };
  spec.affinity ??= {};
  spec.affinity.nodeAffinity ??= {};
  const required = spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = (required?.nodeSelectorTerms ?? []) as KubeObject[];
  spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms:
      terms.length === 0
        ? [{ matchFields: [field] }]
        : terms.map((term) => ({ ...term, matchFields: [field] })),
  };
}

/** The node a daemon pod is for: spec.nodeName, or its node affinity (GetTargetNodeName). */
function targetNode(pod: KubeObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms as KubeObject[]) {
    for (const f of (term.matchFields ?? []) as KubeObject[]) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

function selectorOf(ds: KubeObject): Selector {
  try {
    return labelSelectorAsSelector(ds.spec?.selector);
  } catch {
    return labelSelectorAsSelector(null);
  }
}

function byCreation(a: KubeObject, b: KubeObject): number {
  const d = Date.parse(a.metadata?.creationTimestamp ?? '') - Date.parse(b.metadata?.creationTimestamp ?? '');
  return d !== 0 ? d : String(a.metadata?.name).localeCompare(String(b.metadata?.name));
}

/**
 * Extra pods on one node: keep the oldest, or with surge allowed the oldest
 * updated pod and the oldest other one (the surge pair).
 */
function excessPods(ds: KubeObject, running: KubeObject[], hash: string): KubeObject[] {
  const ordered = [...running].sort(byCreation);
  const surge = ds.spec?.updateStrategy?.rollingUpdate?.maxSurge;
  const allowsSurge = surge !== undefined && surge !== 0 && surge !== '0%';
  if (!allowsSurge) return ordered.slice(1);
  let keptNew = false;
  let keptOld = false;
  const excess: KubeObject[] = [];
  for (const pod of ordered) {
    const updated = pod.metadata?.labels?.[controllerRevisionHashLabel] === hash;
    if (updated && !keptNew) keptNew = true;
    else if (!updated && !keptOld) keptOld = true;
    else excess.push(pod);
  }
  return excess;
}

export class DaemonSetController implements Controller {
  readonly name = 'daemonset-controller';
  private readonly queue: WorkQueue;
  private readonly expectations: Expectations;
  private readonly daemonSets: Informer;
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly revisions: Informer;

  constructor(private readonly ctx: ControllerContext) {
    this.expectations = new Expectations(ctx.clock);
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.sync(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.daemonSets = ctx.informers.for(daemonSetsResource);
    this.pods = ctx.informers.for(podsResource);
    this.nodes = ctx.informers.for(nodesResource);
    this.revisions = ctx.informers.for(controllerRevisionsResource);
    const enqueue = (ds: KubeObject) => this.queue.add(objectKeyOf(ds));
    this.daemonSets.addHandlers({
      add: enqueue,
      update: (_o, ds) => enqueue(ds),
      delete: (ds) => {
        this.expectations.delete(objectKeyOf(ds));
        enqueue(ds);
      },
    });
    const enqueueAll = () => {
      for (const ds of this.daemonSets.list()) enqueue(ds);
    };
    this.nodes.addHandlers({ add: enqueueAll, update: enqueueAll, delete: enqueueAll });
    this.pods.addHandlers({
      add: (pod) => {
        const key = this.ownerKey(pod);
        if (!key) return;
        if (pod.metadata?.deletionTimestamp) this.expectations.deletionObserved(key, objectKeyOf(pod));
        else this.expectations.creationObserved(key);
        this.queue.add(key);
      },
      update: (old, pod) => {
        const key = this.ownerKey(pod);
        if (!key) return;
        if (pod.metadata?.deletionTimestamp && !old.metadata?.deletionTimestamp)
          this.expectations.deletionObserved(key, objectKeyOf(pod));
        this.queue.add(key);
      },
      delete: (pod) => {
        const key = this.ownerKey(pod);
        if (!key) return;
        this.expectations.deletionObserved(key, objectKeyOf(pod));
        this.queue.add(key);
      },
    });
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
    if (ref?.kind !== 'DaemonSet') return undefined;
    const ds = this.daemonSets.get(obj.metadata?.namespace, ref.name);
    return ds && ds.metadata?.uid === ref.uid ? objectKeyOf(ds) : undefined;
  }

  private shouldRun(ds: KubeObject, node: KubeObject): boolean {
    const spec = structuredClone(ds.spec?.template?.spec ?? {});
    addTolerations(spec);
    return podFitsNode(spec, node);
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.daemonSets.get(namespace, name);
    if (!cached) {
      this.expectations.delete(key);
      return;
    }
    const ds = structuredClone(cached);
    if (ds.metadata?.deletionTimestamp) return;
    const nodes = this.nodes
      .list()
      .sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
    const hash = computeTemplateHash(ds.spec?.template, ds.status?.collisionCount);
    const selector = selectorOf(ds);
    const ownedRevisions = await claimObjects(
      this.ctx.client,
      controllerRevisionsResource,
      ds,
      'apps/v1',
      'DaemonSet',
      this.revisions
        .list(namespace)
        .filter((r) => !controllerRefOf(r) || controllerRefOf(r)!.uid === ds.metadata?.uid),
      (r) => selector.matches(r.metadata?.labels ?? {}),
    );
    let history: Awaited<ReturnType<typeof constructHistory>>;
    try {
      history = await constructHistory(this.ctx.client, ds, 'DaemonSet', ownedRevisions, hash);
    } catch (err) {
      if (err instanceof RevisionCollisionError) {
        await this.ctx.client.updateStatus(daemonSetsResource, namespace, {
          ...ds,
          status: { ...(ds.status ?? {}), collisionCount: (ds.status?.collisionCount ?? 0) + 1 },
        });
      }
      throw err;
    }
    const currentHash = history.current.metadata?.labels?.[controllerRevisionHashLabel] ?? hash;
    if (this.expectations.satisfied(key)) {
      let podsByNode = await this.podsByNode(ds);
      await this.manage(key, ds, nodes, podsByNode, currentHash);
      if (this.expectations.satisfied(key)) {
        if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
          podsByNode = await this.podsByNode(ds);
          const eligible = nodes.filter((n) => this.shouldRun(ds, n)).length;
          const withPods = new Map([...podsByNode].filter(([, pods]) => pods.length > 0));
          const plan = rollingUpdatePlan(ds, withPods, eligible, currentHash, this.ctx.clock.now());
          await this.syncNodes(key, ds, plan.deletePods, plan.createOnNodes, currentHash);
        }
        const live = new Set<string>();
        for (const pods of podsByNode.values())
          for (const p of pods) live.add(p.metadata?.labels?.[controllerRevisionHashLabel]);
        await cleanupHistory(
          this.ctx.client,
          history.old,
          (r) => live.has(r.metadata?.labels?.[controllerRevisionHashLabel]),
          ds.spec?.revisionHistoryLimit ?? 10,
        );
      }
    }
    await this.updateStatus(key, ds, nodes, currentHash);
  }

  /** The DaemonSet's pods (claimed), by target node, terminal pods being deleted left out. */
  private async podsByNode(ds: KubeObject): Promise<Map<string, KubeObject[]>> {
    const selector = selectorOf(ds);
    const candidates = this.pods
      .list(ds.metadata?.namespace)
      .filter((p) => !controllerRefOf(p) || controllerRefOf(p)!.uid === ds.metadata?.uid)
      .filter((p) => {
        const terminal = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
        return !(terminal && p.metadata?.deletionTimestamp);
      });
    const pods = await claimObjects(
      this.ctx.client,
      podsResource,
      ds,
      'apps/v1',
      'DaemonSet',
      candidates,
      (p) => selector.matches(p.metadata?.labels ?? {}),
    );
    const map = new Map<string, KubeObject[]>();
    for (const p of pods.sort(byCreation)) {
      const node = targetNode(p);
      if (!node) continue;
      if (!map.has(node)) map.set(node, []);
      map.get(node)!.push(p);
    }
    return map;
  }

  /** Creates missing daemon pods, deletes failed, duplicate and misplaced ones (manage/podsShouldBeOnNode). */
  private async manage(
    key: string,
    ds: KubeObject,
    nodes: KubeObject[],
    podsByNode: Map<string, KubeObject[]>,
    hash: string,
  ): Promise<void> {
    const create: string[] = [];
    const remove: KubeObject[] = [];
    const nodeNames = new Set(nodes.map((n) => n.metadata?.name));
    for (const node of nodes) {
      const nodeName = node.metadata!.name as string;
      const pods = podsByNode.get(nodeName) ?? [];
      const shouldRun = this.shouldRun(ds, node);
      if (!shouldRun) {
        remove.push(...pods.filter((p) => !p.metadata?.deletionTimestamp));
        continue;
      }
      const running: KubeObject[] = [];
      for (const p of pods) {
        if (p.metadata?.deletionTimestamp) continue;
        if (p.status?.phase === 'Failed') {
          this.ctx.recorder.record(
            source,
            ds,
            'Warning',
            'FailedDaemonPod',
            `Found failed daemon pod ${p.metadata?.namespace}/${p.metadata?.name} on node ${nodeName}, will try to kill it`,
          );
          remove.push(p);
          continue;
        }
        running.push(p);
      }
      if (pods.length === 0) create.push(nodeName);
      else if (running.length > 1) remove.push(...excessPods(ds, running, hash));
    }
    // Pods for nodes that no longer exist.
    for (const [nodeName, pods] of podsByNode) {
      if (!nodeNames.has(nodeName)) remove.push(...pods.filter((p) => !p.metadata?.deletionTimestamp));
    }
    await this.syncNodes(key, ds, remove, create, hash);
  }

  private async syncNodes(
    key: string,
    ds: KubeObject,
    remove: KubeObject[],
    createOn: string[],
    hash: string,
  ): Promise<void> {
    if (remove.length === 0 && createOn.length === 0) return;
    const { client, recorder } = this.ctx;
    this.expectations.expect(key, createOn.length, remove.map(objectKeyOf));
    let failure: Error | undefined;
    for (const nodeName of createOn) {
      try {
        const pod = await client.create(
          podsResource,
          ds.metadata?.namespace,
          this.podFor(ds, nodeName, hash),
        );
        recorder.record(source, ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name}`);
      } catch (err) {
        this.expectations.creationObserved(key);
        failure ??= err as Error;
        recorder.record(source, ds, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
      }
    }
    for (const pod of remove) {
      try {
        await client.delete(podsResource, pod.metadata?.namespace, pod.metadata!.name, {
          preconditions: { uid: pod.metadata?.uid },
        });
        recorder.record(source, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name}`);
      } catch (err) {
        this.expectations.deletionObserved(key, objectKeyOf(pod));
        if (isNotFound(err)) continue;
        failure ??= err as Error;
        recorder.record(source, ds, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
      }
    }
    if (failure) throw failure;
  }

  /** CreatePodTemplate: the template with the daemon tolerations, revision labels, pinned to the node. */
  private podFor(ds: KubeObject, nodeName: string, hash: string): KubeObject {
    const template = structuredClone(ds.spec?.template ?? {});
    const spec = template.spec ?? {};
    addTolerations(spec);
    pinToNode(spec, nodeName);
    const labels = { ...(template.metadata?.labels ?? {}) };
    const generation = templateGeneration(ds);
    if (generation !== undefined) labels[templateGenerationLabel] = generation;
    labels[controllerRevisionHashLabel] = hash;
    const metadata: KubeObject = {
      generateName: `${ds.metadata?.name}-`,
      namespace: ds.metadata?.namespace,
      labels,
      ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')],
    };
    if (template.metadata?.annotations) metadata.annotations = template.metadata.annotations;
    return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
  }

  private async updateStatus(key: string, ds: KubeObject, nodes: KubeObject[], hash: string): Promise<void> {
    const now = this.ctx.clock.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const generation = templateGeneration(ds);
    const podsByNode = new Map<string, KubeObject[]>();
    for (const p of this.pods.list(ds.metadata?.namespace)) {
      if (controllerRefOf(p)?.uid !== ds.metadata?.uid) continue;
      const terminal = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
      if (terminal && p.metadata?.deletionTimestamp) continue;
      const node = targetNode(p);
      if (!node) continue;
      if (!podsByNode.has(node)) podsByNode.set(node, []);
      podsByNode.get(node)!.push(p);
    }
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    let nextAvailable: number | undefined;
    for (const node of nodes) {
      const pods = (podsByNode.get(node.metadata?.name) ?? []).sort(byCreation);
      if (!this.shouldRun(ds, node)) {
        if (pods.length > 0) misscheduled++;
        continue;
      }
      desired++;
      if (pods.length === 0) continue;
      current++;
      const pod = pods[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
        else {
          const at = podAvailableAt(pod, minReady);
          if (at !== undefined && (nextAvailable === undefined || at < nextAvailable)) nextAvailable = at;
        }
      }
      if (isPodUpdated(pod, hash, generation)) updated++;
    }
    const status: KubeObject = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata?.generation,
    };
    if (updated) status.updatedNumberScheduled = updated;
    if (available) status.numberAvailable = available;
    if (desired - available) status.numberUnavailable = desired - available;
    if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
    if (ds.status?.conditions?.length) status.conditions = ds.status.conditions;
    if (nextAvailable !== undefined) this.queue.addAfter(key, Math.max(1, nextAvailable - now));
    if (semanticEqual(status, ds.status ?? {})) return;
    try {
      await this.ctx.client.updateStatus(daemonSetsResource, ds.metadata?.namespace, { ...ds, status });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
