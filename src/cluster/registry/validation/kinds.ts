// Per-kind validation (pkg/apis/{apps,batch,core}/validation) for the kinds users write by hand,
// with upstream's paths and messages.
import {
  child,
  deepEqual,
  duplicate,
  forbidden,
  goLabelSelector,
  goStringMap,
  immutable,
  index,
  invalid,
  key,
  notSupported,
  OMIT,
  required,
} from '../field-errors.ts';
import type { FieldError, KubeObject } from '../types.ts';
import {
  isRecord,
  selectorIsEmpty,
  selectorIsValid,
  selectorMatches,
  str,
  validateLabelSelector,
  validateLabels,
} from './meta.ts';
import { isConfigMapKey, isDNS1123Label, isValidPortName, isValidPortNum } from './names.ts';
import { validateControllerTemplate, validatePodSpec, validatePodTemplateSpec } from './pod.ts';

type Obj = Record<string, any>;
const spec = (o: KubeObject): Obj => (isRecord(o.spec) ? o.spec : {});

function nonNegative(value: unknown, path: string): FieldError[] {
  return typeof value === 'number' && value < 0
    ? [invalid(path, value, 'must be greater than or equal to 0')]
    : [];
}

/** IntOrString percent/positive-int rules shared by rolling update parameters. */
function validateIntOrPercent(value: unknown, path: string): FieldError[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') {
    const m = /^(\d+)%$/.exec(value);
    if (!m)
      return [
        invalid(
          path,
          value,
          "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        ),
      ];
    if (Number(m[1]) > 100) return [invalid(path, value, 'must not be greater than 100%')];
    return [];
  }
  if (typeof value === 'number' && value < 0)
    return [invalid(path, value, 'must be greater than or equal to 0')];
  return [];
}

const isZero = (v: unknown) => v === 0 || v === '0%';

