// The simulated kubelet: registers the nodes, then for each pod bound to one
// of them waits for its volumes, creates the sandbox (the pod IP), runs the init
// containers one after another and then the app containers, walking each
// container through the stages (stages.ts) on the cluster clock; it reports
// status through the API, and on a graceful deletion stops the containers and
// removes the pod when the grace period is over.

import type { Timer } from '../clock.ts';
import type { ControllerContext, EventSource, Resource } from '../controllers/index.ts';
import {
  type Informer,
  isAlreadyExists,
  isNotFound,
  type KubeObject,
  nodesResource,
  objectKeyOf,
  persistentVolumeClaimsResource,
  podsResource,
  semanticEqual,
  splitKey,
  WorkQueue,
} from '../controllers/index.ts';
import {
  leaseRenewMs,
  type NodeIds,
  type NodeSpecOptions,
  newNodeIds,
  nodeAddress,
  nodeIdsOf,
  nodeLease,
  nodeNames,
  nodeObject,
  nodeStatus,
  statusReportMs,
} from './nodes.ts';
import { probeTiming } from './probes.ts';
import { annotations, backOffMs, containerProfile, type FailurePatterns, normalizeImage } from './profile.ts';
import {
  type ContainerKind,
  creatingEvents,
  nextStage,
  type SimContainer,
  type StageEvent,
  stageEvents,
  stop,
} from './stages.ts';
import { renderPodStatus, type SimPod, settled } from './status.ts';
import { attachAndMountTimeoutMs, claimMountError, failedMountMessage, podClaims } from './volumes.ts';

/** The shortest real-time interval between two heartbeats of a node. */
const minRealHeartbeatMs = 100;

const leasesResource: Resource = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };

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
  /** The machine identity the Node registered with (kept across restarts). */
  ids?: NodeIds;
}

const isRunning = (c: SimContainer) => c.state === 'Running' || c.state === 'Stopping';

function parseTime(value: unknown, fallback: number): number {
  const t = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(t) ? t : fallback;
}

function termination(t: KubeObject, run: number, now: number) {
  return {
    startedAt: parseTime(t.startedAt, now),
    finishedAt: parseTime(t.finishedAt, now),
    exitCode: typeof t.exitCode === 'number' ? t.exitCode : 1,
    reason: t.reason ?? 'Error',
    run,
  };
}

/** When a graceful deletion began: the deletion timestamp less the grace period it was given. */
function deletionStart(pod: KubeObject, fallback: number): number {
  const deadline = parseTime(pod.metadata?.deletionTimestamp, fallback);
  const grace = Number(pod.metadata?.deletionGracePeriodSeconds ?? 0);
  return deadline - (Number.isFinite(grace) ? grace : 0) * 1000;
}

/** Carries a container's reported state over a kubelet restart. */
function resumeFromStatus(c: SimContainer, reported: KubeObject | undefined, now: number): void {
  if (!reported) return;
  c.restartCount = reported.restartCount ?? 0;
  const last = reported.lastState?.terminated;
  if (last) c.previous = termination(last, Math.max(0, c.restartCount - 1), now);
  const state = reported.state ?? {};
  if (state.running) {
    c.state = 'Running';
    c.startedAt = parseTime(state.running.startedAt, now);
    c.since = c.startedAt;
    c.started = reported.started === true;
    c.ready = reported.ready === true;
    c.imagePresent = true;
    if (c.kind !== 'regular' && c.started) c.initialized = true;
  } else if (state.terminated) {
    c.current = termination(state.terminated, c.restartCount, now);
    c.startedAt = c.current.startedAt;
    c.imagePresent = true;
    const final = c.kind === 'init' ? c.current.exitCode === 0 : c.profile.restartPolicy !== 'Always';
    c.state = final ? 'Terminated' : 'Exited';
    c.since = now;
    c.noticeMs = 0;
    if (c.kind === 'init' && c.current.exitCode === 0) c.initialized = true;
  } else if (state.waiting?.reason === 'CrashLoopBackOff') {
    c.state = 'CrashLoopBackOff';
    c.since = now;
    c.startedAt = c.previous?.startedAt ?? now;
    c.backOff = { delayMs: backOffMs(Math.max(1, c.restartCount)), updatedAt: now };
    c.imagePresent = true;
    if (!c.previous) c.previous = { startedAt: now, finishedAt: now, exitCode: 1, reason: 'Error', run: 0 };
  } else if (state.waiting?.reason === 'ErrImagePull' || state.waiting?.reason === 'ImagePullBackOff') {
    c.state = 'ImagePullBackOff';
    c.since = now;
    c.pullFailures = 1;
  }
}

