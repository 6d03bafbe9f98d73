/**
 * `kubectl describe` (cmd/describe): the objects the arguments name (`TYPE NAME`, `TYPE/NAME`,
 * `TYPE` for all, `-l`, `-A`, `-f`), each through its kind's describer, separated by a blank
 * line; `TYPE PREFIX` falls back to every object whose name starts with PREFIX.
 * Every kind the server serves that upstream describes specially has its describer: workloads
 * (Pod, ReplicaSet, ReplicationController, Deployment, DaemonSet, StatefulSet, Job, CronJob, HPA),
 * services and networking (Service, Endpoints, EndpointSlice, Ingress, IngressClass,
 * NetworkPolicy), configuration (ConfigMap, Secret, ServiceAccount), storage (PersistentVolume,
 * PersistentVolumeClaim, StorageClass), policy (Namespace, ResourceQuota, LimitRange,
 * PodDisruptionBudget), RBAC (Role, ClusterRole and their bindings) and Node; other kinds
 * (Lease, Event, CRDs, custom resources, ...) get the generic one, as upstream.
 */
import { type ApiResource, ApiStatusError, resourcePath } from '../../kube/client/index.ts';
import {
  describeConfigMap,
  describeDeployment,
  describeGeneric,
  describeSecret,
  describeService,
  endpointSlicesText,
  labelSelectorString,
} from '../../kube/printers/describe.ts';
import {
  describeEndpointSlice,
  describeIngressClass,
  describeNetworkPolicy,
} from '../../kube/printers/describe-network.ts';
import {
  describeHorizontalPodAutoscaler,
  describeHorizontalPodAutoscalerV1,
  describeNode,
  type NodeLease,
} from '../../kube/printers/describe-nodes.ts';
import {
  describeLimitRange,
  describeNamespace,
  describePodDisruptionBudget,
  describeResourceQuota,
} from '../../kube/printers/describe-policy.ts';
import { describeRole, describeRoleBinding } from '../../kube/printers/describe-rbac.ts';
import { describePersistentVolume, describeStorageClass } from '../../kube/printers/describe-storage.ts';
import {
  describeCronJob,
  describeDaemonSet,
  describeEndpoints,
  describeIngress,
  describeJob,
  describePersistentVolumeClaim,
  describePod,
  describeReplicaSet,
  describeReplicationController,
  describeServiceAccount,
  describeStatefulSet,
  type PodPhaseCounts,
  podPhaseCounts,
  podsUsingClaim,
  resourceBackendText,
  serviceBackendText,
} from '../../kube/printers/describe-workloads.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { locate, readManifests, resolveResourceArgs } from './resources.ts';
import { deploymentReplicaSets } from './rollout.ts';
import { errorText, KubectlError, runCommand, type Session } from './session.ts';

type Obj = Record<string, any>;

const specs: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'show-events', type: 'bool', default: true },
  { name: 'chunk-size', type: 'int', default: 500 },
];

interface Info {
  resource: ApiResource;
  object: Obj;
}

/** searchEvents: the core/v1 Events whose involvedObject is this object (or has this uid). */
async function eventsFor(session: Session, obj: Obj, uid: string = obj.metadata?.uid): Promise<Obj[]> {
  const ns = obj.metadata?.namespace ?? '';
  // the Pod describer clears the reference's kind, so its events are matched without one
  const selector = [
    `involvedObject.name=${obj.metadata?.name}`,
    `involvedObject.namespace=${ns}`,
    ...(obj.kind === 'Pod' ? [] : [`involvedObject.kind=${obj.kind}`]),
    `involvedObject.uid=${uid}`,
  ].join(',');
  try {
    const list = await session.rest.json('GET', ns ? `/api/v1/namespaces/${ns}/events` : '/api/v1/events', {
      query: { fieldSelector: selector },
    });
    return list.items ?? [];
  } catch {
    return [];
  }
}

/** The items of a list, or undefined when the server does not serve the resource (404). */
async function itemsOrUndefined(session: Session, path: string): Promise<Obj[] | undefined> {
  try {
    const list = await session.rest.json('GET', path);
    return list.items ?? [];
  } catch (e) {
    if (e instanceof ApiStatusError && e.status.code === 404) return undefined;
    throw e;
  }
}

