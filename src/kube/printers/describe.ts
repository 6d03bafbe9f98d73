/**
 * The building blocks of `kubectl describe` (k8s.io/kubectl/pkg/describe): a prefix writer whose
 * text is aligned by a tabwriter (minwidth 0, padding 2) in segments that `flush()` separates,
 * multi-line labels and annotations, the `Pod Template:` block, the `Events:` table, and the
 * Deployment layout. Objects are plain JSON as the API server returns them (defaults applied).
 */
import { humanDuration } from '../duration.ts';
import { formatLabelSelector } from '../selectors/index.ts';
import { podVolumeSources, writeVolumeSource } from './describe-volumes.ts';
import { alignTabs } from './tabwriter.ts';

type Obj = Record<string, any>;

/** describe's tabwriter: tabwriter.NewWriter(buf, 0, 8, 2, ' ', 0). */
const describeTabs = { minWidth: 0, padding: 2 };

export class PrefixWriter {
  private segments: string[] = [''];

  /** Text indented two spaces per level (the prefix goes before the first line only, as upstream). */
  write(level: number, text: string): void {
    this.segments[this.segments.length - 1] += '  '.repeat(level) + text;
  }

  /** fmt.Sprintln of one value: the text and a newline. */
  writeLine(text: string): void {
    this.segments[this.segments.length - 1] += `${text}\n`;
  }

  /** Ends a tabwriter block: the lines after it align on their own. */
  flush(): void {
    this.segments.push('');
  }

  /** The text as written, tabs and all. */
  raw(): string {
    return this.segments.join('');
  }

  toString(): string {
    return this.segments.map((s) => alignTabs(s, describeTabs)).join('');
  }
}

/** What the label and annotation printers need of a writer (a PrefixWriter, or a nested view of one). */
export interface LineWriter {
  write(level: number, text: string): void;
  writeLine(text: string): void;
}

/** NewNestedPrefixWriter: every write `indent` levels deeper, whole lines included. */
export function nestedWriter(w: LineWriter, indent: number): LineWriter {
  return {
    write: (level, text) => w.write(level + indent, text),
    writeLine: (text) => w.write(indent, `${text}\n`),
  };
}

/** tabbedString: the aligned text `body` writes. */
export function tabbed(body: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  body(w);
  return w.toString();
}

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortedKeys(m: Obj | undefined): string[] {
  return Object.keys(m ?? {}).sort(compareStrings);
}

/** printLabelsMultiline: `Labels:\tk=v` with later keys on their own lines under the first. */
export function printLabelsMultiline(
  w: LineWriter,
  title: string,
  labels: Obj | undefined,
  skip?: Set<string>,
): void {
  w.write(0, `${title}:\t`);
  const keys = sortedKeys(labels).filter((k) => !skip?.has(k));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    // the indent and the tab are two writes, which a nested writer prefixes each
    if (i !== 0) {
      w.write(0, '');
      w.write(0, '\t');
    }
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const maxAnnotationLength = 140;
const skippedAnnotations = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** printAnnotationsMultiline: long or multi-line values go below their key, shortened to 138 bytes. */
export function printAnnotationsMultiline(w: LineWriter, title: string, annotations: Obj | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = sortedKeys(annotations).filter((k) => !skippedAnnotations.has(k));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = String(annotations![k]).replace(/\n$/, '');
    if (Buffer.byteLength(value) + Buffer.byteLength(k) + 2 > maxAnnotationLength || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const line of value.split('\n')) w.write(0, `\t  ${shorten(line, maxAnnotationLength - 2)}\n`);
    } else w.write(0, `${k}: ${value}\n`);
  });
}

function shorten(s: string, max: number): string {
  const bytes = Buffer.from(s);
  return bytes.length > max ? `${bytes.subarray(0, max).toString()}...` : s;
}

export const orNone = (s: string) => (s === '' ? '<none>' : s);

/** Go's %v of a resource.Quantity as the API returns it (already canonical). */
const quantity = (q: unknown) => String(q);

