// The scheduler's Filter plugins that the simulation needs, in the default
// profile's order (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity,
// VolumeBinding): the first that rejects a node names the reason, and
// FailedScheduling counts nodes per reason as the scheduler's FitError does.

import type { KubeObject } from '../controllers/index.ts';

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

/** What a filter says when it rejects a node (the scheduler's status reasons). */
export const filterReasons = {
  unschedulable: 'node(s) were unschedulable',
  nodeName: "node(s) didn't match the requested node name",
  affinity: "node(s) didn't match Pod's node affinity/selector",
  volumeAffinity: "node(s) didn't match PersistentVolume's node affinity",
  // since 1.33 the taint itself is not named (it may be sensitive)
  taint: (_taint: KubeObject) => 'node(s) had untolerated taint(s)',
} as const;

/** The taint a cordoned node carries (the node lifecycle controller adds it; the filter checks the field). */
const unschedulableTaint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** Whether one toleration tolerates a taint (an empty effect matches every effect, Exists with no key every taint). */
export function toleration(t: KubeObject, taint: KubeObject): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if ((t.operator ?? 'Equal') === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

export function tolerates(tolerations: KubeObject[] | undefined, taint: KubeObject): boolean {
  return (tolerations ?? []).some((t) => toleration(t, taint));
}

/** The first NoSchedule/NoExecute taint of the node the pod does not tolerate. */
export function untoleratedTaint(pod: KubeObject, node: KubeObject): KubeObject | undefined {
  for (const taint of (node.spec?.taints ?? []) as KubeObject[]) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerates(pod.spec?.tolerations, taint)) return taint;
  }
  return undefined;
}

function requirementHolds(r: Requirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const n = Number(value);
      const bound = Number(values[0]);
      if (value === undefined || !Number.isInteger(n) || !Number.isInteger(bound)) return false;
      return r.operator === 'Gt' ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

/** A nodeSelectorTerm: its expressions on labels and fields on metadata.name all hold (an empty term matches nothing). */
function termMatches(term: KubeObject, node: KubeObject): boolean {
  const labels = (node.metadata?.labels ?? {}) as Record<string, string>;
  const expressions = (term?.matchExpressions ?? []) as Requirement[];
  const fields = (term?.matchFields ?? []) as Requirement[];
  if (expressions.length === 0 && fields.length === 0) return false;
  return (
    expressions.every((r) => requirementHolds(r, labels[r.key])) &&
    fields.every((r) => requirementHolds(r, r.key === 'metadata.name' ? node.metadata?.name : undefined))
  );
}

/** A NodeSelector (terms ORed); absent or with no terms: every node. */
export function nodeSelectorMatches(selector: KubeObject | undefined, node: KubeObject): boolean {
  const terms = selector?.nodeSelectorTerms as KubeObject[] | undefined;
  return !terms || terms.length === 0 || terms.some((t) => termMatches(t, node));
}

/** The pod's nodeSelector and required node affinity. */
export function affinityMatches(pod: KubeObject, node: KubeObject): boolean {
  const labels = (node.metadata?.labels ?? {}) as Record<string, string>;
  for (const [k, v] of Object.entries((pod.spec?.nodeSelector ?? {}) as Record<string, string>)) {
    if (labels[k] !== v) return false;
  }
  return nodeSelectorMatches(
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
    node,
  );
}

/**
 * Why the node cannot take the pod (the first filter that rejects it), or undefined when it can.
 * `volumes` are the persistent volumes the pod's claims are bound to.
 */
export function filterNode(
  pod: KubeObject,
  node: KubeObject,
  volumes: KubeObject[] = [],
): string | undefined {
  if (node.spec?.unschedulable && !tolerates(pod.spec?.tolerations, unschedulableTaint))
    return filterReasons.unschedulable;
  if (pod.spec?.nodeName && pod.spec.nodeName !== node.metadata?.name) return filterReasons.nodeName;
  const taint = untoleratedTaint(pod, node);
  if (taint) return filterReasons.taint(taint);
  if (!affinityMatches(pod, node)) return filterReasons.affinity;
  if (volumes.some((pv) => !nodeSelectorMatches(pv.spec?.nodeAffinity?.required, node)))
    return filterReasons.volumeAffinity;
  return undefined;
}

/**
 * FailedScheduling's message (FitError): each reason with its node count, sorted as strings, then
 * the PostFilter verdicts: DynamicResources' (on by default since 1.34: the pod has no claims to
 * free) and DefaultPreemption's. Every reason here is UnschedulableAndUnresolvable, so preemption
 * would help on no node.
 */
export function fitErrorMessage(total: number, reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const histogram = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
  return `0/${total} nodes are available: ${histogram.join(', ')}. no new claims to deallocate, preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
}

/** The same for a rejection before any node was looked at (a PreFilter's reason, given once for all nodes). */
export function preFilterMessage(total: number, reason: string): string {
  return `0/${total} nodes are available: ${reason}. no new claims to deallocate, preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
}
