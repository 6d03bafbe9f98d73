// The Job controller (pkg/controller/job), NonIndexed completion mode: keeps
// up to parallelism pods running until completions pods have succeeded,
// counts succeeded and failed pods from their phases (restarts too, for
// restartPolicy OnFailure), retries failures with the pod failure back-off,
// honours backoffLimit, activeDeadlineSeconds and suspend, and finishes with
// SuccessCriteriaMet+Complete or FailureTarget+Failed as upstream does. It
// also does the ttl-after-finished controller's job: deleting a finished Job
// ttlSecondsAfterFinished after it finished.

import { labelSelectorAsSelector, type Selector } from '../../../kube/selectors/index.ts';
import { isNotFound, type KubeObject, podsResource, type Resource } from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { semanticEqual } from '../equality.ts';
import { type EventSource, timeString } from '../events.ts';
import { type Informer, objectKeyOf, splitKey } from '../informer.ts';
import { claimObjects, controllerRefOf, newControllerRef } from '../owner.ts';
import { isPodActive, isPodReady, isPodTerminating, podsToDelete } from '../pods.ts';
import { WorkQueue } from '../queue.ts';

export const jobsResource: Resource = { group: 'batch', version: 'v1', resource: 'jobs' };

const source: EventSource = { component: 'job-controller' };
/** Upstream's burst: at most this many pod creations per sync. */
const burstReplicas = 500;
/** The pod failure back-off (DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff). */
const failureBackOffMs = 10_000;
const maxFailureBackOffMs = 360_000;