/** IntOrString.String(). */
export const intOrString = (v: unknown) => (v === undefined || v === null ? '0' : String(v));

function portsText(ports: Obj[] | undefined, field: 'containerPort' | 'hostPort'): string {
  return (ports ?? [])
    .map((p) => {
      const s = `${p[field] ?? 0}/${p.protocol ?? ''}`;
      return p.name ? `${s} (${p.name})` : s;
    })
    .join(', ');
}

/** DescribeProbe. */
export function describeProbe(probe: Obj): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet) {
    const h = probe.httpGet;
    const scheme = String(h.scheme ?? '').toLowerCase();
    const port = h.port === undefined ? '' : String(h.port);
    const host = h.host ?? '';
    const hostPort = port ? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`) : host;
    const path = h.path ?? '';
    // url.URL.String(): scheme://host/path; without a scheme the `//host` form remains
    const url = `${scheme ? `${scheme}:` : ''}${hostPort || scheme ? `//${hostPort}` : ''}${path && !path.startsWith('/') && hostPort ? `/${path}` : path}`;
    return `http-get ${url} ${attrs}`;
  }
  if (probe.tcpSocket)
    return `tcp-socket ${probe.tcpSocket.host ?? ''}:${intOrString(probe.tcpSocket.port)} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

export function describeResources(resources: Obj | undefined, w: PrefixWriter, level: number): void {
  if (!resources) return;
  for (const [title, list] of [
    ['Limits', resources.limits],
    ['Requests', resources.requests],
  ] as const) {
    const names = sortedKeys(list);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${quantity(list[n])}\n`);
  }
}

/** EnvValueRetriever: a downward-API field of the pod, or empty when there is no pod (templates) or no such field. */
export type EnvResolver = (fieldPath: string) => string;

export function podFieldResolver(pod: Obj): EnvResolver {
  // kubectl converts the path with the Pod field-label table, then extracts only metadata
  // fields from the object; everything else (spec.nodeName, status.podIP, subscripts) is empty
  const fields: Record<string, unknown> = {
    'metadata.name': pod.metadata?.name,
    'metadata.namespace': pod.metadata?.namespace,
    'metadata.uid': pod.metadata?.uid,
  };
  return (fieldPath) => String(fields[fieldPath] ?? '');
}

