// Upstream's SetDefaults_* for the non-pod kinds (pkg/apis/{apps,batch,core,networking,rbac,
// autoscaling,storage,discovery}/v1/defaults.go, apiextensions-apiserver's v1/defaults.go), applied
// where the generated defaulters (zz_generated.defaults.go) reach the defaulted types.
import type { KubeObject } from '../types.ts';
import { defaultPVCSpec, defaultTemplate, defaultVolumeSource } from './pod.ts';

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const missing = (v: unknown) => v === undefined || v === null;
const spec = (o: KubeObject): Obj => {
  if (!isObj(o.spec)) o.spec = {};
  return o.spec;
};

export function defaultDeployment(d: KubeObject): void {
  const s = spec(d);
  if (missing(s.replicas)) s.replicas = 1;
  if (!isObj(s.strategy)) s.strategy = {};
  if (!s.strategy.type) s.strategy.type = 'RollingUpdate';
  if (s.strategy.type === 'RollingUpdate') {
    if (!isObj(s.strategy.rollingUpdate)) s.strategy.rollingUpdate = {};
    if (missing(s.strategy.rollingUpdate.maxUnavailable)) s.strategy.rollingUpdate.maxUnavailable = '25%';
    if (missing(s.strategy.rollingUpdate.maxSurge)) s.strategy.rollingUpdate.maxSurge = '25%';
  }
  if (missing(s.revisionHistoryLimit)) s.revisionHistoryLimit = 10;
  if (missing(s.progressDeadlineSeconds)) s.progressDeadlineSeconds = 600;
  defaultTemplate(s.template);
}

export function defaultReplicaSet(rs: KubeObject): void {
  const s = spec(rs);
  if (missing(s.replicas)) s.replicas = 1;
  defaultTemplate(s.template);
}

export function defaultReplicationController(rc: KubeObject): void {
  const s = spec(rc);
  if (missing(s.replicas)) s.replicas = 1;
  // SetDefaults_ReplicationController: selector and labels come from the template's labels.
  const labels = s.template?.metadata?.labels;
  if (isObj(labels)) {
    if (missing(s.selector) || Object.keys(s.selector).length === 0) s.selector = { ...labels };
    if (!isObj(rc.metadata)) rc.metadata = {};
    if (missing(rc.metadata.labels) || Object.keys(rc.metadata.labels).length === 0)
      rc.metadata.labels = { ...labels };
  }
  defaultTemplate(s.template);
}

export function defaultDaemonSet(ds: KubeObject): void {
  const s = spec(ds);
  if (!isObj(s.updateStrategy)) s.updateStrategy = {};
  if (!s.updateStrategy.type) s.updateStrategy.type = 'RollingUpdate';
  if (s.updateStrategy.type === 'RollingUpdate') {
    if (!isObj(s.updateStrategy.rollingUpdate)) s.updateStrategy.rollingUpdate = {};
    if (missing(s.updateStrategy.rollingUpdate.maxUnavailable))
      s.updateStrategy.rollingUpdate.maxUnavailable = 1;
    if (missing(s.updateStrategy.rollingUpdate.maxSurge)) s.updateStrategy.rollingUpdate.maxSurge = 0;
  }
  if (missing(s.revisionHistoryLimit)) s.revisionHistoryLimit = 10;
  defaultTemplate(s.template);
}

