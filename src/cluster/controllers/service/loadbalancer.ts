// Services of type LoadBalancer get an address the way k3s's servicelb gives
// one: status.loadBalancer.ingress lists the nodes' internal IPs (loopback
// here), with the service controller's EnsuringLoadBalancer/EnsuredLoadBalancer
// events. Other types have their ingress cleared.

import { isNotFound, type KubeObject, nodesResource, type Resource } from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { semanticEqual } from '../equality.ts';
import type { EventSource } from '../events.ts';
import { type Informer, objectKeyOf, splitKey } from '../informer.ts';
import { WorkQueue } from '../queue.ts';

export const servicesResource: Resource = { group: '', version: 'v1', resource: 'services' };
const source: EventSource = { component: 'service-controller' };

function internalIP(node: KubeObject): string | undefined {
  return ((node.status?.addresses ?? []) as KubeObject[]).find((a) => a.type === 'InternalIP')?.address;
}

export class LoadBalancerController implements Controller {
  readonly name = 'service-lb-controller';
  private readonly queue: WorkQueue;
  private readonly services: Informer;
  private readonly nodes: Informer;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.sync(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.services = ctx.informers.for(servicesResource);
    this.nodes = ctx.informers.for(nodesResource);
    const enqueue = (svc: KubeObject) => this.queue.add(objectKeyOf(svc));
    this.services.addHandlers({ add: enqueue, update: (_o, s) => enqueue(s) });
    const all = () => {
      for (const svc of this.services.list()) enqueue(svc);
    };
    this.nodes.addHandlers({ add: all, update: all, delete: all });
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
    if (!svc || svc.metadata?.deletionTimestamp) return;
    const isLB = svc.spec?.type === 'LoadBalancer';
    const ips = isLB
      ? this.nodes
          .list()
          .map(internalIP)
          .filter((ip): ip is string => ip !== undefined)
          .sort()
      : [];
    const loadBalancer = ips.length > 0 ? { ingress: ips.map((ip) => ({ ip, ipMode: 'VIP' })) } : {};
    if (semanticEqual(svc.status?.loadBalancer ?? {}, loadBalancer)) return;
    const first = isLB && !svc.status?.loadBalancer?.ingress;
    if (first)
      this.ctx.recorder.record(source, svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    try {
      await this.ctx.client.updateStatus(servicesResource, namespace, {
        ...svc,
        status: { ...(svc.status ?? {}), loadBalancer },
      });
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (first)
      this.ctx.recorder.record(source, svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
  }
}