async function describeOne(session: Session, info: Info, showEvents: boolean): Promise<string> {
  const { resource } = info;
  const ns = info.object.metadata?.namespace;
  const name = info.object.metadata?.name;
  // describers read the object again, as upstream's do
  const obj: Obj = await session.rest.json('GET', resourcePath(resource, { namespace: ns, name }));
  obj.kind ??= resource.kind;
  if (resource.group === '' && resource.kind === 'Node') return describeNodeOf(session, obj, showEvents);
  if (resource.group === 'autoscaling' && resource.kind === 'HorizontalPodAutoscaler')
    return describeHPAOf(session, obj, showEvents);
  const events = showEvents ? await eventsFor(session, obj) : undefined;
  if (resource.group === 'apps' && resource.kind === 'Deployment') {
    let old: Obj[] = [];
    let current: Obj[] = [];
    try {
      const sets = await deploymentReplicaSets(session, obj);
      old = sets.old;
      current = sets.new ? [sets.new] : [];
    } catch {
      // upstream describes the Deployment without its ReplicaSets when they cannot be listed
    }
    return describeDeployment(obj, old, current, events);
  }
  if (resource.group === '' && resource.kind === 'ConfigMap') return describeConfigMap(obj, events);
  if (resource.group === '' && resource.kind === 'Secret') return describeSecret(obj);
  if (resource.group === '' && resource.kind === 'Service') {
    let slices: Obj[] = [];
    try {
      const list = await session.rest.json(
        'GET',
        `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`,
        {
          query: { labelSelector: `kubernetes.io/service-name=${name}` },
        },
      );
      slices = list.items ?? [];
    } catch {
      // no EndpointSlices: `<none>`, as upstream
    }
    return describeService(obj, slices, events);
  }
  const described =
    (await describeWorkload(session, resource, obj, events)) ??
    (await describeClusterKind(session, resource, obj, events));
  return described ?? describeGeneric(obj, events);
}

async function listPods(
  session: Session,
  ns: string,
  query: Record<string, string | undefined>,
): Promise<Obj[]> {
  const list = await session.rest.json('GET', `/api/v1/namespaces/${ns}/pods`, { query });
  return list.items ?? [];
}

/** getPodStatusForController: the controller's pods (by its selector) counted by phase. */
async function controllerPods(session: Session, obj: Obj): Promise<PodPhaseCounts> {
  const selector = labelSelectorString(obj.spec?.selector);
  const pods = await listPods(session, obj.metadata.namespace, { labelSelector: selector || undefined });
  return podPhaseCounts(pods, obj.metadata.uid);
}

/** An Ingress backend as upstream describes it: the Service port with its ready endpoints. */
async function ingressBackendText(session: Session, ns: string, backend: Obj): Promise<string> {
  if (backend.resource) return resourceBackendText(backend.resource);
  if (!backend.service) return '';
  const text = serviceBackendText(backend.service);
  try {
    const slices = await session.rest.json(
      'GET',
      `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`,
      {
        query: { labelSelector: `kubernetes.io/service-name=${backend.service.name}` },
      },
    );
    const svc = await session.rest.json('GET', `/api/v1/namespaces/${ns}/services/${backend.service.name}`);
    let portName = '';
    for (const p of (svc.spec?.ports ?? []) as Obj[]) {
      if (backend.service.port?.number && backend.service.port.number === p.port) portName = p.name ?? '';
      else if (backend.service.port?.name && backend.service.port.name === p.name) portName = p.name ?? '';
    }
    return `${text} (${endpointSlicesText(slices.items ?? [], portName)})`;
  } catch (e) {
    const message = e instanceof ApiStatusError ? e.status.message : String(e);
    return `${text} (<error: ${message}>)`;
  }
}

