// The simulated kubelet: registers the nodes, then for each pod bound to one
// of them walks its containers through the stages (stages.ts) on the cluster
// clock, reports status through the API, and on a graceful deletion stops the
// containers and removes the pod when the grace period is over.

import type { ControllerContext, EventSource } from '../controllers/index.ts';
import {
  type Informer,
  isAlreadyExists,
  isNotFound,
  type KubeObject,
  nodesResource,
  objectKeyOf,
  podsResource,
  semanticEqual,
  splitKey,
  WorkQueue,
} from '../controllers/index.ts';
import { nodeAddress, nodeNames, nodeObject, nodeStatus } from './nodes.ts';
import { annotations, containerProfile, type FailurePatterns, normalizeImage } from './profile.ts';
import { creatingEvents, nextStage, type SimContainer, type StageEvent } from './stages.ts';
import { renderPodStatus, type SimPod } from './status.ts';

export interface KubeletOptions extends FailurePatterns {
  /** How many nodes to simulate (default 1). */
  nodes?: number;
  kubeletVersion?: string;
}

interface SimNode {
  name: string;
  index: number;
  images: Set<string>;
  usedIPs: Set<string>;
}

function readinessDelayMs(container: KubeObject): number | undefined {
  const probe = container.readinessProbe;
  if (!probe) return undefined;
  return (probe.initialDelaySeconds ?? 0) * 1000;
}

/** Carries a container's reported state over a kubelet restart. */
function resumeFromStatus(c: SimContainer, reported: KubeObject | undefined, now: number): void {
  if (!reported) return;
  c.restartCount = reported.restartCount ?? 0;
  const state = reported.state ?? {};
  if (state.running) {
    c.state = 'Running';
    c.startedAt = Date.parse(state.running.startedAt) || now;
    c.since = c.startedAt;
    c.ready = reported.ready === true;
    c.imagePresent = true;
  } else if (state.waiting?.reason === 'CrashLoopBackOff') {
    c.state = 'CrashLoopBackOff';
    c.crashes = c.restartCount + 1;
    c.startedAt = now;
    c.imagePresent = true;
  } else if (state.waiting?.reason === 'ErrImagePull' || state.waiting?.reason === 'ImagePullBackOff') {
    c.state = 'ImagePullBackOff';
    c.pullFailures = 1;
  }
  const last = reported.lastState?.terminated;
  if (last) {
    c.lastTerminated = {
      startedAt: Date.parse(last.startedAt) || now,
      finishedAt: Date.parse(last.finishedAt) || now,
      exitCode: last.exitCode ?? 1,
      reason: last.reason ?? 'Error',
    };
  }
}