export function defaultStatefulSet(sts: KubeObject): void {
  const s = spec(sts);
  if (!s.podManagementPolicy) s.podManagementPolicy = 'OrderedReady';
  if (!isObj(s.updateStrategy)) s.updateStrategy = {};
  // Unlike Deployments, rollingUpdate is only created when the type itself was defaulted.
  if (!s.updateStrategy.type) {
    s.updateStrategy.type = 'RollingUpdate';
    if (!isObj(s.updateStrategy.rollingUpdate)) s.updateStrategy.rollingUpdate = {};
  }
  if (s.updateStrategy.type === 'RollingUpdate' && isObj(s.updateStrategy.rollingUpdate)) {
    if (missing(s.updateStrategy.rollingUpdate.partition)) s.updateStrategy.rollingUpdate.partition = 0;
    // MaxUnavailableStatefulSet (beta, on by default in 1.35) defaults maxUnavailable to 1.
    if (missing(s.updateStrategy.rollingUpdate.maxUnavailable))
      s.updateStrategy.rollingUpdate.maxUnavailable = 1;
  }
  if (!isObj(s.persistentVolumeClaimRetentionPolicy)) s.persistentVolumeClaimRetentionPolicy = {};
  if (!s.persistentVolumeClaimRetentionPolicy.whenDeleted)
    s.persistentVolumeClaimRetentionPolicy.whenDeleted = 'Retain';
  if (!s.persistentVolumeClaimRetentionPolicy.whenScaled)
    s.persistentVolumeClaimRetentionPolicy.whenScaled = 'Retain';
  if (missing(s.replicas)) s.replicas = 1;
  if (missing(s.revisionHistoryLimit)) s.revisionHistoryLimit = 10;
  if (Array.isArray(s.volumeClaimTemplates)) {
    for (const pvc of s.volumeClaimTemplates) {
      if (!isObj(pvc)) continue;
      if (!isObj(pvc.spec)) pvc.spec = {};
      defaultPVCSpec(pvc.spec);
      if (!isObj(pvc.status)) pvc.status = { phase: 'Pending' };
      else if (!pvc.status.phase) pvc.status.phase = 'Pending';
      if (pvc.apiVersion === undefined) pvc.apiVersion = 'v1';
      if (pvc.kind === undefined) pvc.kind = 'PersistentVolumeClaim';
    }
  }
  defaultTemplate(s.template);
}

