// autoscaling/v1 Scale's status.selector for built-in workloads: upstream serializes the
// workload's label selector (metav1.LabelSelectorAsSelector(...).String()).
import { formatLabelSelector, formatLabels } from './printers/tables.ts';
import type { KubeObject } from './types.ts';

export function scaleSelector(obj: KubeObject): string {
  const selector = obj.spec?.selector;
  if (selector === undefined || selector === null) return '';
  // ReplicationControllers select with a plain label map.
  const text = obj.kind === 'ReplicationController' ? formatLabels(selector) : formatLabelSelector(selector);
  return text === '<none>' ? '' : text;
}
