// The scheduler's Filter plugins that the simulation needs, in the default
// profile's order (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity,
// VolumeBinding): the first that rejects a node names the reason, and
// FailedScheduling counts nodes per reason as the scheduler's FitError does.

import type { KubeObject } from '../controllers/index.ts';
import { affinityMatches, nodeSelectorMatches, tolerates, untoleratedTaint } from '../node-fit.ts';

// taint-based eviction asks the same question of one toleration
export { toleration } from '../node-fit.ts';

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
