// Whether a pod may run on a node, as far as the simulation needs it: the
// nodeSelector, required node affinity (matchExpressions on labels,
// matchFields on metadata.name) and NoSchedule/NoExecute taints against
// tolerations. The scheduler and the DaemonSet controller share it.

import type { KubeObject } from './client.ts';

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
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
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

function termMatches(term: KubeObject, node: KubeObject): boolean {
  const labels = (node.metadata?.labels ?? {}) as Record<string, string>;
  const expressions = (term.matchExpressions ?? []) as Requirement[];
  const fields = (term.matchFields ?? []) as Requirement[];
  if (expressions.length === 0 && fields.length === 0) return false;
  return (
    expressions.every((r) => requirementHolds(r, labels[r.key])) &&
    fields.every((r) => requirementHolds(r, r.key === 'metadata.name' ? node.metadata?.name : undefined))
  );
}

function tolerates(tolerations: KubeObject[], taint: KubeObject): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/** The node passes the pod's nodeName, nodeSelector, required node affinity and taint checks. */
export function podFitsNode(podSpec: KubeObject | undefined, node: KubeObject): boolean {
  const spec = podSpec ?? {};
  if (spec.nodeName && spec.nodeName !== node.metadata?.name) return false;
  const labels = (node.metadata?.labels ?? {}) as Record<string, string>;
  for (const [k, v] of Object.entries((spec.nodeSelector ?? {}) as Record<string, string>)) {
    if (labels[k] !== v) return false;
  }
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms as KubeObject[] | undefined;
  if (terms && terms.length > 0 && !terms.some((t) => termMatches(t, node))) return false;
  const tolerations = (spec.tolerations ?? []) as KubeObject[];
  for (const taint of (node.spec?.taints ?? []) as KubeObject[]) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerates(tolerations, taint)) return false;
  }
  return true;
}