export class Kubelet {
  readonly name = 'kubelet';
  private readonly queue: WorkQueue;
  private readonly pods: Informer;
  private readonly nodes = new Map<string, SimNode>();
  private readonly sims = new Map<string, SimPod>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly options: KubeletOptions = {},
  ) {
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.syncPod(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.pods = ctx.informers.for(podsResource);
    ctx.informers.for(nodesResource);
    nodeNames(options.nodes ?? 1).forEach((name, index) => {
      this.nodes.set(name, { name, index, images: new Set(), usedIPs: new Set() });
    });
    this.pods.addHandlers({
      add: (pod) => this.enqueue(pod),
      update: (_old, pod) => this.enqueue(pod),
      delete: (pod) => this.forget(pod),
    });
  }

  nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  /** Registers the nodes (create, or refresh an existing Node's status). */
  async registerNodes(): Promise<void> {
    const version = this.options.kubeletVersion ?? 'v1.35.0';
    for (const node of this.nodes.values()) {
      const spec = { name: node.name, index: node.index, kubeletVersion: version };
      let stored: KubeObject;
      try {
        stored = await this.ctx.client.create(nodesResource, undefined, nodeObject(spec));
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        stored = await this.ctx.client.get(nodesResource, undefined, node.name);
      }
      await this.ctx.client.updateStatus(nodesResource, undefined, {
        ...stored,
        status: nodeStatus(spec, this.ctx.clock.now()),
      });
    }
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  private enqueue(pod: KubeObject): void {
    if (this.nodes.has(pod.spec?.nodeName)) this.queue.add(objectKeyOf(pod));
  }

  private forget(pod: KubeObject): void {
    const sim = this.sims.get(pod.metadata?.uid);
    if (!sim) return;
    this.sims.delete(sim.uid);
    if (sim.podIP) this.nodes.get(sim.node)?.usedIPs.delete(sim.podIP);
  }

  private source(node: string): EventSource {
    return { component: 'kubelet', host: node };
  }

  private record(pod: KubeObject, sim: SimPod, c: SimContainer, events: StageEvent[]): void {
    const podRef = `${sim.name}_${sim.namespace}(${sim.uid})`;
    for (const e of events) {
      this.ctx.recorder.record(this.source(sim.node), pod, e.type, e.reason, e.message(c, podRef));
    }
  }

  private allocateIP(node: SimNode): string {
    for (let i = 2; i < 255; i++) {
      const ip = `10.42.${node.index}.${i}`;
      if (!node.usedIPs.has(ip)) {
        node.usedIPs.add(ip);
        return ip;
      }
    }
    throw new Error(`node ${node.name} has no pod IP left`);
  }

  /**
   * The kubelet picks up a pod: its containers start in Creating, with a pull
   * or the image on the node. A pod this kubelet already ran (bosun up
   * restarted on the same data) resumes from its reported status instead.
   */
  private admit(pod: KubeObject, node: SimNode): SimPod {
    const now = this.ctx.clock.now();
    const podAnnotations = pod.metadata?.annotations as Record<string, string> | undefined;
    const reported = new Map<string, KubeObject>(
      ((pod.status?.containerStatuses ?? []) as KubeObject[]).map((cs) => [cs.name, cs]),
    );
    const containers: SimContainer[] = ((pod.spec?.containers ?? []) as KubeObject[]).map((c) => {
      const present = node.images.has(normalizeImage(c.image ?? '')) && c.imagePullPolicy !== 'Always';
      const sim: SimContainer = {
        name: c.name,
        image: c.image ?? '',
        profile: containerProfile(podAnnotations, c.image ?? '', this.options, pod.spec?.restartPolicy),
        readinessDelayMs: readinessDelayMs(c),
        imagePresent: present,
        state: 'Creating',
        since: now,
        ready: false,
        restartCount: 0,
        pullFailures: 0,
        crashes: 0,
      };
      resumeFromStatus(sim, reported.get(c.name), now);
      return sim;
    });
    const restored = pod.status?.startTime !== undefined && reported.size > 0;
    const sim: SimPod = {
      uid: pod.metadata?.uid,
      namespace: pod.metadata?.namespace,
      name: pod.metadata?.name,
      node: node.name,
      hostIP: nodeAddress(node.index),
      podIP: restored ? pod.status?.podIP : undefined,
      startTime: restored ? Date.parse(pod.status.startTime) : now,
      containers,
    };
    if (sim.podIP) node.usedIPs.add(sim.podIP);
    this.sims.set(sim.uid, sim);
    if (!restored) for (const c of containers) this.record(pod, sim, c, creatingEvents(c));
    return sim;
  }

  async syncPod(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.pods.get(namespace, name);
    if (!pod) return;
    const node = this.nodes.get(pod.spec?.nodeName);
    if (!node) return;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const now = this.ctx.clock.now();
    let sim = this.sims.get(pod.metadata?.uid);
    if (pod.metadata?.deletionTimestamp) {
      await this.stopPod(key, pod, sim, now);
      return;
    }
    if (!sim) sim = this.admit(pod, node);
    // Run every stage that has come due, each at its own instant.
    let nextDue: number | undefined;
    for (const c of sim.containers) {
      for (;;) {
        const stage = nextStage(c);
        if (!stage) break;
        const due = c.since + stage.afterMs(c);
        if (due > now) {
          nextDue = nextDue === undefined ? due : Math.min(nextDue, due);
          break;
        }
        stage.apply(c, due);
        if (c.state === 'Running' && c.imagePresent) node.images.add(normalizeImage(c.image));
        if (sim.podIP === undefined) sim.podIP = this.allocateIP(node);
        this.record(pod, sim, c, stage.events);
      }
    }
    if (nextDue !== undefined) this.queue.addAfter(key, nextDue - now);
    const status = renderPodStatus(pod, sim, now);
    if (semanticEqual(pod.status, status)) return;
    try {
      await this.ctx.client.updateStatus(podsResource, namespace, { ...pod, status });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /**
   * Graceful deletion: the containers get the grace period (or the pod's
   * stop-seconds annotation, if shorter) and the pod is then removed.
   */
  private async stopPod(key: string, pod: KubeObject, sim: SimPod | undefined, now: number): Promise<void> {
    if (sim && sim.stoppingSince === undefined) {
      sim.stoppingSince = now;
      for (const c of sim.containers) {
        if (c.startedAt !== undefined) {
          this.record(pod, sim, c, [
            { type: 'Normal', reason: 'Killing', message: (x) => `Stopping container ${x.name}` },
          ]);
        }
      }
    }
    const since = sim?.stoppingSince ?? now;
    let deadline = Date.parse(pod.metadata!.deletionTimestamp);
    const stop = Number(pod.metadata?.annotations?.[annotations.stopSeconds]);
    if (Number.isFinite(stop) && stop >= 0) deadline = Math.min(deadline, since + stop * 1000);
    // Containers never started have nothing to stop.
    if (!sim || sim.containers.every((c) => c.startedAt === undefined)) deadline = now;
    if (deadline > now) {
      this.queue.addAfter(key, deadline - now);
      return;
    }
    try {
      await this.ctx.client.delete(podsResource, pod.metadata?.namespace, pod.metadata!.name, {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata?.uid },
      });
    } catch (err) {
      if (!isNotFound(err) && (err as { code?: number }).code !== 409) throw err;
    }
  }
}