export interface JobCondition {
  type: string;
  status: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export const jobReasons = {
  backoffLimitExceeded: {
    reason: 'BackoffLimitExceeded',
    message: 'Job has reached the specified backoff limit',
  },
  deadlineExceeded: { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' },
  completionsReached: { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
} as const;

function conditionsOf(job: KubeObject): JobCondition[] {
  return (job.status?.conditions ?? []) as JobCondition[];
}

function hasCondition(job: KubeObject, type: string): JobCondition | undefined {
  return conditionsOf(job).find((c) => c.type === type && c.status === 'True');
}

/** Complete or Failed, True (IsJobFinished). */
export function jobFinished(job: KubeObject): JobCondition | undefined {
  return hasCondition(job, 'Complete') ?? hasCondition(job, 'Failed');
}

function selectorOf(job: KubeObject): Selector {
  try {
    return labelSelectorAsSelector(job.spec?.selector);
  } catch {
    return labelSelectorAsSelector(null);
  }
}

function labelsOf(obj: KubeObject): Record<string, string> {
  return (obj.metadata?.labels ?? {}) as Record<string, string>;
}

function phaseOf(pod: KubeObject): string | undefined {
  return pod.status?.phase;
}

/** When a failed pod finished: its latest container exit, else its last status write. */
function finishedAt(pod: KubeObject): number {
  let latest = 0;
  for (const cs of (pod.status?.containerStatuses ?? []) as KubeObject[]) {
    const t = Date.parse(cs.state?.terminated?.finishedAt ?? '');
    if (Number.isFinite(t)) latest = Math.max(latest, t);
  }
  return latest || Date.parse(pod.metadata?.creationTimestamp ?? '') || 0;
}

function restartsOf(pod: KubeObject): number {
  return ((pod.status?.containerStatuses ?? []) as { restartCount?: number }[]).reduce(
    (n, s) => n + (s.restartCount ?? 0),
    0,
  );
}

/** The store's resourceVersions are increasing integers. */
function resourceVersionOf(obj: KubeObject): bigint {
  try {
    return BigInt(obj.metadata?.resourceVersion ?? 0);
  } catch {
    return -1n;
  }
}

export class JobController implements Controller {
  readonly name = 'job-controller';
  private readonly queue: WorkQueue;
  private readonly jobs: Informer;
  private readonly pods: Informer;
  /** Pods created but not yet seen by the informer, per Job (a light form of upstream's expectations). */
  private readonly pendingCreates = new Map<string, number>();
  /** The Job as this controller last wrote it, until the informer catches up (its own writes are not stale input). */
  private readonly written = new Map<string, KubeObject>();

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.sync(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.jobs = ctx.informers.for(jobsResource);
    this.pods = ctx.informers.for(podsResource);
    this.jobs.addHandlers({
      add: (job) => this.queue.add(objectKeyOf(job)),
      update: (_old, job) => this.queue.add(objectKeyOf(job)),
      delete: (job) => {
        this.pendingCreates.delete(objectKeyOf(job));
        this.queue.add(objectKeyOf(job));
      },
    });
    this.pods.addHandlers({
      add: (pod) => this.podChanged(pod, true),
      update: (old, pod) => {
        const oldKey = this.ownerKey(old);
        if (oldKey && oldKey !== this.ownerKey(pod)) this.queue.add(oldKey);
        this.podChanged(pod, false);
      },
      delete: (pod) => this.podChanged(pod, false),
    });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  private ownerKey(pod: KubeObject): string | undefined {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== 'Job') return undefined;
    const job = this.jobs.get(pod.metadata?.namespace, ref.name);
    if (!job || job.metadata?.uid !== ref.uid) return undefined;
    return objectKeyOf(job);
  }

  private podChanged(pod: KubeObject, added: boolean): void {
    const key = this.ownerKey(pod);
    if (key) {
      if (added) {
        const pending = this.pendingCreates.get(key) ?? 0;
        if (pending > 0) this.pendingCreates.set(key, pending - 1);
      }
      this.queue.add(key);
      return;
    }
    if (controllerRefOf(pod)) return;
    // An orphan wakes every Job whose selector matches, so one can adopt it.
    for (const job of this.jobs.list(pod.metadata?.namespace)) {
      if (selectorOf(job).matches(labelsOf(pod))) this.queue.add(objectKeyOf(job));
    }
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const job = this.freshest(key, this.jobs.get(namespace, name));
    if (!job) {
      this.pendingCreates.delete(key);
      this.written.delete(key);
      return;
    }
    const now = this.ctx.clock.now();
    const finished = jobFinished(job);
    if (finished) {
      await this.expireIfDue(key, job, finished, now);
      return;
    }
    if (job.metadata?.deletionTimestamp) return;
    // Pods this Job created are still on their way to the informer: wait for them.
    if ((this.pendingCreates.get(key) ?? 0) > 0) return;

    const selector = selectorOf(job);
    const uid = job.metadata?.uid;
    const pods = await claimObjects(
      this.ctx.client,
      podsResource,
      job,
      'batch/v1',
      'Job',
      this.pods.list(namespace).filter((p) => !controllerRefOf(p) || controllerRefOf(p)!.uid === uid),
      (p) => selector.matches(labelsOf(p)),
    );
    const spec = job.spec ?? {};
    const status: Record<string, unknown> = { ...(job.status ?? {}) };
    let conditions = conditionsOf(job).map((c) => ({ ...c }));
    const active = pods.filter(isPodActive);
    const terminating = pods.filter(isPodTerminating);
    const succeededPods = pods.filter((p) => phaseOf(p) === 'Succeeded');
    const failedPods = pods.filter((p) => phaseOf(p) === 'Failed');
    // Counts never go down: a finished pod someone deleted was still counted once.
    const succeeded = Math.max(Number(status.succeeded ?? 0), succeededPods.length);
    const failed = Math.max(Number(status.failed ?? 0), failedPods.length);
    const suspended = spec.suspend === true;
    const stamp = timeString(now);
    const setCondition = (type: string, value: string, reason: string, message: string) => {
      const existing = conditions.find((c) => c.type === type);
      if (existing && existing.status === value) return false;
      conditions = conditions.filter((c) => c.type !== type);
      conditions.push({
        type,
        status: value,
        lastProbeTime: stamp,
        lastTransitionTime: stamp,
        reason,
        message,
      });
      return true;
    };

    // Why the Job fails, once decided (FailureTarget), or now.
    let failure: { reason: string; message: string } | undefined;
    const target = conditions.find((c) => c.type === 'FailureTarget' && c.status === 'True');
    if (target) failure = { reason: target.reason ?? '', message: target.message ?? '' };
    const restarts =
      spec.template?.spec?.restartPolicy === 'OnFailure'
        ? [...active, ...terminating].reduce((n, p) => n + restartsOf(p), 0)
        : 0;
    if (!failure && failed + restarts > (spec.backoffLimit ?? 6)) failure = jobReasons.backoffLimitExceeded;
    const startTime = status.startTime ? Date.parse(String(status.startTime)) : undefined;
    const deadline = spec.activeDeadlineSeconds;
    if (!failure && !suspended && typeof deadline === 'number' && startTime !== undefined) {
      if (now - startTime >= deadline * 1000) failure = jobReasons.deadlineExceeded;
      else this.queue.addAfter(key, startTime + deadline * 1000 - now);
    }
    const completions = spec.completions;
    const complete =
      !failure &&
      (conditions.some((c) => c.type === 'SuccessCriteriaMet' && c.status === 'True') ||
        (typeof completions === 'number' ? succeeded >= completions : succeeded > 0 && active.length === 0));

    let manageError: Error | undefined;
    let finishedNow: 'Complete' | 'Failed' | undefined;
    if (failure || complete) {
      const [interim, final] = failure ? ['FailureTarget', 'Failed'] : ['SuccessCriteriaMet', 'Complete'];
      const why = failure ?? jobReasons.completionsReached;
      setCondition(interim, 'True', why.reason, why.message);
      try {
        await this.deletePods(job, active, active.length);
      } catch (err) {
        manageError = err as Error;
      }
      // The terminal condition waits until no pod of the Job is still running or terminating.
      if (active.length === 0 && terminating.length === 0) {
        setCondition(final, 'True', why.reason, why.message);
        finishedNow = final as 'Complete' | 'Failed';
        if (final === 'Complete') status.completionTime = stamp;
      }
    } else if (suspended) {
      if (setCondition('Suspended', 'True', 'JobSuspended', 'Job suspended'))
        this.ctx.recorder.record(source, job, 'Normal', 'Suspended', 'Job suspended');
      try {
        await this.deletePods(job, active, active.length);
      } catch (err) {
        manageError = err as Error;
      }
    } else {
      if (conditions.some((c) => c.type === 'Suspended' && c.status === 'True')) {
        setCondition('Suspended', 'False', 'JobResumed', 'Job resumed');
        this.ctx.recorder.record(source, job, 'Normal', 'Resumed', 'Job resumed');
        // A resumed Job starts its activeDeadlineSeconds afresh.
        status.startTime = stamp;
      }
      status.startTime ??= stamp;
      try {
        await this.manageActive(key, job, pods, active, failedPods, succeeded, now);
      } catch (err) {
        manageError = err as Error;
      }
    }

    const next: Record<string, unknown> = {
      ...status,
      conditions: conditions.length > 0 ? conditions : undefined,
      active: active.length || undefined,
      ready: active.filter(isPodReady).length,
      terminating: terminating.length,
      succeeded: succeeded || undefined,
      failed: failed || undefined,
      uncountedTerminatedPods: {},
    };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    if (!semanticEqual(next, job.status ?? {})) {
      try {
        this.written.set(
          key,
          await this.ctx.client.updateStatus(jobsResource, namespace, { ...job, status: next }),
        );
      } catch (err) {
        if (!isNotFound(err)) throw err;
        return;
      }
      if (finishedNow === 'Complete')
        this.ctx.recorder.record(source, job, 'Normal', 'Completed', 'Job completed');
      else if (finishedNow === 'Failed')
        this.ctx.recorder.record(source, job, 'Warning', failure!.reason, failure!.message);
    }
    if (manageError) throw manageError;
  }

  private freshest(key: string, cached: KubeObject | undefined): KubeObject | undefined {
    const mine = this.written.get(key);
    if (!cached || !mine || mine.metadata?.uid !== cached.metadata?.uid) return cached;
    const newer = resourceVersionOf(mine) > resourceVersionOf(cached);
    if (!newer) this.written.delete(key);
    return newer ? mine : cached;
  }

  /** Creates or deletes pods towards the wanted number of active pods. */
  private async manageActive(
    key: string,
    job: KubeObject,
    pods: KubeObject[],
    active: KubeObject[],
    failedPods: KubeObject[],
    succeeded: number,
    now: number,
  ): Promise<void> {
    const spec = job.spec ?? {};
    const parallelism = Math.max(0, spec.parallelism ?? 1);
    let want: number;
    if (typeof spec.completions !== 'number') want = succeeded > 0 ? active.length : parallelism;
    else want = Math.max(0, Math.min(spec.completions - succeeded, parallelism));
    const diff = active.length - want;
    if (diff > 0) {
      await this.deletePods(job, podsToDelete(active, pods, diff, now), diff);
      return;
    }
    if (diff === 0) return;
    // Replacements for failed pods wait out the failure back-off (10s doubling, at most 6m).
    if (failedPods.length > 0) {
      const last = Math.max(...failedPods.map(finishedAt));
      const backOff = Math.min(maxFailureBackOffMs, failureBackOffMs * 2 ** (failedPods.length - 1));
      if (last + backOff > now) {
        this.queue.addAfter(key, last + backOff - now);
        return;
      }
    }
    const count = Math.min(-diff, burstReplicas);
    this.pendingCreates.set(key, count);
    let created = 0;
    let failure: Error | undefined;
    // slowStartBatch: batches of 1, 2, 4... stopping after a batch with a failure.
    for (let batch = 1; created < count && !failure; batch *= 2) {
      const size = Math.min(batch, count - created);
      const results = await Promise.allSettled(
        Array.from({ length: size }, () =>
          this.ctx.client.create(podsResource, job.metadata?.namespace, this.podFromTemplate(job)),
        ),
      );
      for (const r of results) {
        if (r.status === 'fulfilled') {
          created++;
          this.ctx.recorder.record(
            source,
            job,
            'Normal',
            'SuccessfulCreate',
            `Created pod: ${r.value.metadata?.name}`,
          );
        } else {
          failure ??= r.reason as Error;
          this.ctx.recorder.record(
            source,
            job,
            'Warning',
            'FailedCreate',
            `Error creating: ${(r.reason as Error).message}`,
          );
        }
      }
    }
    if (failure) {
      // The creations that never happened will never be observed.
      this.pendingCreates.set(key, Math.max(0, (this.pendingCreates.get(key) ?? 0) - (count - created)));
      throw failure;
    }
  }

  private async deletePods(job: KubeObject, victims: KubeObject[], count: number): Promise<void> {
    let failure: Error | undefined;
    await Promise.all(
      victims.slice(0, count).map(async (pod) => {
        try {
          await this.ctx.client.delete(podsResource, pod.metadata?.namespace, pod.metadata!.name, {
            preconditions: { uid: pod.metadata?.uid },
          });
          this.ctx.recorder.record(
            source,
            job,
            'Normal',
            'SuccessfulDelete',
            `Deleted pod: ${pod.metadata?.name}`,
          );
        } catch (err) {
          if (isNotFound(err)) return;
          failure ??= err as Error;
          this.ctx.recorder.record(
            source,
            job,
            'Warning',
            'FailedDelete',
            `Error deleting: ${(err as Error).message}`,
          );
        }
      }),
    );
    if (failure) throw failure;
  }

  /** The template's labels, annotations, finalizers and spec, named <job>-<random>. */
  private podFromTemplate(job: KubeObject): KubeObject {
    const template = job.spec?.template ?? {};
    const meta = template.metadata ?? {};
    const metadata: Record<string, unknown> = {
      generateName: `${job.metadata?.name}-`,
      namespace: job.metadata?.namespace,
      labels: structuredClone(meta.labels ?? {}),
      ownerReferences: [newControllerRef(job, 'batch/v1', 'Job')],
    };
    if (meta.annotations) metadata.annotations = structuredClone(meta.annotations);
    if (meta.finalizers) metadata.finalizers = structuredClone(meta.finalizers);
    return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(template.spec ?? {}) };
  }

  /**
   * The ttl-after-finished controller: a finished Job with
   * ttlSecondsAfterFinished is deleted (foreground, so its pods go first)
   * that many seconds after its Complete/Failed condition.
   */
  private async expireIfDue(
    key: string,
    job: KubeObject,
    finished: JobCondition,
    now: number,
  ): Promise<void> {
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (typeof ttl !== 'number' || job.metadata?.deletionTimestamp) return;
    const finishedTime = Date.parse(finished.lastTransitionTime ?? '');
    if (!Number.isFinite(finishedTime)) return;
    const expireAt = finishedTime + ttl * 1000;
    if (expireAt > now) {
      this.queue.addAfter(key, expireAt - now);
      return;
    }
    try {
      await this.ctx.client.delete(jobsResource, job.metadata?.namespace, job.metadata!.name, {
        propagationPolicy: 'Foreground',
        preconditions: { resourceVersion: job.metadata?.resourceVersion },
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
