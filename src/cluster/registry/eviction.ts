// The rules of the pods/eviction subresource (kube-apiserver's EvictionREST) and of a
// PodDisruptionBudget's status, as pure functions: which budgets cover a pod, whether an eviction
// may go ahead and what it does to the budget, and the DisruptionAllowed condition the disruption
// controller and the eviction handler both keep.
import { labelSelectorAsSelector } from '../../kube/index.ts';
import type { KubeObject } from './types.ts';

type Obj = Record<string, any>;

export const disruptionBudgetViolation = "Cannot evict pod as it would violate the pod's disruption budget.";
export const multipleBudgets =
  'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';
/** policy/v1 DisruptedPods entries the API refuses to grow past (the controller prunes them). */
export const maxDisruptedPods = 2000;

/** A refusal the server sends as a Status. */
export interface EvictionRefusal {
  code: number;
  reason: string;
  message: string;
  details?: Record<string, unknown>;
  /** Forbidden refusals name the budget (policy poddisruptionbudget). */
  forbidden?: { name: string; why: string };
}

export function isPodReady(pod: KubeObject): boolean {
  const conditions: Obj[] = pod.status?.conditions ?? [];
  return conditions.some((c) => c?.type === 'Ready' && c?.status === 'True');
}

/** Terminal, pending and already deleting pods go without asking any budget. */
export function podCanIgnoreBudget(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return (
    phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata?.deletionTimestamp
  );
}

/** A running pod is deleted only at the resourceVersion it was judged at (it may turn ready meanwhile). */
export function mustPinResourceVersion(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return !(phase === 'Succeeded' || phase === 'Failed' || pod.metadata?.deletionTimestamp);
}

/** The budgets of the pod's namespace whose selector matches it; an empty or invalid selector matches nothing. */
export function budgetsCovering(pod: KubeObject, budgets: KubeObject[]): KubeObject[] {
  const labels = (pod.metadata?.labels ?? {}) as Record<string, string>;
  return budgets.filter((pdb) => {
    if (pdb.metadata?.namespace !== pod.metadata?.namespace) return false;
    try {
      const selector = labelSelectorAsSelector(pdb.spec?.selector);
      return !selector.empty() && selector.matches(labels);
    } catch {
      return false;
    }
  });
}

function tooManyRequests(retryAfterSeconds: number, cause: string): EvictionRefusal {
  const details: Record<string, unknown> = {};
  if (retryAfterSeconds > 0) details.retryAfterSeconds = retryAfterSeconds;
  details.causes = [{ reason: 'DisruptionBudget', message: cause }];
  return { code: 429, reason: 'TooManyRequests', message: disruptionBudgetViolation, details };
}

/** The 429 for a budget the controller has not caught up with (or a lost race with a readiness change). */
export function budgetBeingProcessed(name: string): EvictionRefusal {
  return tooManyRequests(10, `The disruption budget ${name} is still being processed by the server.`);
}

export type BudgetDecision =
  /** An unready pod the budget can spare: delete it, pinned to the resourceVersion judged. */
  | { kind: 'spare-unhealthy' }
  /** Write this status (disruptionsAllowed decremented, the pod recorded), then delete. */
  | { kind: 'decrement'; status: Obj }
  | { kind: 'refuse'; refusal: EvictionRefusal };

/**
 * checkAndDecrement with the unhealthy-pod rules before it: an unready pod goes without touching the
 * budget when unhealthyPodEvictionPolicy is AlwaysAllow, or when the budget is met anyway.
 */