export function defaultJob(job: KubeObject): void {
  const s = spec(job);
  // SetDefaults_Job: completions and parallelism both 1 when neither is set; parallelism 1 otherwise.
  if (missing(s.completions) && missing(s.parallelism)) {
    s.completions = 1;
    s.parallelism = 1;
  }
  if (missing(s.parallelism)) s.parallelism = 1;
  if (missing(s.backoffLimit)) s.backoffLimit = missing(s.backoffLimitPerIndex) ? 6 : 2147483647;
  if (!s.completionMode) s.completionMode = 'NonIndexed';
  if (missing(s.suspend)) s.suspend = false;
  if (missing(s.podReplacementPolicy))
    s.podReplacementPolicy = isObj(s.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed';
  if (missing(s.manualSelector)) s.manualSelector = false;
  // The Job's own labels come from its template's when it has none.
  const labels = s.template?.metadata?.labels;
  if (isObj(labels)) {
    if (!isObj(job.metadata)) job.metadata = {};
    if (!isObj(job.metadata.labels) || Object.keys(job.metadata.labels).length === 0)
      job.metadata.labels = { ...labels };
  }
  defaultPodFailurePolicy(s.podFailurePolicy);
  defaultTemplate(s.template);
}

/** SetDefaults_PodFailurePolicyOnPodConditionsPattern: a pattern without a status matches True. */
function defaultPodFailurePolicy(policy: unknown): void {
  if (!isObj(policy) || !Array.isArray(policy.rules)) return;
  for (const rule of policy.rules) {
    for (const pattern of Array.isArray(rule?.onPodConditions) ? rule.onPodConditions : []) {
      if (isObj(pattern) && !pattern.status) pattern.status = 'True';
    }
  }
}

export function defaultCronJob(cj: KubeObject): void {
  const s = spec(cj);
  if (!s.concurrencyPolicy) s.concurrencyPolicy = 'Allow';
  if (missing(s.suspend)) s.suspend = false;
  if (missing(s.successfulJobsHistoryLimit)) s.successfulJobsHistoryLimit = 3;
  if (missing(s.failedJobsHistoryLimit)) s.failedJobsHistoryLimit = 1;
  // SetDefaults_Job is for Job objects only: inside the job template just the nested types are
  // defaulted (pod failure policy patterns, the pod template).
  defaultPodFailurePolicy(s.jobTemplate?.spec?.podFailurePolicy);
  defaultTemplate(s.jobTemplate?.spec?.template);
}

export function defaultService(svc: KubeObject): void {
  const s = spec(svc);
  if (!s.sessionAffinity) s.sessionAffinity = 'None';
  if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig;
  if (s.sessionAffinity === 'ClientIP' && missing(s.sessionAffinityConfig?.clientIP?.timeoutSeconds)) {
    // Upstream replaces the whole config, not just the missing timeout.
    s.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (!s.type) s.type = 'ClusterIP';
  if (Array.isArray(s.ports)) {
    for (const p of s.ports) {
      if (!isObj(p)) continue;
      if (!p.protocol) p.protocol = 'TCP';
      if (missing(p.targetPort) || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
  }
  // service.ExternallyAccessible: LoadBalancer, NodePort, or ClusterIP with external IPs.
  const externallyAccessible =
    s.type === 'LoadBalancer' ||
    s.type === 'NodePort' ||
    (s.type === 'ClusterIP' && Array.isArray(s.externalIPs) && s.externalIPs.length > 0);
  if (externallyAccessible && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
  if (missing(s.internalTrafficPolicy) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(s.type))
    s.internalTrafficPolicy = 'Cluster';
  if (s.type === 'LoadBalancer') {
    if (missing(s.allocateLoadBalancerNodePorts)) s.allocateLoadBalancerNodePorts = true;
    for (const ing of Array.isArray(svc.status?.loadBalancer?.ingress) ? svc.status.loadBalancer.ingress : [])
      if (isObj(ing) && ing.ip && missing(ing.ipMode)) ing.ipMode = 'VIP';
  }
}

export function defaultNamespace(ns: KubeObject): void {
  // SetDefaults_Namespace: the immutable kubernetes.io/metadata.name label.
  if (!isObj(ns.metadata)) ns.metadata = {};
  const name = ns.metadata.name;
  if (typeof name === 'string' && name !== '') {
    ns.metadata.labels = {
      ...(isObj(ns.metadata.labels) ? ns.metadata.labels : {}),
      'kubernetes.io/metadata.name': name,
    };
  }
}

export function defaultSecret(secret: KubeObject): void {
  // stringData is write-only: decoding v1 merges it into data (its keys win) and drops it.
  if (isObj(secret.stringData)) {
    const data: Obj = isObj(secret.data) ? { ...secret.data } : {};
    for (const [key, value] of Object.entries(secret.stringData)) {
      data[key] = Buffer.from(String(value ?? ''), 'utf8').toString('base64');
    }
    secret.data = data;
  }
  delete secret.stringData;
  if (!secret.type) secret.type = 'Opaque';
}

export function defaultPVC(pvc: KubeObject): void {
  defaultPVCSpec(spec(pvc));
}

export function defaultPV(pv: KubeObject): void {
  const s = spec(pv);
  if (!s.persistentVolumeReclaimPolicy) s.persistentVolumeReclaimPolicy = 'Retain';
  if (missing(s.volumeMode)) s.volumeMode = 'Filesystem';
  defaultVolumeSource(s);
}

/** SetDefaults_NodeStatus: allocatable defaults to capacity. */
export function defaultNode(node: KubeObject): void {
  const status = node.status;
  if (isObj(status) && isObj(status.capacity) && missing(status.allocatable))
    status.allocatable = { ...status.capacity };
}

/** SetObjectDefaults_PodTemplate: the PodSpec defaults, without the pod-only ones. */
export function defaultPodTemplate(pt: KubeObject): void {
  defaultTemplate(pt.template);
}

/** SetDefaults_IngressClass: parameters without a scope are cluster-scoped. */
export function defaultIngressClass(ic: KubeObject): void {
  const params = ic.spec?.parameters;
  if (isObj(params) && missing(params.scope)) params.scope = 'Cluster';
}

export function defaultEndpoints(ep: KubeObject): void {
  for (const subset of Array.isArray(ep.subsets) ? ep.subsets : []) {
    for (const p of Array.isArray(subset?.ports) ? subset.ports : [])
      if (isObj(p) && !p.protocol) p.protocol = 'TCP';
  }
}

export function defaultEndpointSlice(es: KubeObject): void {
  for (const p of Array.isArray(es.ports) ? es.ports : []) {
    if (!isObj(p)) continue;
    if (!p.protocol) p.protocol = 'TCP';
    if (p.name === undefined) p.name = '';
  }
}

export function defaultNetworkPolicy(np: KubeObject): void {
  const s = spec(np);
  for (const dir of ['ingress', 'egress'] as const) {
    for (const rule of Array.isArray(s[dir]) ? s[dir] : []) {
      for (const p of Array.isArray(rule?.ports) ? rule.ports : [])
        if (isObj(p) && !p.protocol) p.protocol = 'TCP';
    }
  }
  // SetDefaults_NetworkPolicy: Ingress always, Egress when egress rules are given.
  if (!Array.isArray(s.policyTypes) || s.policyTypes.length === 0) {
    s.policyTypes = Array.isArray(s.egress) && s.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}

export function defaultRoleBinding(rb: KubeObject): void {
  // SetDefaults_Subject: User and Group subjects belong to the RBAC group; a ServiceAccount's
  // group is "" (omitempty: it is not written at all).
  for (const subject of Array.isArray(rb.subjects) ? rb.subjects : []) {
    if (
      !isObj(subject) ||
      (subject.apiGroup !== undefined && subject.apiGroup !== null && subject.apiGroup !== '')
    )
      continue;
    if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup = 'rbac.authorization.k8s.io';
    else delete subject.apiGroup;
  }
  if (isObj(rb.roleRef) && !rb.roleRef.apiGroup) rb.roleRef.apiGroup = 'rbac.authorization.k8s.io';
}

export function defaultHPAv2(hpa: KubeObject): void {
  const s = spec(hpa);
  if (missing(s.minReplicas)) s.minReplicas = 1;
  if (!Array.isArray(s.metrics) || s.metrics.length === 0) {
    s.metrics = [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
    ];
  }
  if (isObj(s.behavior)) {
    // SetDefaults_HorizontalPodAutoscalerBehavior: scale-up fast, scale-down after a stabilization window.
    const up = isObj(s.behavior.scaleUp) ? s.behavior.scaleUp : (s.behavior.scaleUp = {});
    if (missing(up.stabilizationWindowSeconds)) up.stabilizationWindowSeconds = 0;
    if (!up.selectPolicy) up.selectPolicy = 'Max';
    // copyHPAScalingRules keeps any non-nil policies list, even an empty one.
    if (missing(up.policies)) {
      up.policies = [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ];
    }
    const down = isObj(s.behavior.scaleDown) ? s.behavior.scaleDown : (s.behavior.scaleDown = {});
    if (!down.selectPolicy) down.selectPolicy = 'Max';
    if (missing(down.policies)) down.policies = [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  }
}

export function defaultHPAv1(hpa: KubeObject): void {
  const s = spec(hpa);
  if (missing(s.minReplicas)) s.minReplicas = 1;
}

export function defaultStorageClass(sc: KubeObject): void {
  if (!sc.reclaimPolicy) sc.reclaimPolicy = 'Delete';
  if (!sc.volumeBindingMode) sc.volumeBindingMode = 'Immediate';
}

export function defaultCRD(crd: KubeObject): void {
  const s = spec(crd);
  if (!isObj(s.conversion)) s.conversion = { strategy: 'None' };
  // SetDefaults_ServiceReference: a conversion webhook service listens on 443 unless told.
  const service = s.conversion.webhook?.clientConfig?.service;
  if (isObj(service) && missing(service.port)) service.port = 443;
  if (isObj(s.names)) {
    if (!s.names.singular && typeof s.names.kind === 'string') s.names.singular = s.names.kind.toLowerCase();
    if (!s.names.listKind && typeof s.names.kind === 'string') s.names.listKind = `${s.names.kind}List`;
  }
}

export function defaultLimitRange(lr: KubeObject): void {
  // SetDefaults_LimitRangeItem: container items take default/defaultRequest from max/limits.
  for (const item of Array.isArray(lr.spec?.limits) ? lr.spec.limits : []) {
    if (!isObj(item) || item.type !== 'Container') continue;
    if (isObj(item.max)) item.default = { ...item.max, ...(isObj(item.default) ? item.default : {}) };
    if (isObj(item.default))
      item.defaultRequest = { ...item.default, ...(isObj(item.defaultRequest) ? item.defaultRequest : {}) };
    if (isObj(item.min))
      item.defaultRequest = { ...item.min, ...(isObj(item.defaultRequest) ? item.defaultRequest : {}) };
  }
}
