// The disruption controller (pkg/controller/disruption): keeps each PodDisruptionBudget's status
// (expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, disruptedPods,
// observedGeneration and the DisruptionAllowed condition) from the pods it selects and, for
// percentages and maxUnavailable, from the scale of the pods' controllers. The eviction handler
// of the API server spends disruptionsAllowed; this loop gives it back as pods come and go.

import { labelSelectorAsSelector } from '../../../kube/index.ts';
import { disruptionConditionUpToDate, setCondition, withDisruptionAllowed } from '../../registry/index.ts';
import {
  deploymentsResource,
  isConflict,
  isNotFound,
  type KubeObject,
  podsResource,
  type Resource,
  replicaSetsResource,
  statefulSetsResource,
} from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { timeString } from '../events.ts';
import { type Informer, objectKeyOf, splitKey } from '../informer.ts';
import { controllerRefOf } from '../owner.ts';
import { WorkQueue } from '../queue.ts';
import { countHealthy, disruptedPods, disruptionsAllowed, expectation } from './budget.ts';

export const podDisruptionBudgetsResource: Resource = {
  group: 'policy',
  version: 'v1',
  resource: 'poddisruptionbudgets',
};
const replicationControllersResource: Resource = {
  group: '',
  version: 'v1',
  resource: 'replicationcontrollers',
};

const source = { component: 'controllermanager' };
type Obj = Record<string, any>;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}

function replicasOf(obj: KubeObject): number {
  return typeof obj.spec?.replicas === 'number' ? obj.spec.replicas : 1;
}

