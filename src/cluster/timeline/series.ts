// One workload's timeline in memory: samples kept only when the picture
// changes, events, both bounded (the oldest go first), plus what the
// recorder remembers of the workload to notice changes (replicas, paused,
// conditions, the newest revision seen) across restarts.

import {
  type RolloutTimeline,
  type Sample,
  sameCounts,
  type TimelineEvent,
  timelineGroup,
  timelineName,
  timelineVersion,
  type WorkloadRef,
} from './model.ts';

export interface TimelineLimits {
  /** Samples kept per workload. Default 2000. */
  maxSamples: number;
  /** Events kept per workload. Default 500. */
  maxEvents: number;
}

export const defaultLimits: TimelineLimits = { maxSamples: 2000, maxEvents: 500 };

/** What the recorder compares the next state of a workload with. */
export interface WorkloadMemory {
  /** When recording began: offsets stay put when old samples are dropped. */
  start?: number;
  replicas?: number;
  paused: boolean;
  /** Condition type -> "status/reason" last recorded. */
  conditions: Record<string, string>;
  /** The newest revision a RevisionCreated event was recorded for. */
  maxRevision: number;
  /** The workload object is gone (its pods may still be terminating). */
  deleted: boolean;
}

/** The rows of a timeline a persistence backend must write since the last flush. */
export interface TimelineUpdate {
  key: string;
  ref: WorkloadRef;
  memory: WorkloadMemory;
  truncated: boolean;
  /** Sequence number of samples[0]: rows below it are to be removed. */
  firstSample: number;
  /** One past the last sample's sequence number: rows at or above it are to be removed (an undone change). */
  sampleEnd: number;
  /** Samples to insert or replace, with their sequence numbers. */
  samples: { seq: number; sample: Sample }[];
  firstEvent: number;
  eventEnd: number;
  events: { seq: number; event: TimelineEvent }[];
}

export interface RestoredTimeline {
  key: string;
  ref: WorkloadRef;
  memory: WorkloadMemory;
  truncated: boolean;
  firstSample: number;
  samples: Sample[];
  firstEvent: number;
  events: TimelineEvent[];
}

export class Series {
  readonly samples: Sample[] = [];
  readonly events: TimelineEvent[] = [];
  memory: WorkloadMemory = { paused: false, conditions: {}, maxRevision: 0, deleted: false };
  truncated = false;
  /** Clock time of the last change, for evicting the longest-idle deleted timelines first. */
  lastChange = 0;
  private firstSample = 0;
  private firstEvent = 0;
  /** Lowest sequence number changed since the last flush (Infinity: none). */
  private dirtySample = Number.POSITIVE_INFINITY;
  private dirtyEvent = Number.POSITIVE_INFINITY;
  private dirtyMeta = false;

  constructor(
    readonly key: string,
    readonly ref: WorkloadRef,
    private readonly limits: TimelineLimits,
    restored?: RestoredTimeline,
  ) {
    if (restored) {
      this.memory = restored.memory;
      this.truncated = restored.truncated;
      this.firstSample = restored.firstSample;
      this.firstEvent = restored.firstEvent;
      this.samples.push(...restored.samples);
      this.events.push(...restored.events);
      this.lastChange = Math.max(restored.samples.at(-1)?.t ?? 0, restored.events.at(-1)?.t ?? 0);
    }
  }

  get dirty(): boolean {
    return (
      this.dirtyMeta ||
      this.dirtySample !== Number.POSITIVE_INFINITY ||
      this.dirtyEvent !== Number.POSITIVE_INFINITY
    );
  }

  touchMemory(): void {
    this.dirtyMeta = true;
  }

  /**
   * Records a sample if the picture changed. Several changes at one instant
   * make one sample (the last state), and a change undone within that
   * instant leaves no trace. Returns whether anything was recorded.
   */
  addSample(sample: Sample): boolean {
    this.begin(sample.t);
    const last = this.samples.at(-1);
    if (last && sameCounts(last, sample)) return false;
    if (last && last.t === sample.t) {
      const before = this.samples.at(-2);
      if (before && sameCounts(before, sample)) {
        this.samples.pop();
        this.dirtyMeta = true;
      } else {
        this.samples[this.samples.length - 1] = sample;
        this.markSample(this.samples.length - 1);
      }
    } else {
      this.samples.push(sample);
      this.markSample(this.samples.length - 1);
      if (this.samples.length > this.limits.maxSamples) {
        this.samples.shift();
        this.firstSample++;
        this.truncated = true;
        this.dirtyMeta = true;
      }
    }
    this.lastChange = sample.t;
    return true;
  }

  addEvent(event: TimelineEvent): void {
    this.begin(event.t);
    this.events.push(event);
    this.dirtyEvent = Math.min(this.dirtyEvent, this.firstEvent + this.events.length - 1);
    if (this.events.length > this.limits.maxEvents) {
      this.events.shift();
      this.firstEvent++;
      this.truncated = true;
      this.dirtyMeta = true;
    }
    this.lastChange = event.t;
  }

  /** The rows to write since the last call (then forgets them). */
  takeUpdate(): TimelineUpdate {
    const fromSample = Math.max(this.dirtySample, this.firstSample);
    const fromEvent = Math.max(this.dirtyEvent, this.firstEvent);
    const samples = this.samples
      .slice(Math.max(0, fromSample - this.firstSample))
      .map((sample, i) => ({ seq: fromSample + i, sample }));
    const events = this.events
      .slice(Math.max(0, fromEvent - this.firstEvent))
      .map((event, i) => ({ seq: fromEvent + i, event }));
    this.dirtySample = Number.POSITIVE_INFINITY;
    this.dirtyEvent = Number.POSITIVE_INFINITY;
    this.dirtyMeta = false;
    return {
      key: this.key,
      ref: this.ref,
      memory: this.memory,
      truncated: this.truncated,
      firstSample: this.firstSample,
      sampleEnd: this.sampleEnd,
      samples,
      firstEvent: this.firstEvent,
      eventEnd: this.eventEnd,
      events,
    };
  }

  /** How many sequence numbers are in use (rows at or above this are stale). */
  get sampleEnd(): number {
    return this.firstSample + this.samples.length;
  }

  get eventEnd(): number {
    return this.firstEvent + this.events.length;
  }

  /** The API object: `now` closes the last sample's span. */
  toResource(now: number): RolloutTimeline {
    const start = this.memory.start ?? Math.min(this.samples[0]?.t ?? now, this.events[0]?.t ?? now);
    return {
      apiVersion: `${timelineGroup}/${timelineVersion}`,
      kind: 'RolloutTimeline',
      metadata: { name: timelineName(this.ref), namespace: this.ref.namespace },
      workload: { ...this.ref },
      start,
      now: Math.max(now, this.lastChange),
      truncated: this.truncated,
      samples: this.samples.map((s) => ({ ...s, revisions: s.revisions.map((r) => ({ ...r })) })),
      events: this.events.map((e) => ({ ...e })),
    };
  }

  private begin(t: number): void {
    if (this.memory.start !== undefined) return;
    this.memory.start = t;
    this.dirtyMeta = true;
  }

  private markSample(index: number): void {
    this.dirtySample = Math.min(this.dirtySample, this.firstSample + index);
  }
}
