// Endpoints and EndpointSlices for Services with a selector (the endpoints
// and endpointslice controllers): the matching pods with an IP, ready ones as
// addresses, the others as not ready, ports resolved through named container
// ports; both removed with the Service.

import { labelSelectorAsSelector } from '../../../kube/selectors/index.ts';
import { isAlreadyExists, isNotFound, type KubeObject, podsResource, type Resource } from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { semanticEqual } from '../equality.ts';
import { timeString } from '../events.ts';
import { type Informer, objectKeyOf, splitKey } from '../informer.ts';
import { controllerRefOf, newControllerRef } from '../owner.ts';
import { isPodReady } from '../pods.ts';
import { WorkQueue } from '../queue.ts';
import { servicesResource } from './loadbalancer.ts';

export const endpointsResource: Resource = { group: '', version: 'v1', resource: 'endpoints' };
export const endpointSlicesResource: Resource = {
  group: 'discovery.k8s.io',
  version: 'v1',
  resource: 'endpointslices',
};
const serviceNameLabel = 'kubernetes.io/service-name';
const managedByLabel = 'endpointslice.kubernetes.io/managed-by';
const managedBy = 'endpointslice-controller.k8s.io';

/** The port a service port reaches on a pod: a number, or a named container port (undefined when the pod has none). */
function targetPort(servicePort: KubeObject, pod: KubeObject): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  for (const c of (pod.spec?.containers ?? []) as KubeObject[]) {
    for (const p of (c.ports ?? []) as KubeObject[]) {
      if (p.name === target && (p.protocol ?? 'TCP') === (servicePort.protocol ?? 'TCP'))
        return p.containerPort;
    }
  }
  return undefined;
}

function podRef(pod: KubeObject): KubeObject {
  return {
    kind: 'Pod',
    namespace: pod.metadata?.namespace,
    name: pod.metadata?.name,
    uid: pod.metadata?.uid,
  };
}

