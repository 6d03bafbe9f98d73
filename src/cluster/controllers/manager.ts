// Runs the control loops together (kube-controller-manager's role): one
// informer per resource shared by every loop, one event recorder, and a way
// for tests and benchmarks to wait until every loop has gone quiet.

import type { Clock } from '../clock.ts';
import type { ApiClient } from './client.ts';
import type { Controller, ControllerContext } from './context.ts';
import { CronJobController } from './cronjob/controller.ts';
import { DaemonSetController } from './daemonset/controller.ts';
import { DeploymentController } from './deployment/controller.ts';
import { DisruptionController } from './disruption/controller.ts';
import { EventRecorder } from './events.ts';
import { GarbageCollector } from './garbagecollector/controller.ts';
import { InformerFactory } from './informer.ts';
import { JobController } from './job/controller.ts';
import { ReplicaSetController } from './replicaset/controller.ts';
import { EndpointsController } from './service/endpoints.ts';
import { LoadBalancerController } from './service/loadbalancer.ts';
import { StatefulSetController } from './statefulset/controller.ts';
import { PersistentVolumeController } from './volume/binder.ts';
import { VolumeProtectionController } from './volume/protection.ts';
import { LocalPathProvisioner } from './volume/provisioner.ts';
import { SelectedNodeController } from './volume/selected-node.ts';

export interface ControllerManagerOptions {
  onError?: (controller: string, key: string, err: unknown) => void;
}

/** Lets queued promise work and I/O callbacks run. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class ControllerManager {
  readonly context: ControllerContext;
  private readonly loops: Controller[] = [];
  private started = false;

  constructor(client: ApiClient, clock: Clock, options: ControllerManagerOptions = {}) {
    this.context = {
      client,
      clock,
      informers: new InformerFactory(client, clock),
      recorder: new EventRecorder(client, clock),
      onError: options.onError,
    };
  }

  /**
   * The workload controllers, the garbage collector, Service load balancers
   * and endpoints, and the volume controllers (binding, kind's local-path
   * provisioner, in-use protection).
   */
  addWorkloadControllers(): this {
    this.add(new ReplicaSetController(this.context));
    this.add(new DeploymentController(this.context));
    this.add(new DaemonSetController(this.context));
    this.add(new StatefulSetController(this.context));
    this.add(new GarbageCollector(this.context));
    this.add(new LoadBalancerController(this.context));
    this.add(new EndpointsController(this.context));
    this.add(new JobController(this.context));
    this.add(new CronJobController(this.context));
    this.add(new PersistentVolumeController(this.context));
    this.add(new SelectedNodeController(this.context));
    this.add(new LocalPathProvisioner(this.context));
    this.add(new VolumeProtectionController(this.context));
    this.add(new DisruptionController(this.context));
    return this;
  }

  /** Adds a loop built on this manager's context (e.g. the kubelet, the scheduler). */
  add<T extends Controller>(loop: T): T {
    if (this.started) throw new Error('add control loops before start()');
    this.loops.push(loop);
    return loop;
  }

  async start(): Promise<void> {
    this.started = true;
    await this.context.informers.start();
  }

  stop(): void {
    for (const loop of this.loops) loop.stop();
    this.context.informers.stop();
  }

  busy(): boolean {
    return this.context.recorder.busy() || this.context.informers.busy() || this.loops.some((l) => l.busy());
  }

  /**
   * Resolves once no loop has work and no event is being written, for a few
   * rounds of the event loop in a row (watch events in flight get delivered).
   */
  async idle(quietRounds = 5, maxRounds = 1_000_000): Promise<void> {
    let quiet = 0;
    for (let round = 0; quiet < quietRounds; round++) {
      if (round >= maxRounds)
        throw new Error('the control loops never went quiet (a loop keeps undoing another)');
      await macrotask();
      quiet = this.busy() ? 0 : quiet + 1;
    }
  }
}