export class DisruptionController implements Controller {
  readonly name = 'disruption';
  private readonly queue: WorkQueue;
  private readonly budgets: Informer;
  private readonly pods: Informer;
  private readonly replicaSets: Informer;
  private readonly deployments: Informer;
  private readonly statefulSets: Informer;
  private readonly replicationControllers: Informer;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.sync(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.budgets = ctx.informers.for(podDisruptionBudgetsResource);
    this.pods = ctx.informers.for(podsResource);
    this.replicaSets = ctx.informers.for(replicaSetsResource);
    this.deployments = ctx.informers.for(deploymentsResource);
    this.statefulSets = ctx.informers.for(statefulSetsResource);
    this.replicationControllers = ctx.informers.for(replicationControllersResource);
    const budgetChanged = (pdb: KubeObject) => this.queue.add(objectKeyOf(pdb));
    this.budgets.addHandlers({ add: budgetChanged, update: (_old, pdb) => budgetChanged(pdb) });
    const podChanged = (pod: KubeObject) => {
      for (const pdb of this.budgetsOf(pod)) budgetChanged(pdb);
    };
    this.pods.addHandlers({
      add: podChanged,
      update: (old, pod) => {
        podChanged(pod);
        if (!sameJson(old.metadata?.labels, pod.metadata?.labels)) podChanged(old);
      },
      delete: podChanged,
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  /** getPdbsForPod: the budgets of the pod's namespace whose (non-empty) selector matches it. */
  private budgetsOf(pod: KubeObject): KubeObject[] {
    const labels = (pod.metadata?.labels ?? {}) as Record<string, string>;
    return this.budgets.list(pod.metadata?.namespace).filter((pdb) => {
      try {
        const selector = labelSelectorAsSelector(pdb.spec?.selector);
        return !selector.empty() && selector.matches(labels);
      } catch {
        return false;
      }
    });
  }

  /** getPodsForPdb: a nil selector selects nothing, an empty one every pod of the namespace. */
  private podsOf(pdb: KubeObject): KubeObject[] {
    const selector = labelSelectorAsSelector(pdb.spec?.selector);
    return this.pods.list(pdb.metadata?.namespace).filter((p) => selector.matches(p.metadata?.labels ?? {}));
  }

  /**
   * The finders: a ReplicaSet (or, when a Deployment controls it, the Deployment), a
   * ReplicationController or a StatefulSet, matched by the controllerRef's uid.
   * Undefined for a pod with no controller; an error for a controller with no scale.
   */
  private scaleOf(pod: KubeObject): { uid: string; replicas: number } | undefined {
    const ref = controllerRefOf(pod);
    if (!ref) return undefined;
    const ns = pod.metadata?.namespace;
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
    const found = (obj: KubeObject | undefined) => (obj && obj.metadata?.uid === ref.uid ? obj : undefined);
    if (group === 'apps' && ref.kind === 'ReplicaSet') {
      const rs = found(this.replicaSets.get(ns, ref.name));
      if (rs) {
        const owner = controllerRefOf(rs);
        if (owner?.kind === 'Deployment') {
          const deployment = this.deployments.get(ns, owner.name);
          if (deployment && deployment.metadata?.uid === owner.uid)
            return { uid: owner.uid, replicas: replicasOf(deployment) };
        } else return { uid: ref.uid, replicas: replicasOf(rs) };
      }
    }
    if (group === '' && ref.kind === 'ReplicationController') {
      const rc = found(this.replicationControllers.get(ns, ref.name));
      if (rc) return { uid: ref.uid, replicas: replicasOf(rc) };
    }
    if (group === 'apps' && ref.kind === 'StatefulSet') {
      const ss = found(this.statefulSets.get(ns, ref.name));
      if (ss) return { uid: ref.uid, replicas: replicasOf(ss) };
    }
    throw new Error(`found no controllers for pod "${pod.metadata?.name}"`);
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pdb = this.budgets.get(namespace, name);
    if (!pdb) return;
    try {
      await this.trySync(pdb);
    } catch (err) {
      // a conflict is retried as it is; a budget that went is done with
      if (isConflict(err)) throw err;
      if (isNotFound(err)) return;
      await this.failSafe(pdb, err);
    }
  }

  private async trySync(pdb: KubeObject): Promise<void> {
    const pods = this.podsOf(pdb);
    if (pods.length === 0)
      this.ctx.recorder.record(source, pdb, 'Normal', 'NoPods', 'No matching pods found');
    let expected: ReturnType<typeof expectation>;
    try {
      expected = expectation(pdb, pods, (pod) => this.scaleOf(pod));
    } catch (err) {
      this.ctx.recorder.record(
        source,
        pdb,
        'Warning',
        'CalculateExpectedPodCountFailed',
        `Failed to calculate the number of expected pods: ${(err as Error).message}`,
      );
      throw err;
    }
    if (expected.unmanagedPods.length > 0)
      this.ctx.recorder.record(
        source,
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${selectorText(pdb)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      );
    const now = this.ctx.clock.now();
    const disrupted = disruptedPods(pdb, pods, now);
    for (const podName of disrupted.overdue) {
      const pod = this.pods.get(pdb.metadata?.namespace, podName);
      if (pod)
        this.ctx.recorder.record(
          source,
          pod,
          'Warning',
          'NotDeleted',
          // upstream formats the namespace twice (`%s/%s` of namespace, namespace)
          `Pod was expected by PDB ${pdb.metadata?.namespace}/${pdb.metadata?.namespace} to be deleted but it wasn't`,
        );
    }
    const currentHealthy = countHealthy(pods, disrupted.pods, now);
    await this.writeStatus(
      pdb,
      currentHealthy,
      expected.desiredHealthy,
      expected.expectedCount,
      disrupted.pods,
    );
    if (disrupted.recheckAtMs !== undefined)
      this.queue.addAfter(objectKeyOf(pdb), Math.max(0, disrupted.recheckAtMs - now));
  }

  private async writeStatus(
    pdb: KubeObject,
    currentHealthy: number,
    desiredHealthy: number,
    expectedPods: number,
    disrupted: Record<string, string>,
  ): Promise<void> {
    const allowed = disruptionsAllowed(currentHealthy, desiredHealthy, expectedPods);
    const old: Obj = pdb.status ?? {};
    const generation = Number(pdb.metadata?.generation ?? 0);
    if (
      Number(old.currentHealthy ?? 0) === currentHealthy &&
      Number(old.desiredHealthy ?? 0) === desiredHealthy &&
      Number(old.expectedPods ?? 0) === expectedPods &&
      Number(old.disruptionsAllowed ?? 0) === allowed &&
      sameJson(old.disruptedPods, disrupted) &&
      Number(old.observedGeneration ?? 0) === generation &&
      disruptionConditionUpToDate(pdb)
    )
      return;
    const status: Obj = {
      disruptionsAllowed: allowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      observedGeneration: generation,
    };
    if (Object.keys(disrupted).length > 0) status.disruptedPods = disrupted;
    if (old.conditions) status.conditions = old.conditions;
    status.conditions = withDisruptionAllowed(status, timeString(this.ctx.clock.now()));
    await this.ctx.client.updateStatus(podDisruptionBudgetsResource, pdb.metadata?.namespace, {
      ...pdb,
      status,
    });
  }

  /** failSafe: no disruption allowed while the budget cannot be computed, with SyncFailed saying why. */
  private async failSafe(pdb: KubeObject, err: unknown): Promise<void> {
    const status: Obj = { ...(pdb.status ?? {}) };
    status.disruptionsAllowed = 0;
    status.observedGeneration = Number(pdb.metadata?.generation ?? 0);
    status.conditions = setCondition(
      status.conditions ?? [],
      'DisruptionAllowed',
      { status: 'False', reason: 'SyncFailed', message: (err as Error).message ?? String(err) },
      status.observedGeneration,
      timeString(this.ctx.clock.now()),
    );
    if (sameJson(status, pdb.status)) return;
    await this.ctx.client.updateStatus(podDisruptionBudgetsResource, pdb.metadata?.namespace, {
      ...pdb,
      status,
    });
  }
}

/** The selector as Go's %v prints a *metav1.LabelSelector (`&LabelSelector{MatchLabels:map[...]...}`). */
function selectorText(pdb: KubeObject): string {
  const s: Obj = pdb.spec?.selector ?? {};
  const labels = Object.keys(s.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${s.matchLabels[k]},`)
    .join('');
  const exprs = ((s.matchExpressions ?? []) as Obj[])
    .map(
      (e) =>
        `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],}`,
    )
    .join(',');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}
