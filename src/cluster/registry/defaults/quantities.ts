// Every resource.Quantity field of the kinds we serve, rewritten as the real API server returns
// it after decoding into Go types (`cpu: 1000m` reads back as "1", `0.5` as "500m"). A value
// that does not parse fails the whole request the way upstream's decoder fails it.
import { canonicalQuantity, QuantityError } from '../../../kube/index.ts';
import { StoreError } from '../../store/index.ts';
import type { KindRules } from '../strategy.ts';
import type { KubeObject, ResourceInfo } from '../types.ts';

type Obj = Record<string, any>;

/**
 * A path from the object root: `a.b` fields, `[]` every item of a list, `*` every value of a
 * map (a ResourceList). The last step names the quantity: `*` for a ResourceList's values,
 * `name?` for an optional (*Quantity) field, a bare name for a value field Go always writes.
 */
type QuantityPath = string;

const resourceRequirements = (at: string): QuantityPath[] => [`${at}.limits.*`, `${at}.requests.*`];

function resourceFieldRefs(at: string): QuantityPath[] {
  return [
    `${at}.containers[].env[].valueFrom.resourceFieldRef.divisor`,
    `${at}.initContainers[].env[].valueFrom.resourceFieldRef.divisor`,
    `${at}.ephemeralContainers[].env[].valueFrom.resourceFieldRef.divisor`,
    `${at}.volumes[].downwardAPI.items[].resourceFieldRef.divisor`,
    `${at}.volumes[].projected.sources[].downwardAPI.items[].resourceFieldRef.divisor`,
  ];
}

/** core/v1 PodSpec at `at`. */
function podSpec(at: string): QuantityPath[] {
  return [
    ...resourceRequirements(`${at}.containers[].resources`),
    ...resourceRequirements(`${at}.initContainers[].resources`),
    ...resourceRequirements(`${at}.ephemeralContainers[].resources`),
    ...resourceRequirements(`${at}.resources`),
    `${at}.overhead.*`,
    `${at}.volumes[].emptyDir.sizeLimit?`,
    ...resourceRequirements(`${at}.volumes[].ephemeral.volumeClaimTemplate.spec.resources`),
    ...resourceFieldRefs(at),
  ];
}

function podStatus(at: string): QuantityPath[] {
  const statuses = ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses'];
  return [
    ...statuses.flatMap((s) => [
      `${at}.${s}[].allocatedResources.*`,
      ...resourceRequirements(`${at}.${s}[].resources`),
    ]),
    `${at}.allocatedResources.*`,
    ...resourceRequirements(`${at}.resources`),
  ];
}

function pvcSpecAndStatus(at: string): QuantityPath[] {
  return [
    ...resourceRequirements(`${at}.spec.resources`),
    `${at}.status.capacity.*`,
    `${at}.status.allocatedResources.*`,
  ];
}

function metricTargets(at: string, field: 'target' | 'current'): QuantityPath[] {
  return ['resource', 'containerResource', 'pods', 'object', 'external'].flatMap((source) => [
    `${at}.${source}.${field}.value?`,
    `${at}.${source}.${field}.averageValue?`,
  ]);
}

/** Keyed by `group/Kind`. */
const quantityPaths: Record<string, QuantityPath[]> = {
  '/Pod': [...podSpec('spec'), ...podStatus('status')],
  '/PodTemplate': podSpec('template.spec'),
  '/ReplicationController': podSpec('spec.template.spec'),
  'apps/Deployment': podSpec('spec.template.spec'),
  'apps/ReplicaSet': podSpec('spec.template.spec'),
  'apps/DaemonSet': podSpec('spec.template.spec'),
  'apps/StatefulSet': [...podSpec('spec.template.spec'), ...pvcSpecAndStatus('spec.volumeClaimTemplates[]')],
  'batch/Job': podSpec('spec.template.spec'),
  'batch/CronJob': podSpec('spec.jobTemplate.spec.template.spec'),
  '/Node': ['status.capacity.*', 'status.allocatable.*'],
  '/PersistentVolumeClaim': pvcSpecAndStatus(''),
  '/PersistentVolume': ['spec.capacity.*'],
  '/ResourceQuota': ['spec.hard.*', 'status.hard.*', 'status.used.*'],
  '/LimitRange': ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'].map(
    (f) => `spec.limits[].${f}.*`,
  ),
  'autoscaling/HorizontalPodAutoscaler': [
    ...metricTargets('spec.metrics[]', 'target'),
    ...metricTargets('status.currentMetrics[]', 'current'),
    'spec.behavior.scaleUp.tolerance?',
    'spec.behavior.scaleDown.tolerance?',
  ],
};

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function visit(node: unknown, steps: string[]): void {
  if (!isObj(node)) return;
  const [step, ...rest] = steps;
  if (rest.length === 0) {
    if (step === '*') {
      for (const k of Object.keys(node)) node[k] = canonicalQuantity(node[k]);
    } else if (step.endsWith('?')) {
      const name = step.slice(0, -1);
      if (!(name in node)) return;
      // a null pointer decodes to nil and is not written back
      if (node[name] === null) delete node[name];
      else node[name] = canonicalQuantity(node[name]);
    } else node[step] = step in node ? canonicalQuantity(node[step]) : '0';
    return;
  }
  if (step === '*') {
    for (const v of Object.values(node)) visit(v, rest);
  } else if (step.endsWith('[]')) {
    const list = node[step.slice(0, -2)];
    if (Array.isArray(list)) for (const item of list) visit(item, rest);
  } else visit(node[step], rest);
}

const parsedPaths = new Map<string, string[][]>(
  Object.entries(quantityPaths).map(([k, paths]) => [
    k,
    paths.map((p) => p.split('.').filter((s) => s !== '')),
  ]),
);

/**
 * Rewrites the object's quantities in canonical form, in place. A malformed one is a 400 whose
 * message is upstream's decode error: `<Kind> in version "<v>" cannot be handled as a <Kind>: <why>`.
 */
export function canonicalizeQuantities(info: ResourceInfo, obj: KubeObject): void {
  const paths = parsedPaths.get(`${info.group}/${info.kind}`);
  if (!paths) return;
  try {
    for (const steps of paths) visit(obj, steps);
  } catch (err) {
    if (!(err instanceof QuantityError)) throw err;
    // the body's version, defaulted from the URL as the decoder does
    const apiVersion = typeof obj.apiVersion === 'string' && obj.apiVersion ? obj.apiVersion : info.version;
    const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
    throw new StoreError(
      'BadRequest',
      `${info.kind} in version "${version}" cannot be handled as a ${info.kind}: ${err.message}`,
    );
  }
}

/** The kind's rules with quantities canonicalised first: upstream decodes before it defaults. */
export function withQuantities(rules: KindRules): KindRules {
  if (!parsedPaths.has(`${rules.info.group}/${rules.info.kind}`)) return rules;
  const defaults = rules.defaults;
  return {
    ...rules,
    defaults: (obj) => {
      canonicalizeQuantities(rules.info, obj);
      defaults?.(obj);
    },
  };
}