/** The selector and template rules shared by Deployments, ReplicaSets, DaemonSets and StatefulSets. */
function validateSelectorAndTemplate(s: Obj, path: string, kind: string, errs: FieldError[]): void {
  const sel = s.selector;
  if (sel === undefined || sel === null) errs.push(required(child(path, 'selector'), ''));
  else {
    errs.push(...validateLabelSelector(sel, child(path, 'selector')));
    if (selectorIsEmpty(sel))
      errs.push(
        invalid(child(path, 'selector'), goLabelSelector(sel), `empty selector is invalid for ${kind}`),
      );
  }
  if (!selectorIsValid(sel)) {
    errs.push(invalid(child(path, 'selector'), goLabelSelector(sel), 'invalid label selector'));
    return;
  }
  const templatePath = child(path, 'template');
  if (!isRecord(s.template)) {
    errs.push(required(templatePath, ''));
    return;
  }
  const labels = isRecord(s.template.metadata?.labels) ? s.template.metadata.labels : undefined;
  if (sel && !selectorIsEmpty(sel) && !selectorMatches(sel, labels)) {
    errs.push(
      invalid(
        child(templatePath, 'metadata', 'labels'),
        goStringMap(labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(s.template, templatePath));
  errs.push(...validateControllerTemplate(s.template, templatePath));
}

export function validateDeployment(d: KubeObject): FieldError[] {
  const s = spec(d);
  const errs: FieldError[] = [];
  errs.push(...nonNegative(s.replicas, 'spec.replicas'));
  validateSelectorAndTemplate(s, 'spec', 'deployment', errs);
  const strategy = isRecord(s.strategy) ? s.strategy : {};
  const types = ['Recreate', 'RollingUpdate'];
  if (!str(strategy.type)) errs.push(required('spec.strategy.type', ''));
  else if (!types.includes(strategy.type))
    errs.push(notSupported('spec.strategy.type', strategy.type, types));
  if (
    strategy.type === 'Recreate' &&
    strategy.rollingUpdate !== undefined &&
    strategy.rollingUpdate !== null
  ) {
    errs.push(
      forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"),
    );
  }
  if (strategy.type === 'RollingUpdate' && isRecord(strategy.rollingUpdate)) {
    const ru = strategy.rollingUpdate;
    errs.push(...validateIntOrPercent(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'));
    errs.push(...validateIntOrPercent(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
    if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
      errs.push(
        invalid(
          'spec.strategy.rollingUpdate.maxUnavailable',
          ru.maxUnavailable,
          'may not be 0 when `maxSurge` is 0',
        ),
      );
    }
  }
  errs.push(...nonNegative(s.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  errs.push(...nonNegative(s.minReadySeconds, 'spec.minReadySeconds'));
  if (typeof s.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(s.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (s.progressDeadlineSeconds <= (typeof s.minReadySeconds === 'number' ? s.minReadySeconds : 0)) {
      errs.push(
        invalid(
          'spec.progressDeadlineSeconds',
          s.progressDeadlineSeconds,
          'must be greater than minReadySeconds',
        ),
      );
    }
  }
  return errs;
}

export function validateSelectorImmutable(obj: KubeObject, old: KubeObject): FieldError[] {
  const sel = spec(obj).selector;
  return immutable('spec.selector', sel, spec(old).selector, goLabelSelector(sel));
}

export function validateReplicaSet(rs: KubeObject): FieldError[] {
  const s = spec(rs);
  const errs = nonNegative(s.replicas, 'spec.replicas');
  errs.push(...nonNegative(s.minReadySeconds, 'spec.minReadySeconds'));
  validateSelectorAndTemplate(s, 'spec', 'deployment', errs);
  return errs;
}

export function validateDaemonSet(ds: KubeObject): FieldError[] {
  const s = spec(ds);
  const errs: FieldError[] = [];
  validateSelectorAndTemplate(s, 'spec', 'daemonset', errs);
  const us = isRecord(s.updateStrategy) ? s.updateStrategy : {};
  const types = ['OnDelete', 'RollingUpdate'];
  if (!str(us.type)) errs.push(required('spec.updateStrategy.type', ''));
  else if (!types.includes(us.type)) errs.push(notSupported('spec.updateStrategy.type', us.type, types));
  if (us.type === 'RollingUpdate' && isRecord(us.rollingUpdate)) {
    const ru = us.rollingUpdate;
    errs.push(...validateIntOrPercent(ru.maxUnavailable, 'spec.updateStrategy.rollingUpdate.maxUnavailable'));
    errs.push(...validateIntOrPercent(ru.maxSurge, 'spec.updateStrategy.rollingUpdate.maxSurge'));
    if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
      errs.push(
        invalid(
          'spec.updateStrategy.rollingUpdate.maxUnavailable',
          ru.maxUnavailable,
          'may not be 0 when `maxSurge` is 0',
        ),
      );
    }
  }
  errs.push(...nonNegative(s.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  errs.push(...nonNegative(s.minReadySeconds, 'spec.minReadySeconds'));
  return errs;
}

export function validateStatefulSet(sts: KubeObject): FieldError[] {
  const s = spec(sts);
  const errs: FieldError[] = [];
  const policies = ['OrderedReady', 'Parallel'];
  if (!str(s.podManagementPolicy)) errs.push(required('spec.podManagementPolicy', ''));
  else if (!policies.includes(s.podManagementPolicy)) {
    errs.push(
      invalid('spec.podManagementPolicy', s.podManagementPolicy, `must be 'OrderedReady' or 'Parallel'`),
    );
  }
  const us = isRecord(s.updateStrategy) ? s.updateStrategy : {};
  const types = ['OnDelete', 'RollingUpdate'];
  if (!str(us.type)) errs.push(required('spec.updateStrategy', ''));
  else if (!types.includes(us.type)) {
    errs.push(invalid('spec.updateStrategy', us.type, `must be 'RollingUpdate' or 'OnDelete'`));
  }
  if (us.type === 'OnDelete' && us.rollingUpdate !== undefined && us.rollingUpdate !== null) {
    errs.push(
      invalid('spec.updateStrategy.rollingUpdate', OMIT, "only allowed for updateStrategy 'RollingUpdate'"),
    );
  }
  if (isRecord(us.rollingUpdate))
    errs.push(...nonNegative(us.rollingUpdate.partition, 'spec.updateStrategy.rollingUpdate.partition'));
  errs.push(...nonNegative(s.replicas, 'spec.replicas'));
  errs.push(...nonNegative(s.minReadySeconds, 'spec.minReadySeconds'));
  // As upstream, each volumeClaimTemplates entry counts as a pod volume (a PVC source) when the
  // template is validated, so volumeMounts may name it.
  validateSelectorAndTemplate(
    { ...s, template: withClaimVolumes(s.template, s.volumeClaimTemplates) },
    'spec',
    'statefulset',
    errs,
  );
  return errs;
}

function withClaimVolumes(template: unknown, claims: unknown): unknown {
  if (!isRecord(template) || !Array.isArray(claims) || claims.length === 0) return template;
  const podSpec = isRecord(template.spec) ? template.spec : {};
  const volumes = Array.isArray(podSpec.volumes) ? podSpec.volumes : [];
  const claimVolumes = claims.map((c: Obj) => {
    const name = isRecord(c) && isRecord(c.metadata) ? c.metadata.name : undefined;
    return { name, persistentVolumeClaim: { claimName: name } };
  });
  return { ...template, spec: { ...podSpec, volumes: [...volumes, ...claimVolumes] } };
}

export function validateStatefulSetUpdate(sts: KubeObject, old: KubeObject): FieldError[] {
  // Only these spec fields may change; upstream compares the rest as a whole.
  const mutable = [
    'replicas',
    'ordinals',
    'template',
    'updateStrategy',
    'persistentVolumeClaimRetentionPolicy',
    'minReadySeconds',
  ];
  const rest = (o: KubeObject) =>
    Object.fromEntries(Object.entries(spec(o)).filter(([k]) => !mutable.includes(k)));
  if (deepEqual(rest(sts), rest(old))) return [];
  return [
    forbidden(
      'spec',
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}

export function validateReplicationController(rc: KubeObject): FieldError[] {
  const s = spec(rc);
  const errs = nonNegative(s.replicas, 'spec.replicas');
  const selector = isRecord(s.selector) ? s.selector : {};
  if (Object.keys(selector).length === 0) errs.push(required('spec.selector', ''));
  errs.push(...validateLabels(selector, 'spec.selector'));
  if (!isRecord(s.template)) errs.push(required('spec.template', ''));
  else {
    const labels = isRecord(s.template.metadata?.labels) ? s.template.metadata.labels : {};
    if (Object.keys(selector).length > 0 && !Object.entries(selector).every(([k, v]) => labels[k] === v)) {
      errs.push(
        invalid(
          'spec.template.metadata.labels',
          goStringMap(labels),
          '`selector` does not match template `labels`',
        ),
      );
    }
    errs.push(...validatePodTemplateSpec(s.template, 'spec.template'));
    errs.push(...validateControllerTemplate(s.template, 'spec.template'));
  }
  return errs;
}

export function validatePod(pod: KubeObject): FieldError[] {
  return validatePodSpec(pod.spec, 'spec');
}

export function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  // Pod updates may only change images, activeDeadlineSeconds, tolerations (additions) and a few
  // more; upstream reports the whole spec as forbidden otherwise.
  const mutable = (o: KubeObject) => {
    const s = structuredClone(spec(o));
    for (const list of ['containers', 'initContainers'] as const)
      for (const c of Array.isArray(s[list]) ? s[list] : []) delete c.image;
    delete s.activeDeadlineSeconds;
    delete s.tolerations;
    delete s.terminationGracePeriodSeconds;
    delete s.schedulingGates;
    return s;
  };
  if (deepEqual(mutable(pod), mutable(old))) return [];
  return [
    forbidden(
      'spec',
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    ),
  ];
}

// ---- batch -------------------------------------------------------------------------------

function validateJobSpec(s: Obj, path: string, errs: FieldError[]): void {
  errs.push(...nonNegative(s.parallelism, child(path, 'parallelism')));
  errs.push(...nonNegative(s.completions, child(path, 'completions')));
  errs.push(...nonNegative(s.backoffLimit, child(path, 'backoffLimit')));
  if (typeof s.activeDeadlineSeconds === 'number' && s.activeDeadlineSeconds <= 0) {
    errs.push(
      invalid(child(path, 'activeDeadlineSeconds'), s.activeDeadlineSeconds, 'must be greater than 0'),
    );
  }
  errs.push(...nonNegative(s.ttlSecondsAfterFinished, child(path, 'ttlSecondsAfterFinished')));
  const modes = ['NonIndexed', 'Indexed'];
  if (s.completionMode !== undefined && !modes.includes(s.completionMode)) {
    errs.push(notSupported(child(path, 'completionMode'), s.completionMode, modes));
  }
  if (s.completionMode === 'Indexed' && typeof s.completions !== 'number') {
    errs.push(required(child(path, 'completions'), `when completion mode is Indexed`));
  }
  if (s.selector !== undefined && s.selector !== null)
    errs.push(...validateLabelSelector(s.selector, child(path, 'selector')));
  const templatePath = child(path, 'template');
  if (!isRecord(s.template)) {
    errs.push(required(templatePath, ''));
    return;
  }
  const labels = isRecord(s.template.metadata?.labels) ? s.template.metadata.labels : undefined;
  if (s.selector === undefined || s.selector === null) errs.push(required(child(path, 'selector'), ''));
  else if (!selectorMatches(s.selector, labels)) {
    errs.push(
      invalid(
        child(templatePath, 'metadata', 'labels'),
        goStringMap(labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(s.template, templatePath));
  const restart = s.template.spec?.restartPolicy;
  if (restart === undefined || restart === '') {
    errs.push(required(child(templatePath, 'spec', 'restartPolicy'), 'valid values: "OnFailure", "Never"'));
  } else if (restart !== 'OnFailure' && restart !== 'Never') {
    errs.push(notSupported(child(templatePath, 'spec', 'restartPolicy'), restart, ['OnFailure', 'Never']));
  } else if (s.podFailurePolicy && restart !== 'Never') {
    errs.push(
      invalid(
        child(templatePath, 'spec', 'restartPolicy'),
        restart,
        'only "Never" is supported when podFailurePolicy is specified',
      ),
    );
  }
}

export function validateJob(job: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  validateJobSpec(spec(job), 'spec', errs);
  return errs;
}

export function validateJobUpdate(job: KubeObject, old: KubeObject): FieldError[] {
  const s = spec(job);
  const o = spec(old);
  const errs: FieldError[] = [];
  errs.push(...immutable('spec.selector', s.selector, o.selector, goLabelSelector(s.selector)));
  errs.push(...immutable('spec.completionMode', s.completionMode, o.completionMode, str(s.completionMode)));
  // The pod template is immutable except for scheduling directives of a suspended job.
  if (!deepEqual(s.template, o.template)) errs.push(invalid('spec.template', OMIT, 'field is immutable'));
  return errs;
}

/**
 * generateSelector (pkg/registry/batch/job/strategy.go): unless manualSelector, the job selects its
 * pods by its own uid, and the template carries the uid and job-name labels.
 */
export function generateJobSelector(job: KubeObject): void {
  const s = (job.spec ??= {});
  if (s.manualSelector === true) return;
  const name = str(job.metadata?.name);
  const uid = str(job.metadata?.uid);
  const template = (s.template ??= {});
  const tmeta = (template.metadata ??= {});
  const labels = (tmeta.labels ??= {});
  for (const k of ['job-name', 'batch.kubernetes.io/job-name']) if (!(k in labels)) labels[k] = name;
  for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid'])
    if (!(k in labels)) labels[k] = uid;
  const sel = (s.selector ??= {});
  const match = (sel.matchLabels ??= {});
  if (!('batch.kubernetes.io/controller-uid' in match)) match['batch.kubernetes.io/controller-uid'] = uid;
}

export function validateCronJob(cj: KubeObject): FieldError[] {
  const s = spec(cj);
  const errs: FieldError[] = [];
  if (str(s.schedule) === '') errs.push(required('spec.schedule', ''));
  else if (!validCronSchedule(s.schedule))
    errs.push(invalid('spec.schedule', s.schedule, `unparseable schedule "${s.schedule}"`));
  const policies = ['Allow', 'Forbid', 'Replace'];
  if (!str(s.concurrencyPolicy)) errs.push(required('spec.concurrencyPolicy', ''));
  else if (!policies.includes(s.concurrencyPolicy))
    errs.push(notSupported('spec.concurrencyPolicy', s.concurrencyPolicy, policies));
  errs.push(...nonNegative(s.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...nonNegative(s.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  const jobSpec = isRecord(s.jobTemplate?.spec) ? s.jobTemplate.spec : undefined;
  if (!jobSpec) errs.push(required('spec.jobTemplate.spec', ''));
  else {
    // A CronJob's job template has no selector yet: only the pod template rules apply.
    errs.push(...validatePodTemplateSpec(jobSpec.template, 'spec.jobTemplate.spec.template'));
    const restart = jobSpec.template?.spec?.restartPolicy;
    if (restart !== 'OnFailure' && restart !== 'Never') {
      errs.push(
        notSupported('spec.jobTemplate.spec.template.spec.restartPolicy', restart ?? '', [
          'OnFailure',
          'Never',
        ]),
      );
    }
  }
  return errs;
}

const cronMacros = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** Five standard cron fields (or a macro), optionally prefixed by TZ=/CRON_TZ= (which upstream rejects separately). */
function validCronSchedule(schedule: string): boolean {
  const trimmed = schedule.trim();
  if (cronMacros.has(trimmed)) return true;
  if (/^@every\s+\S+$/.test(trimmed)) return true;
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5) return false;
  return fields.every((f) => /^[\d*?,\-/A-Za-z]+$/.test(f));
}

// ---- core --------------------------------------------------------------------------------

const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

export function validateService(svc: KubeObject): FieldError[] {
  const s = spec(svc);
  const errs: FieldError[] = [];
  const type = s.type;
  if (!str(type)) errs.push(required('spec.type', ''));
  else if (!serviceTypes.includes(type)) errs.push(notSupported('spec.type', type, serviceTypes));
  const ports: Obj[] = Array.isArray(s.ports) ? s.ports : [];
  const headless = s.clusterIP === 'None';
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports', ''));
  const names = new Set<string>();
  const requireName = ports.length > 1;
  ports.forEach((p, i) => {
    const pp = index('spec.ports', i);
    const name = str(p?.name);
    if (requireName && name === '') errs.push(required(child(pp, 'name'), ''));
    else if (name !== '') {
      for (const m of isDNS1123Label(name)) errs.push(invalid(child(pp, 'name'), name, m));
      if (names.has(name)) errs.push(duplicate(child(pp, 'name'), name));
      names.add(name);
    }
    for (const m of isValidPortNum(p?.port)) errs.push(invalid(child(pp, 'port'), p?.port ?? 0, m));
    const proto = p?.protocol;
    if (!str(proto)) errs.push(required(child(pp, 'protocol'), ''));
    else if (!['SCTP', 'TCP', 'UDP'].includes(proto))
      errs.push(notSupported(child(pp, 'protocol'), proto, ['SCTP', 'TCP', 'UDP']));
    const target = p?.targetPort;
    if (typeof target === 'number')
      for (const m of isValidPortNum(target)) errs.push(invalid(child(pp, 'targetPort'), target, m));
    else if (typeof target === 'string')
      for (const m of isValidPortName(target)) errs.push(invalid(child(pp, 'targetPort'), target, m));
    if (p?.nodePort !== undefined && p.nodePort !== 0) {
      if (type === 'ClusterIP')
        errs.push(forbidden(child(pp, 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
      else
        for (const m of isValidPortNum(p.nodePort)) errs.push(invalid(child(pp, 'nodePort'), p.nodePort, m));
    }
  });
  if (s.sessionAffinity !== undefined && !['ClientIP', 'None'].includes(s.sessionAffinity)) {
    errs.push(notSupported('spec.sessionAffinity', s.sessionAffinity, ['ClientIP', 'None']));
  }
  if (type === 'ExternalName') {
    const ext = str(s.externalName);
    if (ext === '') errs.push(required('spec.externalName', ''));
  }
  errs.push(...validateLabels(s.selector, 'spec.selector'));
  return errs;
}

export function validateServiceUpdate(svc: KubeObject, old: KubeObject): FieldError[] {
  const s = spec(svc);
  const o = spec(old);
  // The primary cluster IP may only change when moving to or from ExternalName.
  if (s.type === 'ExternalName' || o.type === 'ExternalName') return [];
  const newIP = Array.isArray(s.clusterIPs) ? s.clusterIPs[0] : s.clusterIP;
  const oldIP = Array.isArray(o.clusterIPs) ? o.clusterIPs[0] : o.clusterIP;
  if (oldIP !== undefined && newIP !== oldIP)
    return [invalid('spec.clusterIPs[0]', newIP ?? '', 'may not change once set')];
  return [];
}

function validateDataKeys(data: unknown, path: string, errs: FieldError[], seen: Set<string>): void {
  if (!isRecord(data)) return;
  for (const k of Object.keys(data).sort()) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key(path, k), k, m));
    if (seen.has(k)) errs.push(duplicate(key(path, k), k));
    seen.add(k);
  }
}

export function validateConfigMap(cm: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  validateDataKeys(cm.data, 'data', errs, seen);
  validateDataKeys(cm.binaryData, 'binaryData', errs, seen);
  return errs;
}

/** ConfigMaps and Secrets marked immutable keep their data (and the flag) forever. */
export function validateImmutableData(obj: KubeObject, old: KubeObject, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields)
    if (!deepEqual(obj[f], old[f])) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  return errs;
}

const secretRequiredKeys: Record<string, string[]> = {
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

export function validateSecret(secret: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  validateDataKeys(secret.data, 'data', errs, new Set());
  const type = str(secret.type);
  const data = isRecord(secret.data) ? secret.data : {};
  for (const k of secretRequiredKeys[type] ?? []) if (!(k in data)) errs.push(required(key('data', k), ''));
  if (type === 'kubernetes.io/service-account-token') {
    const annotations = secret.metadata?.annotations ?? {};
    if (!str(annotations['kubernetes.io/service-account.name'])) {
      errs.push(required('metadata.annotations[kubernetes.io/service-account.name]', ''));
    }
  }
  if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data)) {
    errs.push(required('data[username]', ''));
    errs.push(required('data[password]', ''));
  }
  return errs;
}

export function validateSecretUpdate(secret: KubeObject, old: KubeObject): FieldError[] {
  const errs = immutable('type', secret.type ?? '', old.type ?? '', str(secret.type));
  errs.push(...validateImmutableData(secret, old, ['data']));
  return errs;
}

// ---- apiextensions -----------------------------------------------------------------------

/** The CustomResourceDefinition rules a hand-written CRD most often breaks (apiextensions validation). */
export function validateCRD(crd: KubeObject): FieldError[] {
  const s = spec(crd);
  const errs: FieldError[] = [];
  const names = isRecord(s.names) ? s.names : {};
  const group = str(s.group);
  const plural = str(names.plural);
  const name = str(crd.metadata?.name);
  if (name !== `${plural}.${group}`)
    errs.push(invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  if (group === '') errs.push(required('spec.group', ''));
  else if (!group.includes('.'))
    errs.push(invalid('spec.group', group, 'should be a domain with at least one dot'));
  if (plural === '') errs.push(required('spec.names.plural', ''));
  if (str(names.kind) === '') errs.push(required('spec.names.kind', ''));
  const scopes = ['Cluster', 'Namespaced'];
  if (str(s.scope) === '') errs.push(required('spec.scope', ''));
  else if (!scopes.includes(s.scope)) errs.push(notSupported('spec.scope', s.scope, scopes));
  const versions: Obj[] = Array.isArray(s.versions) ? s.versions : [];
  if (versions.length === 0)
    errs.push(
      invalid(
        'spec.versions',
        { goSyntax: '[]apiextensions.CustomResourceDefinitionVersion(nil)' },
        'must have exactly one version marked as storage version',
      ),
    );
  else {
    const storage = versions.filter((v) => v?.storage === true).length;
    if (storage !== 1)
      errs.push(invalid('spec.versions', OMIT, 'must have exactly one version marked as storage version'));
    const seen = new Set<string>();
    versions.forEach((v, i) => {
      const vname = str(v?.name);
      if (seen.has(vname)) errs.push(invalid(index('spec.versions', i), vname, 'must appear only once'));
      seen.add(vname);
      for (const m of isDNS1123Label(vname))
        errs.push(invalid(child(index('spec.versions', i), 'name'), vname, m));
    });
  }
  return errs;
}

export function validateCRDUpdate(crd: KubeObject, old: KubeObject): FieldError[] {
  const s = spec(crd);
  const o = spec(old);
  const errs = immutable('spec.group', s.group, o.group, str(s.group));
  errs.push(...immutable('spec.names.plural', s.names?.plural, o.names?.plural, str(s.names?.plural)));
  return errs;
}
