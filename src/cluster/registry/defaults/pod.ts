// Upstream's SetDefaults_* for pod specs (pkg/apis/core/v1/defaults.go): applied to Pods and to
// every pod template (Deployments, Jobs, ...), as the generated defaulters do.
import type { KubeObject } from '../types.ts';

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function setIfMissing(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
}

/** SetDefaults_PodSpec plus the nested container, volume and probe defaults. */
export function defaultPodSpec(spec: Obj): void {
  setIfMissing(spec, 'dnsPolicy', 'ClusterFirst');
  setIfMissing(spec, 'restartPolicy', 'Always');
  if (!isObj(spec.securityContext)) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = 30;
  }
  setIfMissing(spec, 'schedulerName', 'default-scheduler');
  // SetDefaults_Container and SetDefaults_EphemeralContainer reach every container list of a PodSpec.
  for (const key of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    if (Array.isArray(spec[key])) for (const c of spec[key]) if (isObj(c)) defaultContainer(c);
  }
  if (Array.isArray(spec.volumes)) for (const v of spec.volumes) if (isObj(v)) defaultVolume(v);
}

/** SetDefaults_Container: pull policy from the image tag, termination message, ports, probes, env. */
export function defaultContainer(c: Obj): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === '') {
    c.imagePullPolicy = pullPolicyFor(String(c.image ?? ''));
  }
  // ResourceRequirements is a struct, not a pointer: Go always serializes it, as `{}` when empty.
  if (!isObj(c.resources)) c.resources = {};
  setIfMissing(c, 'terminationMessagePath', '/dev/termination-log');
  setIfMissing(c, 'terminationMessagePolicy', 'File');
  if (Array.isArray(c.ports)) {
    for (const p of c.ports) {
      if (!isObj(p)) continue;
      setIfMissing(p, 'protocol', 'TCP');
    }
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    if (isObj(c[probe])) defaultProbe(c[probe]);
  }
  if (isObj(c.lifecycle)) {
    for (const hook of ['postStart', 'preStop'] as const) {
      const h = c.lifecycle[hook];
      if (isObj(h) && isObj(h.httpGet)) defaultHTTPGet(h.httpGet);
    }
  }
  if (Array.isArray(c.env)) {
    for (const e of c.env) {
      const fieldRef = e?.valueFrom?.fieldRef;
      if (isObj(fieldRef)) setIfMissing(fieldRef, 'apiVersion', 'v1');
    }
  }
}

/** The tag of an image reference; `latest` when none (digest references have no tag). */
function imageTag(image: string): string {
  if (image.includes('@')) return '';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon === -1 ? 'latest' : image.slice(colon + 1);
}

function defaultProbe(p: Obj): void {
  if (p.timeoutSeconds === undefined || p.timeoutSeconds === 0) p.timeoutSeconds = 1;
  if (p.periodSeconds === undefined || p.periodSeconds === 0) p.periodSeconds = 10;
  if (p.successThreshold === undefined || p.successThreshold === 0) p.successThreshold = 1;
  if (p.failureThreshold === undefined || p.failureThreshold === 0) p.failureThreshold = 3;
  if (isObj(p.httpGet)) defaultHTTPGet(p.httpGet);
  if (isObj(p.grpc) && p.grpc.service === undefined) p.grpc.service = '';
}

function defaultHTTPGet(h: Obj): void {
  setIfMissing(h, 'path', '/');
  setIfMissing(h, 'scheme', 'HTTP');
}

const volumeSources = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
];

