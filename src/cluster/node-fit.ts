// Whether a pod may go to a node by the node's labels and taints: the nodeSelector, required node
// affinity (matchExpressions on labels, matchFields on metadata.name) and tolerations of
// NoSchedule/NoExecute taints, as component-helpers' scheduling/corev1 decides them. The
// scheduler's filters (kubelet/) and the controllers that place pods themselves (DaemonSet, the
// volume binder) share these rules.

import type { KubeObject } from './registry/types.ts';

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

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
      // both sides parse as integers, or the requirement does not hold
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
