// The timeline recorder: watches pods, ReplicaSets, ControllerRevisions and
// the workload kinds in the object store, keeps the few facts it needs of
// each, and after every burst of changes recounts the pods of the workloads
// touched, per revision and state, recording a sample when the picture
// changed and events for what explains it. Times come from the cluster's
// Clock, so a stepped or scaled clock gives the timeline its time too.

import type { Clock } from '../clock.ts';
import type { Store, StoredObject, Watch, WatchEvent } from '../store/index.ts';
import { initialEventsEndAnnotation } from '../store/index.ts';
import {
  type ControllerRevisionFacts,
  controllerRevisionFacts,
  type PodFacts,
  podFacts,
  type ReplicaSetFacts,
  replicaSetFacts,
  revisionMatches,
  type WorkloadFacts,
  workloadFacts,
} from './facts.ts';
import {
  emptyCounts,
  type RevisionCounts,
  type RolloutTimeline,
  type Sample,
  type TimelineEvent,
  totalPods,
  type WorkloadKind,
  type WorkloadRef,
  workloadKey,
  workloadKinds,
} from './model.ts';
import { noPersistence, type TimelinePersistence } from './persistence.ts';
import { defaultLimits, Series, type TimelineLimits } from './series.ts';

export interface TimelineRecorderOptions {
  store: Store;
  clock: Clock;
  /** Where timelines are kept across restarts; nothing is kept by default. */
  persistence?: TimelinePersistence;
  limits?: Partial<TimelineLimits>;
  /** Timelines kept at most; beyond it the longest-idle ones of deleted workloads go. Default 1000. */
  maxWorkloads?: number;
  /** A watch failed (it is restarted); default: ignored. */
  onError?: (err: unknown) => void;
}

/** A timeline's headline, for listings (the dashboard's index). */
export interface TimelineSummary {
  workload: WorkloadRef;
  deleted: boolean;
  samples: number;
  events: number;
  /** Clock time of the last change. */
  lastChange: number;
  /** The newest revision with pods now, and its counts. */
  current?: RevisionCounts;
}

type Listener = (timeline: RolloutTimeline) => void;

const watchedResources = {
  pods: 'pods',
  replicaSets: 'replicasets.apps',
  controllerRevisions: 'controllerrevisions.apps',
  Deployment: 'deployments.apps',
  DaemonSet: 'daemonsets.apps',
  StatefulSet: 'statefulsets.apps',
} as const;

type Watched = keyof typeof watchedResources;

interface RevisionSource {
  revision: number;
  /** The revision this object had before its latest change in this run (a rollback renumbers an old one). */
  previous?: number;
}

const podOwnerKinds = new Set(['ReplicaSet', 'DaemonSet', 'StatefulSet']);

const nsName = (ns: string, name: string) => `${ns}/${name}`;

function addTo(index: Map<string, Set<string>>, key: string, member: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(member);
}

function removeFrom(index: Map<string, Set<string>>, key: string, member: string): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(member);
  if (set.size === 0) index.delete(key);
}

function metaOf(obj: StoredObject): { namespace: string; name: string } {
  const m = (obj.metadata ?? {}) as { namespace?: string; name?: string };
  return { namespace: m.namespace ?? '', name: m.name ?? '' };
}

export class TimelineRecorder {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly persistence: TimelinePersistence;
  private readonly limits: TimelineLimits;
  private readonly maxWorkloads: number;
  private readonly series = new Map<string, Series>();

  private readonly pods = new Map<string, PodFacts>();
  private readonly replicaSets = new Map<string, ReplicaSetFacts & RevisionSource>();
  private readonly revisions = new Map<string, ControllerRevisionFacts & RevisionSource>();
  private readonly workloads = new Map<string, WorkloadFacts>();
  /** `Kind/ns/name` of a pod's controller -> pod names. */
  private readonly podsByOwner = new Map<string, Set<string>>();
  /** `ns/deployment` -> ReplicaSet names. */
  private readonly replicaSetsByDeployment = new Map<string, Set<string>>();
  /** `Kind/ns/name` of the owner -> ControllerRevision names. */
  private readonly revisionsByOwner = new Map<string, Set<string>>();