function describeEnv(c: Obj, w: PrefixWriter, resolve?: EnvResolver): void {
  const env: Obj[] = c.env ?? [];
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      String(e.value ?? '')
        .split('\n')
        .forEach((s, i) => {
          w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`);
        });
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef)
      w.write(
        3,
        `${e.name}:\t${resolve ? resolve(vf.fieldRef.fieldPath) : ''} (${vf.fieldRef.apiVersion ?? ''}:${vf.fieldRef.fieldPath})\n`,
      );
    else if (vf.resourceFieldRef) {
      const resource: string = vf.resourceFieldRef.resource;
      // an unset cpu/memory limit resolves to 0, which upstream prints as the node's allocatable
      const [kind, name] = resource.split('.');
      const set = c.resources?.[kind]?.[name];
      const value =
        set === undefined && (resource === 'limits.cpu' || resource === 'limits.memory')
          ? 'node allocatable'
          : set === undefined
            ? '0'
            : String(set);
      w.write(3, `${e.name}:\t${value} (${resource})\n`);
    } else if (vf.secretKeyRef)
      w.write(
        3,
        `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name ?? ''}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`,
      );
    else if (vf.configMapKeyRef)
      w.write(
        3,
        `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name ?? ''}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`,
      );
  }
}

function describeEnvFrom(c: Obj, w: PrefixWriter): void {
  w.write(2, 'Environment Variables from:\n');
  for (const e of c.envFrom as Obj[]) {
    const ref = e.configMapRef ?? e.secretRef ?? {};
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const optional = ref.optional === true;
    if (!e.prefix) w.write(3, `${ref.name ?? ''}\t${from}\tOptional: ${optional}\n`);
    else w.write(3, `${ref.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

function describeMounts(c: Obj, w: PrefixWriter): void {
  const mounts: Obj[] = [...(c.volumeMounts ?? [])].sort((a, b) => compareStrings(a.mountPath, b.mountPath));
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices: Obj[] = [...(c.volumeDevices ?? [])].sort((a, b) =>
    compareStrings(a.devicePath, b.devicePath),
  );
  if (devices.length > 0) {
    w.write(2, `Devices:${none}\n`);
    for (const d of devices) w.write(3, `${d.devicePath} from ${d.name}\n`);
  }
}

const printBool = (v: unknown) => (v === true ? 'True' : 'False');

/** describeStatus: one container state (Running, Waiting or Terminated). */
function describeContainerStatus(title: string, state: Obj | undefined, w: PrefixWriter): void {
  if (state?.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else w.write(2, `${title}:\tWaiting\n`);
}

/**
 * describeContainers; `space` is a template's extra indent. With `statuses` (a pod's) each
 * container with a status also shows its ID, image ID, state, readiness and restarts.
 */
export function describeContainers(
  label: string,
  containers: Obj[],
  w: PrefixWriter,
  space: string,
  statuses?: Obj[],
  resolve?: EnvResolver,
): void {
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  const nameIndent = space ? ' ' : '';
  const byName = new Map<string, Obj>((statuses ?? []).map((s) => [s.name, s]));
  for (const c of containers) {
    const status = byName.get(c.name);
    w.write(1, `${nameIndent}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = portsText(c.ports, 'containerPort');
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${orNone(ports)}\n`);
    const hostPorts = portsText(c.ports, 'hostPort');
    w.write(
      2,
      hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${orNone(hostPorts)}\n`,
    );
    const seccomp = c.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(2, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost') w.write(3, `LocalhostProfile:\t${seccomp.localhostProfile}\n`);
    }
    for (const [title, list] of [
      ['Command', c.command],
      ['Args', c.args],
    ] as const) {
      if (!list || list.length === 0) continue;
      w.write(2, `${title}:\n`);
      for (const item of list as string[]) for (const s of item.split('\n')) w.write(3, `${s}\n`);
    }
    if (status) {
      describeContainerStatus('State', status.state, w);
      if (status.lastState?.terminated) describeContainerStatus('Last State', status.lastState, w);
      w.write(2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c.resources, w, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if (c.envFrom && c.envFrom.length > 0) describeEnvFrom(c, w);
    describeEnv(c, w, resolve);
    describeMounts(c, w);
  }
}

/** describeVolumes for the common volume sources; others print `<unknown>` as upstream does for unknown ones. */
export function describeVolumes(volumes: Obj[] | undefined, w: PrefixWriter, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  const nameIndent = space ? ' ' : '';
  for (const v of volumes) {
    w.write(1, `${nameIndent}${v.name}:\n`);
    if (v.hostPath)
      w.write(
        2,
        `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`,
      );
    else if (v.emptyDir) {
      const limit =
        v.emptyDir.sizeLimit && v.emptyDir.sizeLimit !== '0' ? String(v.emptyDir.sizeLimit) : '<unset>';
      w.write(
        2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${limit}\n`,
      );
    } else if (v.secret)
      w.write(
        2,
        `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`,
      );
    else if (v.configMap)
      w.write(
        2,
        `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`,
      );
    else if (v.persistentVolumeClaim)
      w.write(
        2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`,
      );
    else if (v.downwardAPI) {
      w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.write(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef) w.write(3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        if (s.secret)
          w.write(2, `SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${s.secret.optional === true}\n`);
        else if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap)
          w.write(
            2,
            `ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${s.configMap.optional === true}\n`,
          );
        else if (s.serviceAccountToken)
          w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds}\n`);
      }
    } else if (v.ephemeral) {
      w.write(
        2,
        'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n',
      );
      if (v.ephemeral.volumeClaimTemplate) describeClaimTemplate(v.ephemeral.volumeClaimTemplate, w);
    } else {
      const layout = podVolumeSources.find((s) => v[s.field] !== undefined && v[s.field] !== null);
      if (layout) writeVolumeSource(layout, v[layout.field], w);
      else w.write(1, '<unknown>\n');
    }
  }
}

