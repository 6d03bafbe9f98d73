// The built-in resources: each catalog entry joined with its defaults, validation and printer.
import {
  addFinalizer,
  admitClaimStorageClass,
  initialVolumeStatus,
  pvcProtectionFinalizer,
  pvProtectionFinalizer,
} from './admission/storage.ts';
import { catalog } from './catalog.ts';
import * as d from './defaults/kinds.ts';
import { defaultPod } from './defaults/pod.ts';
import { withQuantities } from './defaults/quantities.ts';
import { podRowConditions, printers } from './printers/tables.ts';
import { goZeroValue } from './protobuf/index.ts';
import { buildStrategy, type KindRules } from './strategy.ts';
import type { KubeObject, ResourceInfo, ResourceStrategy } from './types.ts';
import * as v from './validation/kinds.ts';
import { nameIsDNS1035Label, nameIsDNSLabel, nameIsPathSegment } from './validation/names.ts';

type Obj = Record<string, any>;

/** Where Services get their cluster IPs and node ports; the server may supply stateful ones. */
export interface Allocators {
  clusterIP(): string;
  nodePort(taken: Set<number>): number;
}

/** Random picks from the default service CIDR (10.96.0.0/12) and node port range (30000-32767). */
export const randomAllocators: Allocators = {
  clusterIP() {
    // Skip 10.96.0.1 (the kubernetes Service) and 10.96.0.10 (cluster DNS by convention).
    for (;;) {
      const n = 2 + Math.floor(Math.random() * ((1 << 20) - 3));
      if (n === 10) continue;
      return `10.${96 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
    }
  },
  nodePort(taken) {
    for (;;) {
      const p = 30000 + Math.floor(Math.random() * 2768);
      if (!taken.has(p)) return p;
    }
  },
};

const printerFor = (info: ResourceInfo) => printers[`${info.group}/${info.kind}`];

function rules(info: ResourceInfo, extra: Omit<KindRules, 'info'> = {}): KindRules {
  const printer = printerFor(info);
  return { info, ...(printer ? { printer } : {}), ...extra };
}

/** upstream qos.GetPodQOS, enough for the common shapes. */
function podQOS(pod: KubeObject): string {
  const containers: Obj[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c?.resources?.requests ?? {};
    const lim = c?.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r])))
        guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function prepareServiceCreate(alloc: Allocators) {
  return (svc: KubeObject): void => {
    const s: Obj = (svc.spec ??= {});
    svc.status = { loadBalancer: {} };
    if (s.type === 'ExternalName') return;
    const headless = s.clusterIP === 'None' || (Array.isArray(s.clusterIPs) && s.clusterIPs[0] === 'None');
    if (!headless && !s.clusterIP)
      s.clusterIP = Array.isArray(s.clusterIPs) && s.clusterIPs[0] ? s.clusterIPs[0] : alloc.clusterIP();
    if (headless) s.clusterIP = 'None';
    s.clusterIPs = [s.clusterIP];
    if (!Array.isArray(s.ipFamilies) || s.ipFamilies.length === 0) s.ipFamilies = ['IPv4'];
    // Headless Services without a selector default to RequireDualStack (single-stack here: IPv4 only).
    if (!s.ipFamilyPolicy) s.ipFamilyPolicy = headless && !s.selector ? 'RequireDualStack' : 'SingleStack';
    if (s.type === 'NodePort' || s.type === 'LoadBalancer') {
      const taken = new Set<number>();
      for (const p of s.ports ?? [])
        if (typeof p?.nodePort === 'number' && p.nodePort > 0) taken.add(p.nodePort);
      for (const p of s.ports ?? []) {
        if (typeof p?.nodePort === 'number' && p.nodePort > 0) continue;
        p.nodePort = alloc.nodePort(taken);
        taken.add(p.nodePort);
      }
    }
  };
}

/** The service registry carries allocated values forward when an update leaves them out (apply, replace). */
function prepareServiceUpdate(alloc: Allocators) {
  return (svc: KubeObject, old: KubeObject): void => {
    const s: Obj = (svc.spec ??= {});
    const o: Obj = old.spec ?? {};
    if (s.type === 'ExternalName') {
      for (const k of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']) delete s[k];
      return;
    }
    if (o.type !== 'ExternalName') {
      if (!s.clusterIP && o.clusterIP) s.clusterIP = o.clusterIP;
      if ((!Array.isArray(s.clusterIPs) || s.clusterIPs.length === 0) && o.clusterIPs)
        s.clusterIPs = [...o.clusterIPs];
      if ((!Array.isArray(s.ipFamilies) || s.ipFamilies.length === 0) && o.ipFamilies)
        s.ipFamilies = [...o.ipFamilies];
      if (!s.ipFamilyPolicy && o.ipFamilyPolicy) s.ipFamilyPolicy = o.ipFamilyPolicy;
    }
    if (!s.clusterIP) {
      // A move from ExternalName: allocate like a create does.
      prepareServiceCreate(alloc)({ ...svc, status: undefined });
    }
    if (s.type === 'NodePort' || s.type === 'LoadBalancer') {
      const oldPorts: Obj[] = o.ports ?? [];
      const taken = new Set<number>();
      for (const p of s.ports ?? [])
        if (typeof p?.nodePort === 'number' && p.nodePort > 0) taken.add(p.nodePort);
      for (const p of s.ports ?? []) {
        if (typeof p?.nodePort === 'number' && p.nodePort > 0) continue;
        const same = oldPorts.find(
          (q) => q?.port === p?.port && (q?.protocol ?? 'TCP') === (p?.protocol ?? 'TCP'),
        );
        p.nodePort =
          typeof same?.nodePort === 'number' && same.nodePort > 0 ? same.nodePort : alloc.nodePort(taken);
        taken.add(p.nodePort);
      }
    } else {
      for (const p of s.ports ?? []) if (p) delete p.nodePort;
    }
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function builtinStrategies(alloc: Allocators = randomAllocators): ResourceStrategy[] {
  const c = catalog;
  const workload = (
    info: ResourceInfo,
    defaults: (o: KubeObject) => void,
    validate: (o: KubeObject) => ReturnType<typeof v.validateDeployment>,
    extra: Partial<KindRules> = {},
  ) =>
    rules(info, {
      defaults,
      validate,
      tracksGeneration: true,
      initialStatus: () => zeroStatus(info),
      validateUpdate: v.validateSelectorImmutable,
      ...extra,
    });
  const list: KindRules[] = [
    rules(c.configmaps, {
      validate: v.validateConfigMap,
      validateUpdate: (o, old) => v.validateImmutableData(o, old, ['data', 'binaryData']),
    }),
    rules(c.endpoints, { defaults: d.defaultEndpoints }),
    rules(c.events, {
      fieldLabels: (e) => ({
        'involvedObject.kind': str(e.involvedObject?.kind),
        'involvedObject.namespace': str(e.involvedObject?.namespace),
        'involvedObject.name': str(e.involvedObject?.name),
        'involvedObject.uid': str(e.involvedObject?.uid),
        'involvedObject.apiVersion': str(e.involvedObject?.apiVersion),
        'involvedObject.resourceVersion': str(e.involvedObject?.resourceVersion),
        'involvedObject.fieldPath': str(e.involvedObject?.fieldPath),
        reason: str(e.reason),
        reportingComponent: str(e.reportingComponent),
        source: str(e.source?.component),
        type: str(e.type),
      }),
    }),
    rules(c.limitranges, { defaults: d.defaultLimitRange }),
    rules(c.namespaces, {
      validateName: nameIsDNSLabel,
      defaults: d.defaultNamespace,
      initialStatus: () => ({ phase: 'Active' }),
      prepareCreate: (ns) => {
        ns.spec = { ...(ns.spec ?? {}), finalizers: ['kubernetes'] };
      },
      // spec.finalizers only change through the finalize subresource.
      prepareUpdate: (ns, old) => {
        if (old.spec === undefined) delete ns.spec;
        else ns.spec = structuredClone(old.spec);
      },
      fieldLabels: (ns) => ({ 'status.phase': str(ns.status?.phase) }),
    }),
    rules(c.nodes, {
      defaults: d.defaultNode,
      // a node registers with its status: the node strategy keeps what the kubelet sends on create
      initialStatus: (n) => (typeof n.status === 'object' && n.status !== null ? n.status : undefined),
      fieldLabels: (n) => ({ 'spec.unschedulable': String(n.spec?.unschedulable === true) }),
    }),
    rules(c.persistentvolumeclaims, {
      defaults: d.defaultPVC,
      admitCreate: admitClaimStorageClass,
      initialStatus: () => ({ phase: 'Pending' }),
      prepareCreate: (pvc) => addFinalizer(pvc, pvcProtectionFinalizer),
    }),
    rules(c.persistentvolumes, {
      defaults: d.defaultPV,
      initialStatus: initialVolumeStatus,
      prepareCreate: (pv) => addFinalizer(pv, pvProtectionFinalizer),
    }),
    rules(c.pods, {
      defaults: defaultPod,
      tracksGeneration: true,
      initialStatus: (pod) => ({ phase: 'Pending', qosClass: podQOS(pod) }),
      validate: v.validatePod,
      validateUpdate: v.validatePodUpdate,
      fieldLabels: (p) => ({
        'spec.nodeName': str(p.spec?.nodeName),
        'spec.restartPolicy': str(p.spec?.restartPolicy),
        'spec.schedulerName': str(p.spec?.schedulerName),
        'spec.serviceAccountName': str(p.spec?.serviceAccountName),
        'spec.hostNetwork': String(p.spec?.hostNetwork === true),
        'status.phase': str(p.status?.phase),
        'status.podIP': str(p.status?.podIPs?.[0]?.ip ?? p.status?.podIP),
        'status.nominatedNodeName': str(p.status?.nominatedNodeName),
      }),
    }),
    rules(c.podtemplates, { defaults: d.defaultPodTemplate }),
    rules(c.replicationcontrollers, {
      defaults: d.defaultReplicationController,
      validate: v.validateReplicationController,
      tracksGeneration: true,
      initialStatus: () => goZeroValue('core.ReplicationControllerStatus'),
      fieldLabels: (rc) => ({ 'status.replicas': String(rc.status?.replicas ?? 0) }),
    }),
    rules(c.resourcequotas, { initialStatus: () => goZeroValue('core.ResourceQuotaStatus') }),
    rules(c.secrets, {
      defaults: d.defaultSecret,
      validate: v.validateSecret,
      validateUpdate: v.validateSecretUpdate,
      fieldLabels: (s) => ({ type: str(s.type) }),
    }),
    rules(c.serviceaccounts, {}),
    rules(c.services, {
      validateName: nameIsDNS1035Label,
      defaults: d.defaultService,
      initialStatus: () => ({ loadBalancer: {} }),
      prepareCreate: prepareServiceCreate(alloc),
      prepareUpdate: prepareServiceUpdate(alloc),
      validate: v.validateService,
      validateUpdate: v.validateServiceUpdate,
      fieldLabels: (s) => ({ 'spec.clusterIP': str(s.spec?.clusterIP), 'spec.type': str(s.spec?.type) }),
    }),
    rules(c.controllerrevisions, {}),
    workload(c.daemonsets, d.defaultDaemonSet, v.validateDaemonSet),
    workload(c.deployments, d.defaultDeployment, v.validateDeployment),
    workload(c.replicasets, d.defaultReplicaSet, v.validateReplicaSet, {
      fieldLabels: (rs) => ({ 'status.replicas': String(rs.status?.replicas ?? 0) }),
    }),
    workload(c.statefulsets, d.defaultStatefulSet, v.validateStatefulSet, {
      validateUpdate: (o, old) => [
        ...v.validateSelectorImmutable(o, old),
        ...v.validateStatefulSetUpdate(o, old),
      ],
    }),
    rules(c.horizontalpodautoscalersV2, {
      defaults: d.defaultHPAv2,
      tracksGeneration: true,
      initialStatus: () => goZeroValue('autoscalingv2.HorizontalPodAutoscalerStatus'),
    }),
    rules(c.horizontalpodautoscalersV1, {
      defaults: d.defaultHPAv1,
      tracksGeneration: true,
      initialStatus: () => goZeroValue('autoscalingv1.HorizontalPodAutoscalerStatus'),
    }),
    rules(c.cronjobs, {
      defaults: d.defaultCronJob,
      validate: v.validateCronJob,
      tracksGeneration: true,
      initialStatus: () => goZeroValue('batch.CronJobStatus'),
    }),
    rules(c.jobs, {
      defaults: d.defaultJob,
      tracksGeneration: true,
      initialStatus: () => goZeroValue('batch.JobStatus'),
      prepareCreate: (job) => {
        if (job.metadata?.uid) finishJobCreate(job);
      },
      validate: (job) => {
        // Upstream generates the selector during create validation, once the uid is assigned.
        if (job.metadata?.uid && job.spec?.manualSelector !== true && !job.spec?.selector)
          finishJobCreate(job);
        return v.validateJob(job);
      },
      validateUpdate: v.validateJobUpdate,
      fieldLabels: (j) => ({ 'status.successful': String(j.status?.succeeded ?? 0) }),
    }),
    rules(c.leases, {}),
    rules(c.endpointslices, { defaults: d.defaultEndpointSlice, tracksGeneration: true }),
    rules(c.eventsV1, {}),
    rules(c.ingressclasses, { defaults: d.defaultIngressClass, tracksGeneration: true }),
    rules(c.ingresses, {
      tracksGeneration: true,
      initialStatus: () => goZeroValue('networking.IngressStatus'),
    }),
    rules(c.networkpolicies, { defaults: d.defaultNetworkPolicy, tracksGeneration: true }),
    rules(c.poddisruptionbudgets, {
      tracksGeneration: true,
      initialStatus: () => goZeroValue('policy.PodDisruptionBudgetStatus'),
    }),
    rules(c.clusterrolebindings, { validateName: nameIsPathSegment, defaults: d.defaultRoleBinding }),
    rules(c.clusterroles, { validateName: nameIsPathSegment }),
    rules(c.rolebindings, { validateName: nameIsPathSegment, defaults: d.defaultRoleBinding }),
    rules(c.roles, { validateName: nameIsPathSegment }),
    rules(c.storageclasses, { defaults: d.defaultStorageClass }),
    rules(c.customresourcedefinitions, {
      defaults: d.defaultCRD,
      tracksGeneration: true,
      validate: v.validateCRD,
      validateUpdate: v.validateCRDUpdate,
    }),
  ];
  const strategies = list.map((r) => buildStrategy(withQuantities(r)));
  // Pods that finished carry row conditions; expose them for the server's Table rows.
  return strategies;
}

/** Upstream's PrepareForCreate resets a workload's status to the zero value of its Go type. */
function zeroStatus(info: ResourceInfo): Record<string, unknown> {
  return goZeroValue(`apps.${info.kind}Status`);
}

/** generateSelector plus the labels a Job shows once read back (SetDefaults_Job copies template labels). */
function finishJobCreate(job: KubeObject): void {
  v.generateJobSelector(job);
  const meta: Obj = (job.metadata ??= {});
  const labels = job.spec?.template?.metadata?.labels;
  if ((!meta.labels || Object.keys(meta.labels).length === 0) && labels) meta.labels = { ...labels };
}

export { podRowConditions };
