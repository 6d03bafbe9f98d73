// Pod specs and pod templates as upstream validates them (pkg/apis/core/validation): the
// checks a hand-written manifest most often trips over, with upstream's paths and messages.
import {
  child,
  duplicate,
  forbidden,
  index,
  invalid,
  notFound,
  notSupported,
  required,
} from '../field-errors.ts';
import type { FieldError } from '../types.ts';
import { isRecord, str, validateAnnotations, validateLabels } from './meta.ts';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum } from './names.ts';

const restartPolicies = ['Always', 'OnFailure', 'Never'];
const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const pullPolicies = ['Always', 'IfNotPresent', 'Never'];
const terminationMessagePolicies = ['File', 'FallbackToLogsOnError'];
const protocols = ['SCTP', 'TCP', 'UDP'];

export function validatePodTemplateSpec(template: unknown, path: string): FieldError[] {
  if (!isRecord(template)) return [required(path, '')];
  const meta = isRecord(template.metadata) ? template.metadata : {};
  return [
    ...validateLabels(meta.labels, child(path, 'metadata', 'labels')),
    ...validateAnnotations(meta.annotations, child(path, 'metadata', 'annotations')),
    ...validatePodSpec(template.spec, child(path, 'spec')),
  ];
}

export function validatePodSpec(spec: unknown, path: string): FieldError[] {
  const s = isRecord(spec) ? spec : {};
  const errs: FieldError[] = [];
  const volumeNames = validateVolumes(s.volumes, child(path, 'volumes'), errs);
  const containers = Array.isArray(s.containers) ? s.containers : [];
  const containerNames = new Set<string>();
  if (containers.length === 0) errs.push(required(child(path, 'containers'), ''));
  validateContainers(containers, child(path, 'containers'), volumeNames, containerNames, errs);
  if (Array.isArray(s.initContainers)) {
    validateContainers(s.initContainers, child(path, 'initContainers'), volumeNames, containerNames, errs);
  }
  const restart = s.restartPolicy;
  if (restart === undefined || restart === '') errs.push(required(child(path, 'restartPolicy'), ''));
  else if (!restartPolicies.includes(restart))
    errs.push(notSupported(child(path, 'restartPolicy'), restart, restartPolicies));
  const dns = s.dnsPolicy;
  if (dns === undefined || dns === '') errs.push(required(child(path, 'dnsPolicy'), ''));
  else if (!dnsPolicies.includes(dns)) errs.push(notSupported(child(path, 'dnsPolicy'), dns, dnsPolicies));
  if (
    typeof s.activeDeadlineSeconds === 'number' &&
    (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > 2147483647)
  ) {
    errs.push(
      invalid(
        child(path, 'activeDeadlineSeconds'),
        s.activeDeadlineSeconds,
        'must be between 1 and 2147483647, inclusive',
      ),
    );
  }
  if (typeof s.terminationGracePeriodSeconds === 'number' && s.terminationGracePeriodSeconds < 0) {
    errs.push(
      invalid(
        child(path, 'terminationGracePeriodSeconds'),
        s.terminationGracePeriodSeconds,
        'must be greater than or equal to 0',
      ),
    );
  }
  const sa = str(s.serviceAccountName);
  if (sa !== '')
    for (const m of isDNS1123Subdomain(sa)) errs.push(invalid(child(path, 'serviceAccountName'), sa, m));
  const node = str(s.nodeName);
  if (node !== '')
    for (const m of isDNS1123Subdomain(node)) errs.push(invalid(child(path, 'nodeName'), node, m));
  if (isRecord(s.nodeSelector)) errs.push(...validateLabels(s.nodeSelector, child(path, 'nodeSelector')));
  return errs;
}

function validateVolumes(volumes: unknown, path: string, errs: FieldError[]): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(volumes)) return names;
  volumes.forEach((v: Record<string, any>, i) => {
    const p = index(path, i);
    const name = str(v?.name);
    if (name === '') errs.push(required(child(p, 'name'), ''));
    else {
      for (const m of isDNS1123Label(name)) errs.push(invalid(child(p, 'name'), name, m));
      if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      names.add(name);
    }
  });
  return names;
}

