// Events for what the controllers and the kubelet do, as core/v1 Events
// written through the API (so `kubectl describe` and `kubectl get events` read
// as on a real cluster). Like client-go's EventCorrelator, a repeat of the same
// event bumps the count and lastTimestamp of the first instead of adding one.

import type { Clock } from '../clock.ts';
import { type ApiClient, eventsResource, type KubeObject } from './client.ts';

export interface EventSource {
  /** e.g. deployment-controller, replicaset-controller, kubelet, default-scheduler */
  component: string;
  /** the node, for the kubelet */
  host?: string;
}

/** metav1.Time: RFC 3339 at second precision. */
export function timeString(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** metav1.MicroTime: RFC 3339 with microseconds. */
export function microTimeString(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000Z`;
}

/** Like client-go's correlator cache: only so many distinct events are remembered for aggregation. */
const maxRemembered = 4096;

interface Recorded {
  name: string;
  namespace: string;
  count: number;
}

export class EventRecorder {
  private readonly seen = new Map<string, Recorded>();
  private inFlight = 0;
  private serial = 0;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {}

  /** True while an event write is under way. */
  busy(): boolean {
    return this.inFlight > 0;
  }

  /** Records an event about `obj`; best effort, as upstream's broadcaster (failures are dropped). */
  record(
    source: EventSource,
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    this.inFlight++;
    void this.write(source, obj, type, reason, message)
      .catch(() => {})
      .finally(() => {
        this.inFlight--;
      });
  }

  private async write(
    source: EventSource,
    obj: KubeObject,
    type: string,
    reason: string,
    message: string,
  ): Promise<void> {
    const meta = obj.metadata ?? {};
    const namespace = meta.namespace || 'default';
    const key = [source.component, source.host ?? '', meta.uid, reason, message, type].join('\0');
    const now = this.clock.now();
    const previous = this.seen.get(key);
    if (previous) {
      previous.count++;
      await this.client.patch(eventsResource, previous.namespace, previous.name, 'merge', {
        count: previous.count,
        lastTimestamp: timeString(now),
      });
      return;
    }
    // Upstream names events <object>.<unix nanoseconds in hex>; the serial keeps names unique on a stepped clock.
    const nanos = BigInt(now) * 1_000_000n + BigInt(this.serial++ % 1_000_000);
    const name = `${meta.name}.${nanos.toString(16)}`;
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        kind: obj.kind,
        namespace: meta.namespace,
        name: meta.name,
        uid: meta.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: meta.resourceVersion,
      },
      reason,
      message,
      source: source.host
        ? { component: source.component, host: source.host }
        : { component: source.component },
      firstTimestamp: timeString(now),
      lastTimestamp: timeString(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    this.seen.set(key, { name, namespace, count: 1 });
    if (this.seen.size > maxRemembered) this.seen.delete(this.seen.keys().next().value!);
    await this.client.create(eventsResource, namespace, event);
  }
}