  private readonly dirty = new Set<string>();
  private flushQueued = false;
  private readonly watches = new Map<Watched, Watch>();
  private readonly loops: Promise<void>[] = [];
  private readonly syncing = new Set<Watched>();
  private syncWaiters: (() => void)[] = [];
  private readonly listeners = new Set<Listener>();
  private stopped = false;

  constructor(private readonly options: TimelineRecorderOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.persistence = options.persistence ?? noPersistence;
    this.limits = { ...defaultLimits, ...options.limits };
    this.maxWorkloads = options.maxWorkloads ?? 1000;
  }

  /** Loads stored timelines and starts watching; returns at once (see synced()). */
  start(): this {
    for (const restored of this.persistence.load())
      this.series.set(restored.key, new Series(restored.key, restored.ref, this.limits, restored));
    for (const what of Object.keys(watchedResources) as Watched[]) this.openWatch(what);
    return this;
  }

  /** Resolves once every watch has delivered the state at its start. */
  synced(): Promise<void> {
    if (this.syncing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const w of this.watches.values()) w.stop();
    await Promise.allSettled(this.loops);
    this.flush();
    this.persistence.close();
  }

  /** A workload's timeline, or undefined when nothing was ever recorded for it. */
  get(ref: WorkloadRef): RolloutTimeline | undefined {
    this.flush();
    return this.series.get(workloadKey(ref))?.toResource(this.clock.now());
  }

  /** Every timeline's summary (one namespace's when given), by kind, namespace and name. */
  list(namespace?: string): TimelineSummary[] {
    this.flush();
    return [...this.series.values()]
      .filter((s) => namespace === undefined || s.ref.namespace === namespace)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((s) => ({
        workload: { ...s.ref },
        deleted: s.memory.deleted,
        samples: s.samples.length,
        events: s.events.length,
        lastChange: s.lastChange,
        current: s.samples.at(-1)?.revisions[0],
      }));
  }

  /** Calls fn with a workload's timeline each time it changes; returns the unsubscribe function. */
  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Recounts the workloads changed since the last flush now (normally done right after each burst of events). */
  flush(): void {
    this.flushQueued = false;
    if (this.dirty.size === 0) return;
    const now = this.clock.now();
    const changed: Series[] = [];
    for (const key of this.dirty) {
      const series = this.series.get(key);
      if (!series) continue;
      this.recordRevisions(series, now);
      series.addSample(this.sample(series.ref, now));
      if (series.dirty) changed.push(series);
    }
    this.dirty.clear();
    const removed = this.evict();
    this.persistence.write(
      changed.filter((s) => this.series.has(s.key)).map((s) => s.takeUpdate()),
      removed,
    );
    if (this.listeners.size > 0)
      for (const s of changed) {
        if (!this.series.has(s.key)) continue;
        const timeline = s.toResource(now);
        for (const fn of this.listeners) fn(timeline);
      }
  }

  // --- watching ---------------------------------------------------------------------------------

  private openWatch(what: Watched): void {
    if (this.stopped) return;
    const watch = this.store.watch({
      resource: watchedResources[what],
      sendInitialEvents: true,
      allowBookmarks: true,
    });
    this.watches.set(what, watch);
    this.syncing.add(what);
    this.loops.push(this.consume(what, watch));
  }

  private async consume(what: Watched, watch: Watch): Promise<void> {
    // Keys present at the start of this watch: what was cached and is not among them went away unseen.
    let initial: Set<string> | undefined = new Set();
    let failed = false;
    for (;;) {
      const event = await watch.next();
      if (!event) break;
      if (event.type === 'ERROR') {
        this.options.onError?.(event.object);
        failed = true;
        break;
      }
      if (event.type === 'BOOKMARK') {
        const annotations = (event.object.metadata as { annotations?: Record<string, string> } | undefined)
          ?.annotations;
        if (initial && annotations?.[initialEventsEndAnnotation] === 'true') {
          this.endOfInitialEvents(what, initial);
          initial = undefined;
        }
        continue;
      }
      if (initial && event.type === 'ADDED') {
        const { namespace, name } = metaOf(event.object);
        initial.add(nsName(namespace, name));
      }
      this.apply(what, event);
    }
    // A failed watch (410: compacted away while this consumer lagged) starts over from the
    // current state; one that just ended (the store closed) is not reopened.
    if (failed && !this.stopped && this.watches.get(what) === watch) this.openWatch(what);
  }