function validateContainers(
  containers: unknown[],
  path: string,
  volumeNames: Set<string>,
  seen: Set<string>,
  errs: FieldError[],
): void {
  containers.forEach((raw, i) => {
    const c = isRecord(raw) ? raw : {};
    const p = index(path, i);
    const name = str(c.name);
    if (name === '') errs.push(required(child(p, 'name'), ''));
    else {
      for (const m of isDNS1123Label(name)) errs.push(invalid(child(p, 'name'), name, m));
      if (seen.has(name)) errs.push(duplicate(child(p, 'name'), name));
      seen.add(name);
    }
    const image = str(c.image);
    if (image === '') errs.push(required(child(p, 'image'), ''));
    validatePorts(c.ports, child(p, 'ports'), errs);
    validateVolumeMounts(c.volumeMounts, child(p, 'volumeMounts'), volumeNames, errs);
    validateEnv(c.env, child(p, 'env'), errs);
    const tmp = c.terminationMessagePolicy;
    if (tmp === undefined || tmp === '') errs.push(required(child(p, 'terminationMessagePolicy'), ''));
    else if (!terminationMessagePolicies.includes(tmp)) {
      errs.push(notSupported(child(p, 'terminationMessagePolicy'), tmp, terminationMessagePolicies));
    }
    const pull = c.imagePullPolicy;
    if (pull === undefined || pull === '') errs.push(required(child(p, 'imagePullPolicy'), ''));
    else if (!pullPolicies.includes(pull))
      errs.push(notSupported(child(p, 'imagePullPolicy'), pull, pullPolicies));
  });
}

function validatePorts(ports: unknown, path: string, errs: FieldError[]): void {
  if (!Array.isArray(ports)) return;
  const names = new Set<string>();
  ports.forEach((raw, i) => {
    const port = isRecord(raw) ? raw : {};
    const p = index(path, i);
    const name = str(port.name);
    if (name !== '') {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const m of msgs) errs.push(invalid(child(p, 'name'), name, m));
      else if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const cp = port.containerPort;
    if (cp === undefined || cp === 0) errs.push(required(child(p, 'containerPort'), ''));
    else for (const m of isValidPortNum(cp)) errs.push(invalid(child(p, 'containerPort'), cp, m));
    if (port.hostPort !== undefined && port.hostPort !== 0) {
      for (const m of isValidPortNum(port.hostPort))
        errs.push(invalid(child(p, 'hostPort'), port.hostPort, m));
    }
    const proto = port.protocol;
    if (proto === undefined || proto === '') errs.push(required(child(p, 'protocol'), ''));
    else if (!protocols.includes(proto)) errs.push(notSupported(child(p, 'protocol'), proto, protocols));
  });
}

function validateVolumeMounts(
  mounts: unknown,
  path: string,
  volumeNames: Set<string>,
  errs: FieldError[],
): void {
  if (!Array.isArray(mounts)) return;
  const paths = new Set<string>();
  mounts.forEach((raw, i) => {
    const m = isRecord(raw) ? raw : {};
    const p = index(path, i);
    const name = str(m.name);
    if (name === '') errs.push(required(child(p, 'name'), ''));
    else if (!volumeNames.has(name)) errs.push(notFound(child(p, 'name'), name));
    const mountPath = str(m.mountPath);
    if (mountPath === '') errs.push(required(child(p, 'mountPath'), ''));
    else if (paths.has(mountPath)) errs.push(invalid(child(p, 'mountPath'), mountPath, 'must be unique'));
    paths.add(mountPath);
    if (str(m.subPath).startsWith('/'))
      errs.push(invalid(child(p, 'subPath'), m.subPath, 'must be a relative path'));
  });
}

function validateEnv(env: unknown, path: string, errs: FieldError[]): void {
  if (!Array.isArray(env)) return;
  env.forEach((raw, i) => {
    const e = isRecord(raw) ? raw : {};
    const p = index(path, i);
    const name = str(e.name);
    if (name === '') errs.push(required(child(p, 'name'), ''));
    // RelaxedEnvironmentVariableValidation (on by default since 1.34): printable ASCII without '='.
    else if (!/^[\x20-\x3c\x3e-\x7e]+$/.test(name)) {
      errs.push(
        invalid(
          child(p, 'name'),
          name,
          "a valid environment variable name must consist only of printable ASCII characters other than '='",
        ),
      );
    }
    if (e.valueFrom !== undefined && str(e.value) !== '') {
      errs.push(invalid(child(p, 'valueFrom'), '', 'may not be specified when `value` is not empty'));
    }
  });
}

/** ReplicaSet/Deployment/DaemonSet/StatefulSet templates must restart Always and may not set activeDeadlineSeconds. */
export function validateControllerTemplate(
  template: Record<string, any> | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const spec = isRecord(template?.spec) ? template.spec : {};
  if (spec.restartPolicy !== 'Always') {
    errs.push(notSupported(child(path, 'spec', 'restartPolicy'), spec.restartPolicy ?? '', ['Always']));
  }
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    errs.push(
      forbidden(
        child(path, 'spec', 'activeDeadlineSeconds'),
        'activeDeadlineSeconds in ReplicaSet is not Supported',
      ),
    );
  }
  return errs;
}