/** printPersistentVolumeClaim of an ephemeral volume's claim template, nested two levels as upstream. */
function describeClaimTemplate(template: Obj, parent: PrefixWriter): void {
  const w = nestedWriter(parent, 2);
  const meta = template.metadata ?? {};
  const spec = template.spec ?? {};
  const beta = meta.annotations?.['volume.beta.kubernetes.io/storage-class'];
  w.write(0, `StorageClass:\t${beta !== undefined ? beta : (spec.storageClassName ?? '')}\n`);
  w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  // a template has no status: a bound one shows a zero capacity and no access modes
  w.write(0, `Capacity:\t${spec.volumeName ? '0' : ''}\n`);
  w.write(0, 'Access Modes:\t\n');
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(0, 'DataSource:\n');
    if (spec.dataSource.apiGroup !== undefined && spec.dataSource.apiGroup !== null)
      w.write(1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(1, `Kind:\t${spec.dataSource.kind ?? ''}\n`);
    w.write(1, `Name:\t${spec.dataSource.name ?? ''}\n`);
  }
}

export function printTolerations(w: PrefixWriter, title: string, tolerations: Obj[] | undefined): void {
  w.write(0, `${title}:\t`);
  if (!tolerations || tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => compareStrings(a.key ?? '', b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
      s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

/** describeTopologySpreadConstraints: one line per constraint, sorted by topology key. */
export function describeTopologySpreadConstraints(
  list: Obj[] | undefined,
  w: PrefixWriter,
  space: string,
): void {
  const tscs: Obj[] = [...(list ?? [])].sort((a, b) => compareStrings(a.topologyKey, b.topologyKey));
  if (tscs.length === 0) return;
  w.write(0, `${space}Topology Spread Constraints:\t`);
  tscs.forEach((t, i) => {
    if (i !== 0) w.write(0, `${space}\t`);
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(0, `${s}\n`);
  });
}

/** DescribePodTemplate. */
export function describePodTemplate(template: Obj | undefined, w: PrefixWriter): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  const meta = template.metadata ?? {};
  const spec = template.spec ?? {};
  printLabelsMultiline(w, '  Labels', meta.labels);
  if (meta.annotations && Object.keys(meta.annotations).length > 0)
    printAnnotationsMultiline(w, '  Annotations', meta.annotations);
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers && spec.initContainers.length > 0)
    describeContainers('Init Containers', spec.initContainers, w, '  ');
  describeContainers('Containers', spec.containers ?? [], w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerations(w, '  Tolerations', spec.tolerations);
}

/**
 * The pod template printed on its own (rollout history --revision, undo --dry-run): upstream
 * writes it to a plain buffer, so its tabs are left unaligned.
 */
export function podTemplateText(template: Obj | undefined): string {
  const w = new PrefixWriter();
  describePodTemplate(template, w);
  return w.raw();
}

function eventTime(e: Obj): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
  return t ? Date.parse(t) : 0;
}

export function since(timestamp: unknown, now: number): string {
  if (typeof timestamp !== 'string' || !timestamp) return '<unknown>';
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

/** DescribeEvents: `Events:\t<none>`, or the Type/Reason/Age/From/Message table in its own tabwriter block. */
export function describeEvents(events: Obj[] | undefined, w: PrefixWriter, now = Date.now()): void {
  if (!events || events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => eventTime(a) - eventTime(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval = first;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingComponent || '';
    let message = String(e.message ?? '').trim();
    if (e.involvedObject?.fieldPath) message = `${e.involvedObject.fieldPath}: ${message}`;
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${message}\n`);
  }
}

/** time.RFC1123Z in the local zone: `Mon, 02 Jan 2006 15:04:05 -0700`. */
export function rfc1123z(timestamp: string | undefined): string {
  const d = new Date(timestamp ?? 0);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${days[d.getDay()]}, ${p(d.getDate())} ${months[d.getMonth()]} ${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${sign}${p(Math.trunc(abs / 60))}${p(abs % 60)}`;
}

function replicaSetsText(sets: Obj[]): string {
  const list = sets
    .map(
      (rs) => `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`,
    )
    .join(', ');
  return list === '' ? '<none>' : list;
}

/** describeDeployment. */
export function describeDeployment(
  d: Obj,
  oldReplicaSets: Obj[],
  newReplicaSets: Obj[],
  events: Obj[] | undefined,
): string {
  const spec = d.spec ?? {};
  const status = d.status ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${d.metadata?.name}\n`);
    w.write(0, `Namespace:\t${d.metadata?.namespace}\n`);
    w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata?.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata?.annotations);
    w.write(0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    w.write(
      0,
      `Replicas:\t${spec.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
    );
    w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
    w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
    const ru = spec.strategy?.rollingUpdate;
    if (ru)
      w.write(
        0,
        `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`,
      );
    describePodTemplate(spec.template, w);
    const conditions: Obj[] = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(1, '----\t------\t------\n');
      for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (oldReplicaSets.length > 0 || newReplicaSets.length > 0) {
      w.write(0, `OldReplicaSets:\t${replicaSetsText(oldReplicaSets)}\n`);
      w.write(0, `NewReplicaSet:\t${replicaSetsText(newReplicaSets)}\n`);
    }
    if (events) describeEvents(events, w);
  });
}

/** labels.Selector.String() of a LabelSelector (empty for an empty selector, as describe prints it). */
export function labelSelectorString(selector: Obj | undefined): string {
  const s = formatLabelSelector(selector as never);
  return s === '<none>' ? '' : s;
}

/** describeConfigMap. */
export function describeConfigMap(cm: Obj, events: Obj[] | undefined): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${cm.metadata?.name}\n`);
    w.write(0, `Namespace:\t${cm.metadata?.namespace}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata?.annotations);
    w.write(0, '\nData\n====\n');
    for (const k of sortedKeys(cm.data)) {
      w.write(0, `${k}:\n----\n`);
      w.write(0, `${cm.data[k]}\n`);
      w.write(0, '\n');
    }
    w.write(0, '\nBinaryData\n====\n');
    for (const k of sortedKeys(cm.binaryData))
      w.write(0, `${k}: ${Buffer.from(String(cm.binaryData[k]), 'base64').length} bytes\n`);
    w.write(0, '\n');
    if (events) describeEvents(events, w);
  });
}

