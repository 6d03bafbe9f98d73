// A scripted cluster for the timeline tests: a memory store, a stepped clock
// and a recorder, and the objects the controllers and the kubelet would
// write (workloads, ReplicaSets, ControllerRevisions, pods in each state),
// written straight into the store.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { SteppedClock } from '../../../src/cluster/clock.ts';
import { openMemoryStore, type Store, type StoredObject } from '../../../src/cluster/store/index.ts';
import {
  type PodState,
  type TimelinePersistence,
  TimelineRecorder,
  type TimelineRecorderOptions,
} from '../../../src/cluster/timeline/index.ts';

type Obj = Record<string, any>;

export const start = Date.UTC(2025, 0, 1);

const testdata = join(import.meta.dirname, 'testdata');

/** Compares with testdata/<name>; UPDATE_GOLDEN=1 (re)writes it. */
export function golden(name: string, actual: string): void {
  const path = join(testdata, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(testdata, { recursive: true });
    writeFileSync(path, actual);
  }
  if (!existsSync(path)) throw new Error(`no golden file ${path}: run with UPDATE_GOLDEN=1`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** Lets watch deliveries and the recorder's flush run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

const resourceOf: Record<string, string> = {
  Pod: 'pods',
  ReplicaSet: 'replicasets.apps',
  ControllerRevision: 'controllerrevisions.apps',
  Deployment: 'deployments.apps',
  DaemonSet: 'daemonsets.apps',
  StatefulSet: 'statefulsets.apps',
};

const owner = (kind: string, name: string) => [
  { apiVersion: 'apps/v1', kind, name, uid: `uid-${name}`, controller: true },
];

export function podStatus(state: PodState | 'succeeded'): Obj {
  switch (state) {
    case 'starting':
      return { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] };
    case 'running':
      return { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] };
    case 'succeeded':
      return { phase: 'Succeeded' };
    default:
      return { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
  }
}

export class World {
  readonly clock = new SteppedClock(start);
  readonly store: Store;
  recorder!: TimelineRecorder;

  constructor(store?: Store) {
    this.store = store ?? openMemoryStore({ clock: this.clock, compaction: false });
  }

  async startRecorder(options: Partial<TimelineRecorderOptions> = {}, persistence?: TimelinePersistence) {
    this.recorder = new TimelineRecorder({
      store: this.store,
      clock: this.clock,
      persistence,
      ...options,
    }).start();
    await this.recorder.synced();
    await settle();
    return this.recorder;
  }

  /** Moves the clock to `seconds` after the start. */
  async at(seconds: number): Promise<void> {
    await this.clock.advanceTo(start + seconds * 1000);
  }

  async put(obj: Obj): Promise<void> {
    const key = {
      resource: resourceOf[obj.kind],
      namespace: obj.metadata.namespace ?? 'default',
      name: obj.metadata.name,
    };
    obj.metadata.namespace = key.namespace;
    await this.store.guaranteedUpdate(key, () => structuredClone(obj) as StoredObject, {
      ignoreNotFound: true,
    });
    await settle();
  }

  async patch(kind: string, name: string, change: (o: Obj) => void, namespace = 'default'): Promise<void> {
    const key = { resource: resourceOf[kind], namespace, name };
    await this.store.guaranteedUpdate(key, (current) => {
      const next = structuredClone(current) as Obj;
      change(next);
      return next as StoredObject;
    });
    await settle();
  }

  async remove(kind: string, name: string, namespace = 'default'): Promise<void> {
    await this.store.delete({ resource: resourceOf[kind], namespace, name });
    await settle();
  }

  deployment(name: string, replicas: number, extra: Obj = {}): Promise<void> {
    return this.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: { replicas },
      ...extra,
    });
  }

  replicaSet(name: string, deployment: string, revision: number): Promise<void> {
    return this.put({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        annotations: { 'deployment.kubernetes.io/revision': String(revision) },
        ownerReferences: owner('Deployment', deployment),
      },
    });
  }

  controllerRevision(name: string, ownerKind: string, ownerName: string, hash: string, revision: number) {
    return this.put({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        labels: { 'controller-revision-hash': hash },
        ownerReferences: owner(ownerKind, ownerName),
      },
      revision,
    });
  }

  /** A pod controlled by `ownerKind/ownerName`, in `state` (terminating: deletionTimestamp set while ready). */
  pod(name: string, ownerKind: string, ownerName: string, state: PodState | 'succeeded', hash?: string) {
    const metadata: Obj = { name, ownerReferences: owner(ownerKind, ownerName) };
    if (hash) metadata.labels = { 'controller-revision-hash': hash };
    if (state === 'terminating') metadata.deletionTimestamp = new Date(this.clock.now()).toISOString();
    return this.put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata,
      status: podStatus(state === 'terminating' ? 'ready' : state),
    });
  }
}