  private endOfInitialEvents(what: Watched, present: Set<string>): void {
    const known =
      what === 'pods'
        ? this.pods
        : what === 'replicaSets'
          ? this.replicaSets
          : what === 'controllerRevisions'
            ? this.revisions
            : undefined;
    if (known) {
      for (const key of [...known.keys()])
        if (!present.has(key)) {
          const [namespace, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
          this.apply(what, { type: 'DELETED', object: { metadata: { namespace, name } } });
        }
    } else {
      const kind = what as WorkloadKind;
      for (const s of this.series.values())
        if (s.ref.kind === kind && !s.memory.deleted && !present.has(nsName(s.ref.namespace, s.ref.name)))
          this.workloadGone(s);
    }
    this.syncing.delete(what);
    if (this.syncing.size === 0) {
      this.flush();
      const waiters = this.syncWaiters;
      this.syncWaiters = [];
      for (const w of waiters) w();
    }
  }

  private markDirty(key: string | undefined): void {
    if (key === undefined) return;
    this.dirty.add(key);
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => {
        if (this.flushQueued) this.flush();
      });
    }
  }

  private apply(what: Watched, event: WatchEvent): void {
    const { namespace, name } = metaOf(event.object);
    const key = nsName(namespace, name);
    const gone = event.type === 'DELETED';
    switch (what) {
      case 'pods': {
        const old = this.pods.get(key);
        if (old) {
          this.markDirty(this.podWorkload(namespace, old));
          if (old.owner)
            removeFrom(this.podsByOwner, `${old.owner.kind}/${nsName(namespace, old.owner.name)}`, name);
        }
        if (gone) {
          this.pods.delete(key);
          return;
        }
        const facts = podFacts(event.object);
        // Only pods of the workload kinds' controllers are kept (not Jobs' or bare pods).
        if (!facts.owner || !podOwnerKinds.has(facts.owner.kind)) {
          this.pods.delete(key);
          return;
        }
        this.pods.set(key, facts);
        addTo(this.podsByOwner, `${facts.owner.kind}/${nsName(namespace, facts.owner.name)}`, name);
        this.markDirty(this.podWorkload(namespace, facts));
        return;
      }
      case 'replicaSets': {
        const old = this.replicaSets.get(key);
        if (old?.deployment) {
          removeFrom(this.replicaSetsByDeployment, nsName(namespace, old.deployment), name);
          this.markDirty(workloadKey({ kind: 'Deployment', namespace, name: old.deployment }));
        }
        if (gone) {
          this.replicaSets.delete(key);
          return;
        }
        const facts = replicaSetFacts(event.object);
        const previous = old && old.revision !== facts.revision ? old.revision : old?.previous;
        this.replicaSets.set(key, { ...facts, previous });
        if (facts.deployment) {
          addTo(this.replicaSetsByDeployment, nsName(namespace, facts.deployment), name);
          this.markDirty(workloadKey({ kind: 'Deployment', namespace, name: facts.deployment }));
        }
        return;
      }
      case 'controllerRevisions': {
        const old = this.revisions.get(key);
        const ownerKey = (f: ControllerRevisionFacts | undefined) =>
          f?.owner && isWorkloadKind(f.owner.kind)
            ? workloadKey({ kind: f.owner.kind, namespace, name: f.owner.name })
            : undefined;
        const oldOwner = ownerKey(old);
        if (oldOwner) {
          removeFrom(this.revisionsByOwner, oldOwner, name);
          this.markDirty(oldOwner);
        }
        if (gone) {
          this.revisions.delete(key);
          return;
        }
        const facts = controllerRevisionFacts(event.object);
        const previous = old && old.revision !== facts.revision ? old.revision : old?.previous;
        this.revisions.set(key, { ...facts, previous });
        const owner = ownerKey(facts);
        if (owner) {
          addTo(this.revisionsByOwner, owner, name);
          this.markDirty(owner);
        }
        return;
      }
      default:
        this.applyWorkload(what, namespace, name, event);
    }
  }

  private applyWorkload(kind: WorkloadKind, namespace: string, name: string, event: WatchEvent): void {
    const ref: WorkloadRef = { kind, namespace, name };
    const key = workloadKey(ref);
    const now = this.clock.now();
    let series = this.series.get(key);
    if (event.type === 'DELETED') {
      this.workloads.delete(key);
      if (series && !series.memory.deleted) this.workloadGone(series);
      return;
    }
    const facts = workloadFacts(kind, event.object);
    this.workloads.set(key, facts);
    if (!series) {
      series = new Series(key, ref, this.limits);
      this.series.set(key, series);
    }
    const memory = series.memory;
    if (memory.deleted || (series.samples.length === 0 && series.events.length === 0)) {
      const replicas = facts.replicas === undefined ? '' : `, ${plural(facts.replicas, 'replica')}`;
      series.addEvent({ t: now, type: 'Created', message: `created${replicas}` });
      memory.replicas = facts.replicas;
      memory.paused = facts.paused;
      memory.conditions = {};
      memory.deleted = false;
      series.touchMemory();
    }
    if (facts.replicas !== undefined && memory.replicas !== undefined && facts.replicas !== memory.replicas) {
      series.addEvent({
        t: now,
        type: 'Scaled',
        message: `scaled from ${memory.replicas} to ${plural(facts.replicas, 'replica')}`,
      });
    }
    if (facts.replicas !== memory.replicas) {
      memory.replicas = facts.replicas;
      series.touchMemory();
    }
    if (facts.paused !== memory.paused) {
      series.addEvent({
        t: now,
        type: facts.paused ? 'Paused' : 'Resumed',
        message: facts.paused ? 'paused' : 'resumed',
      });
      memory.paused = facts.paused;
      series.touchMemory();
    }
    for (const [type, c] of Object.entries(facts.conditions)) {
      const signature = `${c.status}/${c.reason}`;
      const before = memory.conditions[type];
      if (before === signature) continue;
      memory.conditions[type] = signature;
      series.touchMemory();
      if (!conditionWorthAnEvent(type, c.status, c.reason, before)) continue;
      const event: TimelineEvent = {
        t: now,
        type: 'Condition',
        condition: type,
        status: c.status,
        reason: c.reason,
        message: `${type} ${c.status}: ${c.reason}`,
      };
      if (c.message) event.detail = c.message;
      series.addEvent(event);
    }
    this.markDirty(key);
  }

  private workloadGone(series: Series): void {
    series.addEvent({ t: this.clock.now(), type: 'Deleted', message: 'deleted' });
    series.memory.deleted = true;
    series.touchMemory();
    this.markDirty(series.key);
  }

  // --- counting ---------------------------------------------------------------------------------

  /** The workload a pod counts for: its controller, or the Deployment above its ReplicaSet. */
  private podWorkload(namespace: string, pod: PodFacts): string | undefined {
    const owner = pod.owner;
    if (!owner) return undefined;
    if (owner.kind === 'ReplicaSet') {
      const deployment = this.replicaSets.get(nsName(namespace, owner.name))?.deployment;
      return deployment && workloadKey({ kind: 'Deployment', namespace, name: deployment });
    }
    return isWorkloadKind(owner.kind)
      ? workloadKey({ kind: owner.kind, namespace, name: owner.name })
      : undefined;
  }

  private countPods(
    counts: RevisionCounts,
    ownerKey: string,
    namespace: string,
    filter?: (p: PodFacts) => boolean,
  ) {
    for (const podName of this.podsByOwner.get(ownerKey) ?? []) {
      const pod = this.pods.get(nsName(namespace, podName));
      if (!pod?.state || (filter && !filter(pod))) continue;
      counts[pod.state]++;
    }
  }

  private sample(ref: WorkloadRef, now: number): Sample {
    const key = workloadKey(ref);
    const { namespace } = ref;
    const revisions: RevisionCounts[] = [];
    if (ref.kind === 'Deployment') {
      for (const rsName of this.replicaSetsByDeployment.get(nsName(namespace, ref.name)) ?? []) {
        const rs = this.replicaSets.get(nsName(namespace, rsName))!;
        const counts = emptyCounts(rs.revision, rsName);
        this.countPods(counts, `ReplicaSet/${nsName(namespace, rsName)}`, namespace);
        revisions.push(counts);
      }
    } else {
      const crs = [...(this.revisionsByOwner.get(key) ?? [])].map(
        (n) => this.revisions.get(nsName(namespace, n))!,
      );
      const byHash = new Map<string, RevisionCounts>();
      for (const podName of this.podsByOwner.get(key) ?? []) {
        const pod = this.pods.get(nsName(namespace, podName));
        if (!pod?.state) continue;
        const hash = pod.hash ?? '';
        let counts = byHash.get(hash);
        if (!counts) {
          const cr = hash ? crs.find((c) => revisionMatches(c, hash)) : undefined;
          byHash.set(hash, (counts = emptyCounts(cr?.revision ?? 0, hash)));
        }
        counts[pod.state]++;
      }
      revisions.push(...byHash.values());
    }
    const kept = revisions
      .filter((r) => totalPods(r) > 0)
      .sort((a, b) => b.revision - a.revision || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { t: now, desired: this.workloads.get(key)?.desired ?? 0, revisions: kept };
  }

  /** RevisionCreated events for revisions newer than any recorded (a rollback renumbers an old one). */
  private recordRevisions(series: Series, now: number): void {
    const { ref } = series;
    const sources: RevisionSource[] = [];
    if (ref.kind === 'Deployment') {
      for (const rsName of this.replicaSetsByDeployment.get(nsName(ref.namespace, ref.name)) ?? [])
        sources.push(this.replicaSets.get(nsName(ref.namespace, rsName))!);
    } else {
      for (const n of this.revisionsByOwner.get(series.key) ?? [])
        sources.push(this.revisions.get(nsName(ref.namespace, n))!);
    }
    const fresh = sources
      .filter((s) => s.revision > series.memory.maxRevision)
      .sort((a, b) => a.revision - b.revision);
    for (const s of fresh) {
      const reused = s.previous !== undefined && s.previous > 0 && s.previous < s.revision;
      series.addEvent({
        t: now,
        type: 'RevisionCreated',
        revision: s.revision,
        message: reused
          ? `revision ${s.revision} created (the template of revision ${s.previous})`
          : `revision ${s.revision} created`,
      });
      series.memory.maxRevision = s.revision;
      series.touchMemory();
    }
  }

  /** Drops the longest-idle timelines of deleted workloads with no pods left, beyond maxWorkloads. */
  private evict(): string[] {
    const excess = this.series.size - this.maxWorkloads;
    if (excess <= 0) return [];
    const candidates = [...this.series.values()]
      .filter((s) => s.memory.deleted && (s.samples.at(-1)?.revisions.length ?? 0) === 0)
      .sort((a, b) => a.lastChange - b.lastChange)
      .slice(0, excess);
    for (const s of candidates) this.series.delete(s.key);
    return candidates.map((s) => s.key);
  }
}

function isWorkloadKind(kind: string): kind is WorkloadKind {
  return (workloadKinds as readonly string[]).includes(kind);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Which condition changes explain a rollout: a Deployment reaching its new
 * ReplicaSet or missing its progress deadline, availability turning, a
 * replica failure; not the Progressing reasons that change on every step.
 */
function conditionWorthAnEvent(
  type: string,
  status: string,
  reason: string,
  before: string | undefined,
): boolean {
  if (type === 'Progressing')
    return status !== 'True' || reason === 'NewReplicaSetAvailable' || reason === 'ProgressDeadlineExceeded';
  if (type === 'Available') return before === undefined || before.split('/')[0] !== status;
  return status === 'True';
}
