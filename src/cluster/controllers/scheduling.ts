// Whether a pod may run on a node, as far as the controllers that place pods themselves need it
// (the DaemonSet controller, the volume binder): its nodeName, then the node's labels and taints
// by the rules the scheduler's filters use too (../node-fit.ts).

import { affinityMatches, untoleratedTaint } from '../node-fit.ts';
import type { KubeObject } from './client.ts';

/** The node passes the pod's nodeName, nodeSelector, required node affinity and taint checks. */
export function podFitsNode(podSpec: KubeObject | undefined, node: KubeObject): boolean {
  const pod = { spec: podSpec ?? {} };
  if (pod.spec.nodeName && pod.spec.nodeName !== node.metadata?.name) return false;
  return affinityMatches(pod, node) && untoleratedTaint(pod, node) === undefined;
}