export class EndpointsController implements Controller {
  readonly name = 'endpoints-controller';
  private readonly queue: WorkQueue;
  private readonly services: Informer;
  private readonly pods: Informer;
  private readonly endpoints: Informer;
  private readonly slices: Informer;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.sync(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.services = ctx.informers.for(servicesResource);
    this.pods = ctx.informers.for(podsResource);
    this.endpoints = ctx.informers.for(endpointsResource);
    this.slices = ctx.informers.for(endpointSlicesResource);
    const enqueue = (svc: KubeObject) => this.queue.add(objectKeyOf(svc));
    this.services.addHandlers({ add: enqueue, update: (_o, s) => enqueue(s), delete: enqueue });
    const podChanged = (pod: KubeObject) => {
      for (const svc of this.services.list(pod.metadata?.namespace)) {
        const selector = svc.spec?.selector;
        if (!selector || Object.keys(selector).length === 0) continue;
        if (labelSelectorAsSelector({ matchLabels: selector }).matches(pod.metadata?.labels ?? {}))
          enqueue(svc);
      }
    };
    this.pods.addHandlers({
      add: podChanged,
      update: (old, pod) => {
        podChanged(old);
        podChanged(pod);
      },
      delete: podChanged,
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const svc = this.services.get(namespace, name);
    const slices = this.slices
      .list(namespace)
      .filter(
        (s) =>
          s.metadata?.labels?.[serviceNameLabel] === name &&
          s.metadata?.labels?.[managedByLabel] === managedBy,
      );
    if (!svc || svc.metadata?.deletionTimestamp) {
      await this.remove(endpointsResource, namespace, name);
      for (const s of slices) await this.remove(endpointSlicesResource, namespace, s.metadata!.name);
      return;
    }
    const selector = svc.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) return; // endpoints managed by the user
    const sel = labelSelectorAsSelector({ matchLabels: selector });
    const pods = this.pods
      .list(namespace)
      .filter((p) => sel.matches(p.metadata?.labels ?? {}) && p.status?.podIP)
      .sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
    const ports = (svc.spec?.ports ?? []) as KubeObject[];
    await this.syncEndpoints(svc, pods, ports);
    await this.syncSlice(svc, pods, ports, slices);
  }

  private async remove(resource: Resource, namespace: string | undefined, name: string): Promise<void> {
    try {
      await this.ctx.client.delete(resource, namespace, name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private async syncEndpoints(svc: KubeObject, pods: KubeObject[], ports: KubeObject[]): Promise<void> {
    const namespace = svc.metadata?.namespace;
    const name = svc.metadata!.name as string;
    const live = pods.filter((p) => !p.metadata?.deletionTimestamp);
    // One subset per distinct port mapping, as upstream's RepackSubsets groups them.
    const subsets = new Map<string, KubeObject>();
    for (const pod of live) {
      const podPorts = ports
        .map((p) => ({
          ...(p.name ? { name: p.name } : {}),
          port: targetPort(p, pod),
          protocol: p.protocol ?? 'TCP',
        }))
        .filter((p) => p.port !== undefined);
      if (ports.length > 0 && podPorts.length === 0) continue;
      const key = JSON.stringify(podPorts);
      if (!subsets.has(key)) subsets.set(key, { addresses: [], notReadyAddresses: [], ports: podPorts });
      const address = { ip: pod.status.podIP, nodeName: pod.spec?.nodeName, targetRef: podRef(pod) };
      subsets.get(key)![isPodReady(pod) ? 'addresses' : 'notReadyAddresses'].push(address);
    }
    const packed = [...subsets.values()].map((s) => {
      const out: KubeObject = {};
      if (s.addresses.length) out.addresses = s.addresses;
      if (s.notReadyAddresses.length) out.notReadyAddresses = s.notReadyAddresses;
      if (s.ports.length) out.ports = s.ports;
      return out;
    });
    const current = this.endpoints.get(namespace, name);
    const labels = {
      ...(svc.metadata?.labels ?? {}),
      'endpoints.kubernetes.io/managed-by': 'endpoint-controller',
    };
    if (
      current &&
      semanticEqual(current.subsets ?? [], packed) &&
      semanticEqual(current.metadata?.labels ?? {}, labels)
    )
      return;
    const annotations = {
      'endpoints.kubernetes.io/last-change-trigger-time': timeString(this.ctx.clock.now()),
    };
    const body: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...(current?.metadata ?? {}), name, namespace, labels, annotations },
    };
    if (packed.length > 0) body.subsets = packed;
    if (current) await this.ctx.client.update(endpointsResource, namespace, body);
    else {
      try {
        await this.ctx.client.create(endpointsResource, namespace, body);
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
      }
    }
  }

  private async syncSlice(
    svc: KubeObject,
    pods: KubeObject[],
    ports: KubeObject[],
    slices: KubeObject[],
  ): Promise<void> {
    const namespace = svc.metadata?.namespace;
    const endpoints = pods.map((pod) => {
      const terminating = !!pod.metadata?.deletionTimestamp;
      const ready = isPodReady(pod);
      return {
        addresses: [pod.status.podIP],
        conditions: { ready: ready && !terminating, serving: ready, terminating },
        nodeName: pod.spec?.nodeName,
        targetRef: podRef(pod),
      };
    });
    const slicePorts = ports.map((p) => {
      const port =
        pods.map((pod) => targetPort(p, pod)).find((n) => n !== undefined) ??
        (typeof p.targetPort === 'number' ? p.targetPort : p.port);
      return { name: p.name ?? '', port, protocol: p.protocol ?? 'TCP' };
    });
    const labels = {
      ...(svc.metadata?.labels ?? {}),
      [serviceNameLabel]: svc.metadata?.name,
      [managedByLabel]: managedBy,
    };
    const [slice, ...extra] = slices.filter((s) => controllerRefOf(s)?.uid === svc.metadata?.uid);
    for (const s of extra) await this.remove(endpointSlicesResource, namespace, s.metadata!.name);
    const desired: KubeObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      addressType: 'IPv4',
      endpoints,
      ports: slicePorts,
    };
    if (slice) {
      if (
        semanticEqual(slice.endpoints ?? [], endpoints) &&
        semanticEqual(slice.ports ?? [], slicePorts) &&
        semanticEqual(slice.metadata?.labels ?? {}, labels)
      )
        return;
      await this.ctx.client.update(endpointSlicesResource, namespace, {
        ...desired,
        metadata: { ...slice.metadata, labels },
      });
      return;
    }
    await this.ctx.client.create(endpointSlicesResource, namespace, {
      ...desired,
      metadata: {
        generateName: `${svc.metadata?.name}-`,
        namespace,
        labels,
        ownerReferences: [newControllerRef(svc, 'v1', 'Service')],
      },
    });
  }
}