/** The image reference's pull policy as SetDefaults_Container / SetDefaults_Volume choose it. */
function pullPolicyFor(image: string): string {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

/**
 * The source-level defaults volumes and PersistentVolumes share (core/v1 zz_generated.defaults.go:
 * SetDefaults_HostPathVolumeSource, the declarative ISCSI/RBD defaults, SetDefaults_AzureDiskVolumeSource,
 * SetDefaults_ScaleIO[Persistent]VolumeSource).
 */
export function defaultVolumeSource(v: Obj): void {
  if (isObj(v.hostPath) && (v.hostPath.type === undefined || v.hostPath.type === null)) v.hostPath.type = '';
  if (isObj(v.iscsi)) setIfMissing(v.iscsi, 'iscsiInterface', 'default');
  if (isObj(v.rbd)) {
    setIfMissing(v.rbd, 'pool', 'rbd');
    setIfMissing(v.rbd, 'user', 'admin');
    setIfMissing(v.rbd, 'keyring', '/etc/ceph/keyring');
  }
  if (isObj(v.azureDisk)) {
    const d = v.azureDisk;
    if (d.cachingMode === undefined || d.cachingMode === null) d.cachingMode = 'ReadWrite';
    if (d.kind === undefined || d.kind === null) d.kind = 'Shared';
    if (d.fsType === undefined || d.fsType === null) d.fsType = 'ext4';
    if (d.readOnly === undefined || d.readOnly === null) d.readOnly = false;
  }
  if (isObj(v.scaleIO)) {
    setIfMissing(v.scaleIO, 'storageMode', 'ThinProvisioned');
    setIfMissing(v.scaleIO, 'fsType', 'xfs');
  }
}

function defaultVolume(v: Obj): void {
  // SetDefaults_Volume: a volume without a source is an emptyDir.
  if (!volumeSources.some((k) => v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
  // ImageVolume (beta, on by default in 1.35): the pull policy follows the tag as for containers.
  if (isObj(v.image) && (v.image.pullPolicy === undefined || v.image.pullPolicy === ''))
    v.image.pullPolicy = pullPolicyFor(String(v.image.reference ?? ''));
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected'] as const) {
    if (isObj(v[k]) && (v[k].defaultMode === undefined || v[k].defaultMode === null)) v[k].defaultMode = 420;
  }
  defaultVolumeSource(v);
  if (isObj(v.downwardAPI) && Array.isArray(v.downwardAPI.items)) {
    for (const item of v.downwardAPI.items)
      if (isObj(item?.fieldRef)) setIfMissing(item.fieldRef, 'apiVersion', 'v1');
  }
  if (isObj(v.projected) && Array.isArray(v.projected.sources)) {
    for (const src of v.projected.sources) {
      const items = src?.downwardAPI?.items;
      if (Array.isArray(items))
        for (const item of items) if (isObj(item?.fieldRef)) setIfMissing(item.fieldRef, 'apiVersion', 'v1');
      if (
        isObj(src?.serviceAccountToken) &&
        (src.serviceAccountToken.expirationSeconds === undefined ||
          src.serviceAccountToken.expirationSeconds === null)
      ) {
        src.serviceAccountToken.expirationSeconds = 3600;
      }
    }
  }
  // SetDefaults_PersistentVolumeClaimSpec reaches the claim template of generic ephemeral volumes.
  const claimSpec = v.ephemeral?.volumeClaimTemplate?.spec;
  if (isObj(claimSpec)) defaultPVCSpec(claimSpec);
}

/** SetDefaults_PersistentVolumeClaimSpec. */
export function defaultPVCSpec(s: Obj): void {
  if (s.volumeMode === undefined || s.volumeMode === null) s.volumeMode = 'Filesystem';
}

/** Defaults every pod template under `spec.template` (Deployment, ReplicaSet, Job, ...). */
export function defaultTemplate(template: unknown): void {
  if (!isObj(template)) return;
  if (!isObj(template.spec)) template.spec = {};
  defaultPodSpec(template.spec);
}

/** SetDefaults_Pod: the pod-only defaults on top of the pod spec's. */
export function defaultPod(pod: KubeObject): void {
  if (!isObj(pod.spec)) pod.spec = {};
  const spec = pod.spec;
  defaultPodSpec(spec);
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null)
    spec.enableServiceLinks = true;
  // SetDefaults_Pod (pods only, not templates): with host networking every port is a host port.
  if (spec.hostNetwork === true) {
    for (const key of ['containers', 'initContainers'] as const) {
      for (const c of Array.isArray(spec[key]) ? spec[key] : []) {
        for (const p of Array.isArray(c?.ports) ? c.ports : [])
          if (isObj(p) && (p.hostPort === undefined || p.hostPort === null || p.hostPort === 0))
            p.hostPort = p.containerPort;
      }
    }
  }
  // Requests default to limits where only limits are given.
  for (const key of ['containers', 'initContainers'] as const) {
    if (!Array.isArray(spec[key])) continue;
    for (const c of spec[key]) {
      const limits = c?.resources?.limits;
      if (!isObj(limits)) continue;
      c.resources.requests = { ...limits, ...(isObj(c.resources.requests) ? c.resources.requests : {}) };
    }
  }
  // The admission plugins a default kube-apiserver runs fill these (ServiceAccount, Priority,
  // DefaultTolerationSeconds); kubectl users see them on every pod.
  setIfMissing(spec, 'serviceAccountName', 'default');
  if (spec.serviceAccount === undefined) spec.serviceAccount = spec.serviceAccountName;
  if (spec.priority === undefined) spec.priority = 0;
  setIfMissing(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  const tolerations: Obj[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  for (const taintKey of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tolerations.some(
      (t) =>
        (t.key === taintKey || (t.key === undefined && t.operator === 'Exists')) &&
        (t.effect === undefined || t.effect === '' || t.effect === 'NoExecute'),
    );
    if (!has)
      tolerations.push({ key: taintKey, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
}