/** describeSecret: values are never printed, only their sizes (a service account token excepted). */
export function describeSecret(secret: Obj): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${secret.metadata?.name}\n`);
    w.write(0, `Namespace:\t${secret.metadata?.namespace}\n`);
    printLabelsMultiline(w, 'Labels', secret.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', secret.metadata?.annotations);
    w.write(0, `\nType:\t${secret.type ?? ''}\n`);
    w.write(0, '\nData\n====\n');
    for (const k of sortedKeys(secret.data)) {
      const bytes = Buffer.from(String(secret.data[k]), 'base64');
      if (k === 'token' && secret.type === 'kubernetes.io/service-account-token')
        w.write(0, `${k}:\t${bytes.toString()}\n`);
      else w.write(0, `${k}:\t${bytes.length} bytes\n`);
    }
  });
}

/** fatih/camelcase.Split: runs of lower, upper, digit and other characters; `HTTPServer` is `HTTP`, `Server`. */
function camelSplit(s: string): string[] {
  const classOf = (c: string) => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of s) {
    const k = classOf(c);
    if (k === last && runs.length > 0) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (classOf(runs[i][0]) === 2 && classOf(runs[i + 1][0]) === 1) {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** smartLabelFor: `creationTimestamp` is `Creation Timestamp`, `apiVersion` is `API Version`. */
export function smartLabel(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== '-')) return field;
  const acronyms = ['API', 'URL', 'UID', 'OSB', 'GUID'];
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) =>
      acronyms.includes(p.toUpperCase())
        ? p.toUpperCase()
        : p.charAt(0).toUpperCase() + p.slice(1).toLowerCase(),
    )
    .join(' ');
}

/**
 * Go's %v of a float64: the shortest digits, in exponent form (at least two exponent digits)
 * below 1e-4 and from 1e21, where JavaScript switches only below 1e-6.
 */
function goFloatText(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const [mantissa, exponent] = n.toExponential().split('e');
  const exp = Number(exponent);
  if (n !== 0 && (exp < -4 || exp >= 21))
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/** Go's %v of an unstructured scalar. */
function scalarText(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goFloatText(v);
  return String(v);
}

function printUnstructured(
  w: PrefixWriter,
  level: number,
  content: Obj,
  prefix: string,
  skip: Set<string>,
): void {
  for (const field of sortedKeys(content)) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (skip.has(path)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      printUnstructured(w, level + 1, value, path, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child))
          printUnstructured(w, level + 1, child, path, skip);
        else w.write(level + 1, `${Array.isArray(child) ? `[${child.join(' ')}]` : scalarText(child)}\n`);
      }
    } else w.write(level, `${smartLabel(field)}:\t${scalarText(value)}\n`);
  }
}

/** The generic describer: metadata first, then every other field with readable labels. */
export function describeGeneric(obj: Obj, events: Obj[] | undefined): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
    w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
    printUnstructured(
      w,
      0,
      obj,
      '',
      new Set([
        '.metadata.managedFields',
        '.metadata.name',
        '.metadata.namespace',
        '.metadata.labels',
        '.metadata.annotations',
      ]),
    );
    if (events) describeEvents(events, w);
  });
}

/** formatEndpointSlices: ready addresses (host:port for the named port), three at most then `+ N more...`. */
export function endpointSlicesText(slices: Obj[], portName: string | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const add = (text: string) => {
    if (list.length === max) more = true;
    if (!more) list.push(text);
    count++;
  };
  for (const slice of slices) {
    const endpoints: Obj[] = slice.endpoints ?? [];
    const ready = (e: Obj) =>
      e.conditions?.ready === undefined || e.conditions?.ready === null || e.conditions.ready;
    if (!slice.ports || slice.ports.length === 0) {
      for (const e of endpoints) if (ready(e)) add(e.addresses[0]);
      continue;
    }
    for (const port of slice.ports as Obj[]) {
      if (portName !== undefined && (port.name ?? '') !== portName) continue;
      for (const e of endpoints) {
        if (!ready(e)) continue;
        const addr: string = e.addresses[0];
        add(addr.includes(':') ? `[${addr}]:${port.port}` : `${addr}:${port.port}`);
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

/** describeService. */
export function describeService(svc: Obj, slices: Obj[], events: Obj[] | undefined): string {
  const spec = svc.spec ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${svc.metadata?.name}\n`);
    w.write(0, `Namespace:\t${svc.metadata?.namespace}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata?.annotations);
    const selector = sortedKeys(spec.selector)
      .map((k) => `${k}=${spec.selector[k]}`)
      .join(',');
    w.write(0, `Selector:\t${selector || '<none>'}\n`);
    w.write(0, `Type:\t${spec.type ?? ''}\n`);
    if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
    w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
    w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
    if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
    const ingress: Obj[] = svc.status?.loadBalancer?.ingress ?? [];
    if (ingress.length > 0)
      w.write(
        0,
        `LoadBalancer Ingress:\t${ingress.map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : (i.hostname ?? ''))).join(', ')}\n`,
      );
    for (const p of (spec.ports ?? []) as Obj[]) {
      const name = p.name || '<unset>';
      w.write(0, `Port:\t${name}\t${p.port}/${p.protocol}\n`);
      w.write(0, `TargetPort:\t${p.targetPort ?? 0}/${p.protocol}\n`);
      if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol}\n`);
      w.write(0, `Endpoints:\t${endpointSlicesText(slices, p.name ?? '')}\n`);
    }
    w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
    if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if (spec.loadBalancerSourceRanges?.length)
      w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    if (spec.trafficDistribution) w.write(0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
    if (events) describeEvents(events, w);
  });
}