export function decideBudget(pod: KubeObject, pdb: KubeObject, now: string, dryRun: boolean): BudgetDecision {
  const status: Obj = pdb.status ?? {};
  const currentHealthy = Number(status.currentHealthy ?? 0);
  const desiredHealthy = Number(status.desiredHealthy ?? 0);
  if (!isPodReady(pod)) {
    if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return { kind: 'spare-unhealthy' };
    if (currentHealthy >= desiredHealthy && desiredHealthy > 0) return { kind: 'spare-unhealthy' };
  }
  const name = String(pdb.metadata?.name ?? '');
  if (Number(status.observedGeneration ?? 0) < Number(pdb.metadata?.generation ?? 0))
    return { kind: 'refuse', refusal: budgetBeingProcessed(name) };
  const allowed = Number(status.disruptionsAllowed ?? 0);
  if (allowed < 0)
    return { kind: 'refuse', refusal: forbiddenBudget(name, 'pdb disruptions allowed is negative') };
  if (Object.keys(status.disruptedPods ?? {}).length > maxDisruptedPods)
    return {
      kind: 'refuse',
      refusal: forbiddenBudget(
        name,
        'DisruptedPods map too big - too many evictions not confirmed by PDB controller',
      ),
    };
  if (allowed === 0)
    return {
      kind: 'refuse',
      refusal: tooManyRequests(
        0,
        `The disruption budget ${name} needs ${desiredHealthy} healthy pods and has ${currentHealthy} currently`,
      ),
    };
  const next: Obj = structuredClone(status);
  next.disruptionsAllowed = allowed - 1;
  if (next.disruptionsAllowed === 0) next.conditions = withDisruptionAllowed(next, now);
  if (!dryRun) next.disruptedPods = { ...(next.disruptedPods ?? {}), [String(pod.metadata?.name)]: now };
  return { kind: 'decrement', status: next };
}

function forbiddenBudget(name: string, why: string): EvictionRefusal {
  return {
    code: 403,
    reason: 'Forbidden',
    message: `poddisruptionbudget.policy "${name}" is forbidden: ${why}`,
    details: { name, group: 'policy', kind: 'poddisruptionbudget' },
    forbidden: { name, why },
  };
}

export interface ConditionSpec {
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/** meta.SetStatusCondition: the transition time moves only when the status flips. */
export function setCondition(
  conditions: Obj[],
  type: string,
  spec: ConditionSpec,
  observedGeneration: number,
  now: string,
): Obj[] {
  const out = conditions.map((c) => ({ ...c }));
  const existing = out.find((c) => c.type === type);
  if (!existing) {
    out.push({
      type,
      status: spec.status,
      observedGeneration,
      lastTransitionTime: now,
      reason: spec.reason,
      message: spec.message,
    });
    return out;
  }
  if (existing.status !== spec.status) existing.lastTransitionTime = now;
  existing.status = spec.status;
  existing.reason = spec.reason;
  existing.message = spec.message;
  existing.observedGeneration = observedGeneration;
  return out;
}

/** pdbhelper.UpdateDisruptionAllowedCondition: SufficientPods while disruptions are allowed. */
export function withDisruptionAllowed(status: Obj, now: string): Obj[] {
  const allowed = Number(status.disruptionsAllowed ?? 0) > 0;
  return setCondition(
    status.conditions ?? [],
    'DisruptionAllowed',
    allowed
      ? { status: 'True', reason: 'SufficientPods', message: '' }
      : { status: 'False', reason: 'InsufficientPods', message: '' },
    Number(status.observedGeneration ?? 0),
    now,
  );
}

/** pdbhelper.ConditionsAreUpToDate: the condition exists, the status is of this generation, and it agrees. */
export function disruptionConditionUpToDate(pdb: KubeObject): boolean {
  const status: Obj = pdb.status ?? {};
  const c = ((status.conditions ?? []) as Obj[]).find((x) => x.type === 'DisruptionAllowed');
  if (!c) return false;
  if (Number(status.observedGeneration ?? 0) !== Number(pdb.metadata?.generation ?? 0)) return false;
  return Number(status.disruptionsAllowed ?? 0) > 0
    ? c.status === 'True' && c.reason === 'SufficientPods'
    : c.status === 'False' && c.reason === 'InsufficientPods';
}
