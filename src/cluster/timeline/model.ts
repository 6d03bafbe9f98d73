// What a rollout timeline is: per workload, samples of how many pods each
// revision has in each state, taken whenever a count changes, and the events
// that explain the changes (a new revision, a scale, a progress deadline).
// This is also the JSON the HTTP surface serves and `rollout timeline` reads.

export const timelineGroup = 'bosun.dev';
export const timelineVersion = 'v1alpha1';
export const timelineResource = 'rollouttimelines';

/** The workload kinds that have a timeline. */
export type WorkloadKind = 'Deployment' | 'DaemonSet' | 'StatefulSet';

export const workloadKinds: readonly WorkloadKind[] = ['Deployment', 'DaemonSet', 'StatefulSet'];

export interface WorkloadRef {
  kind: WorkloadKind;
  namespace: string;
  name: string;
}

/** `Deployment/default/web`: the key of a workload's timeline. */
export function workloadKey(ref: WorkloadRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** The name a timeline has in the API: the kind in lower case, a dot, the workload's name. */
export function timelineName(ref: Pick<WorkloadRef, 'kind' | 'name'>): string {
  return `${ref.kind.toLowerCase()}.${ref.name}`;
}

/**
 * Where a pod is in its life, as `kubectl get pods` would show it: starting
 * (Pending, ContainerCreating, image pull errors), running but not ready,
 * ready, terminating (deletionTimestamp set, whatever its readiness).
 */
export type PodState = 'starting' | 'running' | 'ready' | 'terminating';

export const podStates: readonly PodState[] = ['ready', 'running', 'starting', 'terminating'];

export interface RevisionCounts {
  /** Deployment: the ReplicaSet's revision annotation; DaemonSet/StatefulSet: the ControllerRevision's number; 0 when unknown. */
  revision: number;
  /** The ReplicaSet, or the ControllerRevision's hash label (what tells the revisions apart). */
  name: string;
  starting: number;
  running: number;
  ready: number;
  terminating: number;
}

export interface Sample {
  /** Clock time, ms since the epoch. */
  t: number;
  /** Pods the workload wants: spec.replicas (DaemonSet: status.desiredNumberScheduled). */
  desired: number;
  /** Revisions that have pods, newest first. */
  revisions: RevisionCounts[];
}

export type TimelineEventType =
  | 'Created'
  | 'Deleted'
  | 'RevisionCreated'
  | 'Scaled'
  | 'Paused'
  | 'Resumed'
  | 'Condition';

export interface TimelineEvent {
  t: number;
  type: TimelineEventType;
  /** The revision the event concerns (RevisionCreated). */
  revision?: number;
  /** Condition events: the condition's type, status and reason (e.g. Progressing, False, ProgressDeadlineExceeded). */
  condition?: string;
  status?: string;
  reason?: string;
  /** One line saying what happened, as the text timeline prints it. */
  message: string;
  /** Condition events: the condition's message. */
  detail?: string;
}

/** A workload's timeline as served: `GET /apis/bosun.dev/v1alpha1/namespaces/{ns}/rollouttimelines/{kind}.{name}`. */
export interface RolloutTimeline {
  apiVersion: `${typeof timelineGroup}/${typeof timelineVersion}`;
  kind: 'RolloutTimeline';
  metadata: { name: string; namespace: string };
  workload: WorkloadRef;
  /** When recording began (the first sample or event kept). */
  start: number;
  /** The clock's time when this was read: the end of the last sample's span. */
  now: number;
  /** Older samples or events were dropped to keep the timeline bounded. */
  truncated: boolean;
  samples: Sample[];
  events: TimelineEvent[];
}

export function emptyCounts(revision: number, name: string): RevisionCounts {
  return { revision, name, starting: 0, running: 0, ready: 0, terminating: 0 };
}

export function totalPods(c: RevisionCounts): number {
  return c.starting + c.running + c.ready + c.terminating;
}

/** Two samples show the same picture (times aside). */
export function sameCounts(a: Sample, b: Sample): boolean {
  if (a.desired !== b.desired || a.revisions.length !== b.revisions.length) return false;
  return a.revisions.every((r, i) => {
    const o = b.revisions[i];
    return (
      r.revision === o.revision &&
      r.name === o.name &&
      r.starting === o.starting &&
      r.running === o.running &&
      r.ready === o.ready &&
      r.terminating === o.terminating
    );
  });
}