/** NodeDescriber: the node's non-terminated pods in every namespace, its Lease, and its events. */
async function describeNodeOf(session: Session, node: Obj, showEvents: boolean): Promise<string> {
  const name: string = node.metadata?.name;
  let pods: Obj[] | undefined;
  try {
    const list = await session.rest.json('GET', '/api/v1/pods', {
      query: { fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed` },
    });
    pods = list.items ?? [];
  } catch (e) {
    // a user who may see the node but not its pods gets `Pods: not authorized`
    if (!(e instanceof ApiStatusError && e.status.code === 403)) throw e;
  }
  let lease: NodeLease;
  try {
    lease = {
      lease: await session.rest.json(
        'GET',
        `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${encodeURIComponent(name)}`,
      ),
    };
  } catch (e) {
    lease = { error: e instanceof ApiStatusError ? (e.status.message ?? '') : String(e) };
  }
  // controllers record node events under the node's uid, the kubelet under its name
  const events = showEvents
    ? [...(await eventsFor(session, node)), ...(await eventsFor(session, node, name))]
    : undefined;
  return describeNode(node, pods, lease, events);
}

/** HorizontalPodAutoscalerDescriber: the autoscaling/v2 object, or v1 when v2 cannot be read. */
async function describeHPAOf(session: Session, obj: Obj, showEvents: boolean): Promise<string> {
  const path = `namespaces/${obj.metadata?.namespace}/horizontalpodautoscalers/${obj.metadata?.name}`;
  let v2: Obj | undefined;
  try {
    v2 = await session.rest.json('GET', `/apis/autoscaling/v2/${path}`);
  } catch {
    // fall back to autoscaling/v1, as upstream does
  }
  const hpa: Obj = v2 ?? (await session.rest.json('GET', `/apis/autoscaling/v1/${path}`));
  hpa.kind ??= 'HorizontalPodAutoscaler';
  const events = showEvents ? await eventsFor(session, hpa) : undefined;
  return v2 ? describeHorizontalPodAutoscaler(hpa, events) : describeHorizontalPodAutoscalerV1(hpa, events);
}

/** The describers of the workload kinds and their neighbours; undefined for other kinds. */
async function describeWorkload(
  session: Session,
  resource: ApiResource,
  obj: Obj,
  events: Obj[] | undefined,
): Promise<string | undefined> {
  const key = `${resource.group}/${resource.kind}`;
  const ns: string = obj.metadata?.namespace ?? '';
  switch (key) {
    case '/Pod':
      return describePod(obj, events);
    case '/ReplicationController': {
      const selector = sortedSelector(obj.spec?.selector);
      const pods = await listPods(session, ns, { labelSelector: selector || undefined });
      return describeReplicationController(obj, podPhaseCounts(pods, obj.metadata.uid), events);
    }
    case 'apps/ReplicaSet':
      return describeReplicaSet(obj, await controllerPods(session, obj), events);
    case 'apps/DaemonSet':
      return describeDaemonSet(obj, await controllerPods(session, obj), events);
    case 'apps/StatefulSet':
      return describeStatefulSet(obj, await controllerPods(session, obj), events);
    case 'batch/Job':
      return describeJob(obj, events);
    case 'batch/CronJob':
      return describeCronJob(obj, events);
    case '/ServiceAccount':
      return describeServiceAccount(obj, events);
    case '/Endpoints':
      return describeEndpoints(obj, events);
    case '/PersistentVolumeClaim':
      return describePersistentVolumeClaim(obj, podsUsingClaim(obj, await listPods(session, ns, {})), events);
    case 'networking.k8s.io/Ingress': {
      const texts = new Map<Obj, string>();
      const backends: Obj[] = [];
      if (obj.spec?.defaultBackend) backends.push(obj.spec.defaultBackend);
      for (const rule of (obj.spec?.rules ?? []) as Obj[])
        for (const path of (rule.http?.paths ?? []) as Obj[]) if (path.backend) backends.push(path.backend);
      for (const b of backends) texts.set(b, await ingressBackendText(session, ns, b));
      return describeIngress(obj, (b) => texts.get(b) ?? '', events);
    }
    default:
      return undefined;
  }
}

/** labels.SelectorFromSet(...).String(): `k=v` pairs sorted by key. */
function sortedSelector(set: Obj | undefined): string {
  return Object.keys(set ?? {})
    .sort()
    .map((k) => `${k}=${set![k]}`)
    .join(',');
}

/** The describers of storage, policy, RBAC and networking kinds; undefined for other kinds. */
async function describeClusterKind(
  session: Session,
  resource: ApiResource,
  obj: Obj,
  events: Obj[] | undefined,
): Promise<string | undefined> {
  const name: string = obj.metadata?.name;
  switch (`${resource.group}/${resource.kind}`) {
    case '/Namespace':
      return describeNamespace(
        obj,
        await itemsOrUndefined(session, `/api/v1/namespaces/${name}/resourcequotas`),
        await itemsOrUndefined(session, `/api/v1/namespaces/${name}/limitranges`),
      );
    case '/ResourceQuota':
      return describeResourceQuota(obj);
    case '/LimitRange':
      return describeLimitRange(obj);
    case '/PersistentVolume':
      return describePersistentVolume(obj, events);
    case 'storage.k8s.io/StorageClass':
      return describeStorageClass(obj, events);
    case 'policy/PodDisruptionBudget':
      return describePodDisruptionBudget(obj, events);
    case 'rbac.authorization.k8s.io/Role':
    case 'rbac.authorization.k8s.io/ClusterRole':
      return describeRole(obj);
    case 'rbac.authorization.k8s.io/RoleBinding':
    case 'rbac.authorization.k8s.io/ClusterRoleBinding':
      return describeRoleBinding(obj);
    case 'discovery.k8s.io/EndpointSlice':
      return describeEndpointSlice(obj, events);
    case 'networking.k8s.io/IngressClass':
      return describeIngressClass(obj, events);
    case 'networking.k8s.io/NetworkPolicy':
      return describeNetworkPolicy(obj);
    default:
      return undefined;
  }
}

async function listInfos(session: Session, resource: ApiResource, flags: Flags): Promise<Info[]> {
  const ns = resource.namespaced && !flags.bool('all-namespaces') ? session.namespace : undefined;
  const list = await session.rest.json('GET', resourcePath(resource, { namespace: ns }), {
    query: { labelSelector: flags.str('selector') || undefined },
  });
  return (list.items ?? []).map((object: Obj) => ({ resource, object }));
}

async function describe(flags: Flags, session: () => Session): Promise<number> {
  const s = session();
  const infos: Info[] = [];
  const errors: string[] = [];
  const files = flags.list('filename');
  if (files.length === 0 && flags.args.length === 0)
    throw new KubectlError(
      `error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.`,
    );
  if (files.length > 0) {
    for (const m of readManifests(files, flags.bool('recursive'))) {
      const { resource, namespace, name } = await locate(s, m, true);
      infos.push({ resource, object: { metadata: { name, namespace } } });
    }
  } else {
    const { targets } = await resolveResourceArgs(s, flags.args);
    for (const t of targets) {
      if (t.name === undefined) {
        infos.push(...(await listInfos(s, t.resource, flags)));
        continue;
      }
      const ns = t.resource.namespaced ? s.namespace : undefined;
      try {
        const object = await s.rest.json('GET', resourcePath(t.resource, { namespace: ns, name: t.name }));
        infos.push({ resource: t.resource, object });
      } catch (e) {
        if (!(e instanceof ApiStatusError && e.status.code === 404)) throw e;
        // `describe TYPE PREFIX`: every object whose name starts with the prefix
        if (flags.args.length === 2 && !flags.args[0].includes('/')) {
          const matching = (await listInfos(s, t.resource, flags)).filter((i) =>
            String(i.object.metadata?.name).startsWith(t.name!),
          );
          if (matching.length > 0) {
            for (const info of matching)
              process.stdout.write(`${await describeOne(s, info, flags.bool('show-events'))}\n`);
            return 0;
          }
        }
        errors.push(errorText(e));
      }
    }
  }
  let first = true;
  for (const info of infos) {
    const text = await describeOne(s, info, flags.bool('show-events'));
    process.stdout.write(first ? text : `\n\n${text}`);
    first = false;
  }
  if (infos.length === 0 && errors.length === 0) {
    if (flags.bool('all-namespaces')) process.stderr.write('No resources found\n');
    else process.stderr.write(`No resources found in ${s.namespace} namespace.\n`);
  }
  if (errors.length > 0) throw new KubectlError(errors.join('\n'));
  return 0;
}

export function runDescribe(argv: string[]): Promise<void> {
  return runCommand('describe', argv, specs, describe);
}