export class Kubelet {
  readonly name = 'kubelet';
  private readonly queue: WorkQueue;
  private readonly pods: Informer;
  private readonly claims: Informer;
  private readonly nodes = new Map<string, SimNode>();
  private readonly sims = new Map<string, SimPod>();
  private readonly timers: Timer[] = [];

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
    this.claims = ctx.informers.for(persistentVolumeClaimsResource);
    ctx.informers.for(nodesResource);
    nodeNames(options.nodes ?? 1).forEach((name, index) => {
      this.nodes.set(name, { name, index, images: new Set(), usedIPs: new Set() });
    });
    this.pods.addHandlers({
      add: (pod) => {
        this.reserveIP(pod);
        this.enqueue(pod);
      },
      update: (_old, pod) => this.enqueue(pod),
      delete: (pod) => this.forget(pod),
    });
    // A claim getting bound lets the pods waiting for it start.
    const claimChanged = (pvc: KubeObject) => {
      const namespace = pvc.metadata?.namespace;
      for (const pod of this.pods.list(namespace)) {
        if (podClaims(pod).some((v) => v.claim === pvc.metadata?.name)) this.enqueue(pod);
      }
    };
    this.claims.addHandlers({
      add: claimChanged,
      update: (_old, pvc) => claimChanged(pvc),
      delete: claimChanged,
    });
  }

  nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  /**
   * Registers the nodes (create, or refresh an existing Node's status, keeping its machine
   * identity and the transition times of conditions that did not change), takes each node's
   * Lease, then keeps them alive: the Lease renewed every 10s, the status every 5 minutes.
   */
  async registerNodes(): Promise<void> {
    for (const node of this.nodes.values()) await this.registerNode(node);
    // Under a fast scaled clock (--time-scale 3600) a 10s renewal would be hundreds of writes a
    // real second per node; no client tells renewals apart faster than a few per real second.
    const factor = (this.ctx.clock as { factor?: unknown }).factor;
    const floor = typeof factor === 'number' ? factor * minRealHeartbeatMs : 0;
    this.timers.push(
      this.ctx.clock.setInterval(() => this.heartbeat('lease'), Math.max(leaseRenewMs, floor)).unref(),
      this.ctx.clock.setInterval(() => this.heartbeat('status'), Math.max(statusReportMs, floor)).unref(),
    );
  }

  private nodeSpec(node: SimNode, ids: NodeIds): NodeSpecOptions {
    return {
      name: node.name,
      index: node.index,
      kubeletVersion: this.options.kubeletVersion ?? 'v1.35.0',
      ids,
    };
  }

  private async registerNode(node: SimNode): Promise<void> {
    let stored: KubeObject;
    try {
      stored = await this.ctx.client.create(
        nodesResource,
        undefined,
        nodeObject(this.nodeSpec(node, newNodeIds())),
      );
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      stored = await this.ctx.client.get(nodesResource, undefined, node.name);
    }
    node.ids = nodeIdsOf(stored);
    await this.postNodeStatus(node, stored);
    await this.renewLease(node, stored);
  }

  private async postNodeStatus(node: SimNode, stored?: KubeObject): Promise<void> {
    const current = stored ?? (await this.ctx.client.get(nodesResource, undefined, node.name));
    const spec = this.nodeSpec(node, node.ids ?? nodeIdsOf(current));
    await this.ctx.client.updateStatus(nodesResource, undefined, {
      ...current,
      status: nodeStatus(spec, this.ctx.clock.now(), current.status),
    });
  }

  /** Creates the node's Lease, or renews it (holder, duration and renewTime). */
  private async renewLease(node: SimNode, nodeObj?: KubeObject): Promise<void> {
    const now = this.ctx.clock.now();
    let current: KubeObject;
    try {
      current = await this.ctx.client.get(leasesResource, 'kube-node-lease', node.name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // The owner reference needs the Node's uid: read it only when the Lease is (re)made.
      const owner = nodeObj ?? (await this.ctx.client.get(nodesResource, undefined, node.name));
      await this.ctx.client.create(leasesResource, 'kube-node-lease', nodeLease(owner, now));
      return;
    }
    const renewed = nodeLease({ metadata: { name: node.name } }, now).spec;
    await this.ctx.client.update(leasesResource, 'kube-node-lease', {
      ...current,
      spec: { ...current.spec, ...renewed },
    });
  }

  private heartbeat(what: 'lease' | 'status'): void {
    for (const node of this.nodes.values()) {
      const post = () => (what === 'lease' ? this.renewLease(node) : this.postNodeStatus(node));
      // A write racing ours (kubectl cordon, the node lifecycle controller) gets one fresh retry.
      post()
        .catch((err) => {
          if ((err as { code?: number }).code === 409) return post();
          throw err;
        })
        .catch((err) => this.ctx.onError?.(this.name, `${what}/${node.name}`, err));
    }
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    for (const t of this.timers.splice(0)) t.cancel();
    this.queue.stop();
  }

  private enqueue(pod: KubeObject): void {
    if (this.nodes.has(pod.spec?.nodeName)) this.queue.add(objectKeyOf(pod));
  }

  /**
   * A pod that already has an IP on one of our nodes (bosun up restarted) keeps it: no new pod
   * may get it before the kubelet re-adopts the old one.
   */
  private reserveIP(pod: KubeObject): void {
    const ip = pod.status?.podIP;
    if (typeof ip === 'string') this.nodes.get(pod.spec?.nodeName)?.usedIPs.add(ip);
  }

  private forget(pod: KubeObject): void {
    const sim = this.sims.get(pod.metadata?.uid);
    if (sim) this.sims.delete(sim.uid);
    const ip = sim?.podIP ?? pod.status?.podIP;
    if (ip) this.nodes.get(sim?.node ?? pod.spec?.nodeName)?.usedIPs.delete(ip);
  }

  private source(node: string): EventSource {
    return { component: 'kubelet', host: node };
  }

  private record(pod: KubeObject, sim: SimPod, c: SimContainer, events: StageEvent[]): void {
    const ref = { ref: `${sim.name}_${sim.namespace}(${sim.uid})`, ip: sim.podIP };
    for (const e of events) {
      this.ctx.recorder.record(this.source(sim.node), pod, e.type, e.reason, e.message(c, ref));
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

  private simContainer(pod: KubeObject, spec: KubeObject, kind: ContainerKind, node: SimNode, now: number) {
    const image = spec.image ?? '';
    const c: SimContainer = {
      name: spec.name,
      image,
      kind,
      profile: containerProfile(pod.metadata?.annotations, image, this.options, pod.spec?.restartPolicy),
      probes: {
        startup: probeTiming(spec.startupProbe, spec),
        liveness: probeTiming(spec.livenessProbe, spec),
        readiness: probeTiming(spec.readinessProbe, spec),
      },
      graceMs: (pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000,
      imagePresent: node.images.has(normalizeImage(image)) && spec.imagePullPolicy !== 'Always',
      state: 'Waiting',
      since: now,
      started: false,
      startedAfterMs: 0,
      ready: false,
      startupFailures: 0,
      livenessFailures: 0,
      readinessFailures: 0,
      initialized: false,
      restartCount: 0,
      pullFailures: 0,
      noticeMs: 0,
    };
    return c;
  }

  /**
   * The kubelet picks up a pod: its containers wait for the sandbox and their turn. A pod
   * this kubelet already ran (bosun up restarted on the same data) resumes from its reported
   * status instead.
   */
  private admit(pod: KubeObject, node: SimNode): SimPod {
    const now = this.ctx.clock.now();
    const reported = new Map<string, KubeObject>(
      [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map(
        (cs: KubeObject) => [cs.name, cs],
      ),
    );
    const containers: SimContainer[] = [
      ...((pod.spec?.initContainers ?? []) as KubeObject[]).map((c) =>
        this.simContainer(pod, c, c.restartPolicy === 'Always' ? 'sidecar' : 'init', node, now),
      ),
      ...((pod.spec?.containers ?? []) as KubeObject[]).map((c) =>
        this.simContainer(pod, c, 'regular', node, now),
      ),
    ];
    const restored = pod.status?.startTime !== undefined && reported.size > 0;
    if (restored) for (const c of containers) resumeFromStatus(c, reported.get(c.name), now);
    const sim: SimPod = {
      uid: pod.metadata?.uid,
      namespace: pod.metadata?.namespace,
      name: pod.metadata?.name,
      node: node.name,
      hostIP: nodeAddress(node.index),
      podIP: restored ? pod.status?.podIP : undefined,
      startTime: restored ? parseTime(pod.status.startTime, now) : now,
      containers,
      sandbox: restored && pod.status?.podIP !== undefined,
    };
    if (sim.podIP) node.usedIPs.add(sim.podIP);
    // Regular containers that ran mean the init containers are done, whatever their status says.
    if (containers.some((c) => c.kind === 'regular' && c.startedAt !== undefined))
      for (const c of containers) if (c.kind !== 'regular') c.initialized = true;
    this.sims.set(sim.uid, sim);
    return sim;
  }

  /** Whether a container's turn has come: the sandbox is up and the init containers before it are done. */
  private turn(sim: SimPod, c: SimContainer): boolean {
    if (!sim.sandbox) return false;
    for (const other of sim.containers) {
      if (other === c) return true;
      if (other.kind !== 'regular' && !other.initialized) return false;
    }
    return true;
  }

  /** What follows from a stage at `at`: containers whose turn came are created; a finished pod's sidecars stop. */
  private afterStage(pod: KubeObject, sim: SimPod, at: number): void {
    for (const c of sim.containers) {
      if (c.state !== 'Waiting' || !this.turn(sim, c)) continue;
      c.state = 'Creating';
      c.since = at;
      this.record(pod, sim, c, creatingEvents(c));
    }
    if (sim.finishing) return;
    const regular = sim.containers.filter((c) => c.kind === 'regular');
    const done = regular.length > 0 && regular.every((c) => c.state === 'Terminated');
    const initFailed =
      pod.spec?.restartPolicy === 'Never' &&
      sim.containers.some((c) => c.kind === 'init' && c.state === 'Terminated' && c.current?.exitCode !== 0);
    if (!done && !initFailed) return;
    // The pod's work is over: the kubelet stops its sidecars, last first, and starts nothing more.
    sim.finishing = true;
    for (const c of [...sim.containers].reverse()) {
      if (c.kind !== 'sidecar') continue;
      if (c.state === 'Running') {
        stop(c, 'stop', at);
        this.record(pod, sim, c, [
          { type: 'Normal', reason: 'Killing', message: (x) => `Stopping container ${x.name}` },
        ]);
      } else if (c.state === 'Exited' || c.state === 'CrashLoopBackOff') {
        c.current ??= c.previous;
        c.state = 'Terminated';
      }
    }
    for (const c of sim.containers) if (c.state === 'Waiting') c.state = 'Terminated';
  }

  /** Creates the sandbox once every claim is bound; until then reports FailedMount now and then. */
  private prepareSandbox(pod: KubeObject, sim: SimPod, node: SimNode, now: number): number | undefined {
    if (sim.sandbox) {
      // A pod resumed after a restart may have containers whose turn has come.
      this.afterStage(pod, sim, now);
      return undefined;
    }
    const namespace = pod.metadata?.namespace as string;
    const volumes: string[] = [];
    const errors: string[] = [];
    for (const { volume, claim } of podClaims(pod)) {
      const error = claimMountError(namespace, claim, this.claims.get(namespace, claim));
      if (error) {
        volumes.push(volume);
        errors.push(error);
      }
    }
    if (errors.length === 0) {
      sim.sandbox = true;
      sim.podIP ??= this.allocateIP(node);
      sim.volumesWaitingSince = undefined;
      this.afterStage(pod, sim, now);
      return undefined;
    }
    sim.volumesWaitingSince ??= now;
    const due = (sim.failedMountAt ?? sim.volumesWaitingSince) + attachAndMountTimeoutMs;
    if (due > now) return due;
    sim.failedMountAt = now;
    this.ctx.recorder.record(
      this.source(sim.node),
      pod,
      'Warning',
      'FailedMount',
      failedMountMessage(volumes, errors),
    );
    return now + attachAndMountTimeoutMs;
  }

  async syncPod(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.pods.get(namespace, name);
    if (!pod) return;
    const node = this.nodes.get(pod.spec?.nodeName);
    if (!node) return;
    const now = this.ctx.clock.now();
    let sim = this.sims.get(pod.metadata?.uid);
    const phase = pod.status?.phase;
    if ((phase === 'Succeeded' || phase === 'Failed') && (!sim || settled(sim))) return;
    if (pod.metadata?.deletionTimestamp) {
      if (!sim && pod.status?.startTime !== undefined) {
        // A pod already Terminating when bosun up was restarted: its containers keep running
        // until the grace period that began with the deletion is over, not a fresh one.
        sim = this.admit(pod, node);
        sim.stoppingSince = Math.min(now, deletionStart(pod, now));
      }
      await this.stopPod(key, pod, sim, now);
      return;
    }
    if (!sim) sim = this.admit(pod, node);
    let nextDue = this.prepareSandbox(pod, sim, node, now);
    // Run every stage that has come due, in time order across the containers, each at its own instant.
    for (let guard = 0; guard < 10_000; guard++) {
      let best: { c: SimContainer; next: NonNullable<ReturnType<typeof nextStage>> } | undefined;
      for (const c of sim.containers) {
        const next = nextStage(c);
        if (next && (!best || next.due < best.next.due)) best = { c, next };
      }
      if (!best) break;
      if (best.next.due > now) {
        nextDue = nextDue === undefined ? best.next.due : Math.min(nextDue, best.next.due);
        break;
      }
      const { c, next } = best;
      next.stage.apply(c, next.due);
      if (isRunning(c)) node.images.add(normalizeImage(c.image));
      this.record(pod, sim, c, stageEvents(next.stage, c));
      this.afterStage(pod, sim, next.due);
    }
    if (nextDue !== undefined) this.queue.addAfter(key, Math.max(0, nextDue - now));
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
        if (isRunning(c)) {
          this.record(pod, sim, c, [
            { type: 'Normal', reason: 'Killing', message: (x) => `Stopping container ${x.name}` },
          ]);
        }
      }
    }
    const since = sim?.stoppingSince ?? now;
    let deadline = Date.parse(pod.metadata!.deletionTimestamp);
    const stopSeconds = Number(pod.metadata?.annotations?.[annotations.stopSeconds]);
    if (Number.isFinite(stopSeconds) && stopSeconds >= 0)
      deadline = Math.min(deadline, since + stopSeconds * 1000);
    // Containers not running have nothing to stop.
    if (!sim?.containers.some(isRunning)) deadline = now;
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
