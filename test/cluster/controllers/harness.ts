// A cluster without a server for tests: the fake client, the stepped clock,
// the workload controllers, the scheduler and the kubelet, and run(ms) which
// moves time forward letting every loop finish its work at each instant.

import { randomUUID } from 'node:crypto';
import { SteppedClock } from '../../../src/cluster/clock.ts';
import { Kubelet, type KubeletOptions, Scheduler } from '../../../src/cluster/kubelet/index.ts';
import { FakeApiClient } from './fake-client.ts';
import {
  ControllerManager,
  defaultStorageClass,
  deploymentsResource,
  eventsResource,
  type KubeObject,
  podsResource,
  replicaSetsResource,
  revisionAnnotation,
  storageClassesResource,
  timeString,
} from './harness-imports.ts';

export class TestCluster {
  readonly clock: SteppedClock;
  readonly client: FakeApiClient;
  readonly manager: ControllerManager;
  readonly kubelet: Kubelet;
  readonly errors: string[] = [];

  /** `restartOf`: a new control plane over another cluster's objects and clock (a restart). */
  constructor(options: KubeletOptions = {}, restartOf?: TestCluster) {
    this.clock = restartOf?.clock ?? new SteppedClock(Date.UTC(2025, 0, 1));
    this.client = restartOf?.client ?? new FakeApiClient(this.clock);
    this.manager = new ControllerManager(this.client, this.clock, {
      onError: (c, key, err) => this.errors.push(`${c} ${key}: ${(err as Error).message}`),
    });
    this.manager.addWorkloadControllers();
    this.manager.add(new Scheduler(this.manager.context));
    this.kubelet = this.manager.add(new Kubelet(this.manager.context, options));
  }

  /** Nodes, then what every cluster starts with (kind's default StorageClass), then the loops. */
  async start(): Promise<this> {
    await this.kubelet.registerNodes();
    await this.client.create(
      storageClassesResource,
      undefined,
      defaultStorageClass(randomUUID(), timeString(this.clock.now())),
    );
    await this.manager.start();
    await this.manager.idle();
    return this;
  }

  stop(): void {
    this.manager.stop();
  }

  /** Moves time forward by ms, letting every loop go quiet at each timer. */
  async run(ms: number): Promise<void> {
    const until = this.clock.now() + ms;
    await this.manager.idle();
    for (;;) {
      const next = this.clock.nextDue();
      if (next === undefined || next > until) break;
      await this.clock.advanceTo(next);
      await this.manager.idle();
    }
    await this.clock.advanceTo(until);
    await this.manager.idle();
  }

  /** Runs timer by timer until `check` holds, at most `limitMs`; returns the virtual time it took. */
  async runUntil(check: () => Promise<boolean>, limitMs = 600_000): Promise<number> {
    const start = this.clock.now();
    await this.manager.idle();
    while (!(await check())) {
      if (this.clock.now() - start > limitMs) throw new Error(`condition not met within ${limitMs}ms`);
      const next = this.clock.nextDue();
      await this.clock.advanceTo(next === undefined ? this.clock.now() + 1000 : next);
      await this.manager.idle();
    }
    return this.clock.now() - start;
  }

  async deployment(name: string, namespace = 'default'): Promise<KubeObject> {
    return this.client.get(deploymentsResource, namespace, name);
  }

  async replicaSets(namespace = 'default'): Promise<KubeObject[]> {
    return (await this.client.list(replicaSetsResource, namespace)).items;
  }

  async pods(namespace = 'default'): Promise<KubeObject[]> {
    return (await this.client.list(podsResource, namespace)).items;
  }

  async events(namespace = 'default'): Promise<KubeObject[]> {
    return (await this.client.list(eventsResource, namespace)).items;
  }

  /** ReplicaSets by revision: name, replicas, ready. */
  async revisions(namespace = 'default'): Promise<{ revision: string; name: string; replicas: number }[]> {
    return (await this.replicaSets(namespace))
      .map((rs) => ({
        revision: rs.metadata?.annotations?.[revisionAnnotation],
        name: rs.metadata?.name,
        replicas: rs.spec?.replicas,
      }))
      .sort((a, b) => Number(a.revision) - Number(b.revision));
  }
}
