// The CronJob controller (pkg/controller/cronjob, controller v2): on the
// cluster Clock, creates a Job named <cronjob>-<minutes since epoch> for the
// most recent unmet schedule time, honouring suspend, startingDeadlineSeconds
// and concurrencyPolicy (Allow, Forbid, Replace); keeps status.active,
// lastScheduleTime and lastSuccessfulTime; deletes finished Jobs beyond the
// history limits; and records upstream's events.

import { isAlreadyExists, isNotFound, type KubeObject, type Resource } from '../client.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { semanticEqual } from '../equality.ts';
import { type EventSource, timeString } from '../events.ts';
import { type Informer, objectKeyOf, splitKey } from '../informer.ts';
import { jobFinished, jobsResource } from '../job/controller.ts';
import { controllerRefOf, newControllerRef } from '../owner.ts';
import { WorkQueue } from '../queue.ts';
import { type CronSchedule, knownTimeZone, parseSchedule } from './schedule.ts';

export const cronJobsResource: Resource = { group: 'batch', version: 'v1', resource: 'cronjobs' };
export const scheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

const source: EventSource = { component: 'cronjob-controller' };
/** Requeue padding after the next schedule time (nextScheduleDelta), for clock skew. */
const nextScheduleDeltaMs = 100;

interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
}

/** The Job name for a scheduled time: the CronJob's name and the time in minutes since the epoch. */
export function jobNameFor(cronJobName: string, scheduledMs: number): string {
  return `${cronJobName}-${Math.floor(scheduledMs / 60_000)}`;
}

/** RFC 3339 at second precision in a time zone (Go's Format(time.RFC3339) after In(loc)). */
function rfc3339In(ms: number, zone: string | undefined): string {
  if (!zone || zone === 'UTC' || zone === 'Local') return timeString(ms);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  const wall = Date.UTC(
    +get('year'),
    +get('month') - 1,
    +get('day'),
    +get('hour'),
    +get('minute'),
    +get('second'),
  );
  const offsetMin = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  if (offsetMin === 0) return `${new Date(wall).toISOString().slice(0, 19)}Z`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${new Date(wall).toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}

/** Go's time.RFC1123Z in UTC: "Mon, 02 Jan 2006 15:04:05 +0000". */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** The schedule string with the CronJob's timeZone applied (formatSchedule). */
function scheduleText(cj: KubeObject): string {
  const schedule = String(cj.spec?.schedule ?? '');
  const zone = cj.spec?.timeZone;
  if (schedule.includes('TZ') || typeof zone !== 'string' || !knownTimeZone(zone)) return schedule;
  return `TZ=${zone} ${schedule}`;
}

interface Recent {
  earliest: number;
  mostRecent: number | undefined;
  manyMissed: boolean;
  missed: boolean;
}

/**
 * The last schedule time at or before now since the last run (or creation),
 * and whether over 100 were missed, by upstream's interval estimate.
 */
function mostRecentScheduleTime(
  cj: KubeObject,
  now: number,
  schedule: CronSchedule,
  withStartingDeadline: boolean,
): Recent {
  let earliest = Date.parse(cj.status?.lastScheduleTime ?? cj.metadata?.creationTimestamp ?? '');
  if (!Number.isFinite(earliest)) earliest = now;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (withStartingDeadline && typeof deadline === 'number')
    earliest = Math.max(earliest, now - deadline * 1000);
  const t1 = schedule.next(earliest);
  if (t1 === undefined || now < t1)
    return { earliest, mostRecent: undefined, manyMissed: false, missed: false };
  const t2 = schedule.next(t1);
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, manyMissed: false, missed: false };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) throw new Error('time difference between two schedules is less than 1 second');
  const missedCount = Math.floor((now - t1) / 1000 / between) + 1;
  let mostRecent: number | undefined;
  const from = t1 + (missedCount - 2) * between * 1000;
  for (let t = schedule.next(from); t !== undefined && t <= now; t = schedule.next(t)) mostRecent = t;
  return { earliest, mostRecent, manyMissed: missedCount > 100, missed: missedCount > 0 };
}

/** How long until the next schedule time, plus the skew padding. */
function nextScheduleDelay(cj: KubeObject, now: number, schedule: CronSchedule): number | undefined {
  let from: number;
  try {
    const recent = mostRecentScheduleTime(cj, now, schedule, false);
    from = recent.mostRecent ?? (recent.missed ? now : recent.earliest);
  } catch {
    from = now;
  }
  const next = schedule.next(from);
  return next === undefined ? undefined : next + nextScheduleDeltaMs - now;
}

function startTimeOf(job: KubeObject): number | undefined {
  const t = Date.parse(job.status?.startTime ?? '');
  return Number.isFinite(t) ? t : undefined;
}

/** Oldest start first, jobs never started last, names breaking ties (byJobStartTime). */
function byStartTime(a: KubeObject, b: KubeObject): number {
  const sa = startTimeOf(a);
  const sb = startTimeOf(b);
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb) return String(a.metadata?.name) < String(b.metadata?.name) ? -1 : 1;
  return sa! - sb!;
}

export class CronJobController implements Controller {
  readonly name = 'cronjob-controller';
  private readonly queue: WorkQueue;
  private readonly cronJobs: Informer;
  private readonly jobs: Informer;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(
      ctx.clock,
      (key) => this.sync(key),
      (key, err) => ctx.onError?.(this.name, key, err),
    );
    this.cronJobs = ctx.informers.for(cronJobsResource);
    this.jobs = ctx.informers.for(jobsResource);
    this.cronJobs.addHandlers({
      add: (cj) => this.queue.add(objectKeyOf(cj)),
      update: (_old, cj) => this.queue.add(objectKeyOf(cj)),
    });
    const wakeOwner = (job: KubeObject) => {
      const ref = controllerRefOf(job);
      if (ref?.kind !== 'CronJob') return;
      const cj = this.cronJobs.get(job.metadata?.namespace, ref.name);
      if (cj && cj.metadata?.uid === ref.uid) this.queue.add(objectKeyOf(cj));
    };
    this.jobs.addHandlers({ add: wakeOwner, update: (_old, job) => wakeOwner(job), delete: wakeOwner });
  }

  busy(): boolean {
    return this.queue.busy();
  }

  stop(): void {
    this.queue.stop();
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    let cached = this.cronJobs.get(namespace, name);
    if (!cached) return;
    const uid = cached.metadata?.uid;
    const jobs = this.jobs.list(namespace).filter((j) => controllerRefOf(j)?.uid === uid);
    // A running Job missing from status.active may be this controller's own write not yet in the cache: read it fresh.
    const listed = new Set(((cached.status?.active ?? []) as ObjectReference[]).map((r) => r.uid));
    if (jobs.some((j) => !listed.has(j.metadata?.uid) && !jobFinished(j))) {
      try {
        cached = await this.ctx.client.get(cronJobsResource, namespace, name);
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
    }
    const cj: KubeObject = structuredClone(cached);
    const status: Record<string, unknown> = (cj.status ??= {});
    const { requeueMs } = await this.reconcile(cj, status, jobs);
    await this.cleanupFinishedJobs(cj, jobs);
    const cleaned = { ...status };
    if (Array.isArray(cleaned.active) && cleaned.active.length === 0) delete cleaned.active;
    if (!semanticEqual(cleaned, cached.status ?? {})) {
      try {
        await this.ctx.client.updateStatus(cronJobsResource, namespace, { ...cached, status: cleaned });
      } catch (err) {
        if (!isNotFound(err)) throw err;
        return;
      }
    }
    if (requeueMs !== undefined) this.queue.addAfter(key, Math.max(1, requeueMs));
  }

  private active(status: Record<string, unknown>): ObjectReference[] {
    return (status.active ??= []) as ObjectReference[];
  }

  private record(cj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.record(source, cj, type, reason, message);
  }

  /** syncCronJob: updates status in place; returns when to look again. */
  private async reconcile(
    cj: KubeObject,
    status: Record<string, unknown>,
    jobs: KubeObject[],
  ): Promise<{ requeueMs?: number }> {
    const { client } = this.ctx;
    const now = this.ctx.clock.now();
    const children = new Set(jobs.map((j) => j.metadata?.uid));
    for (const job of jobs) {
      const listed = this.active(status).some((r) => r.uid === job.metadata?.uid);
      const finished = jobFinished(job);
      if (!listed && !finished) {
        this.record(
          cj,
          'Warning',
          'UnexpectedJob',
          `Saw a job that the controller did not create or forgot: ${job.metadata?.name}`,
        );
      } else if (finished) {
        if (listed) {
          status.active = this.active(status).filter((r) => r.uid !== job.metadata?.uid);
          this.record(
            cj,
            'Normal',
            'SawCompletedJob',
            `Saw completed job: ${job.metadata?.name}, condition: ${finished.type}`,
          );
        }
        const completion = job.status?.completionTime;
        if (finished.type === 'Complete' && completion) {
          const last = status.lastSuccessfulTime as string | undefined;
          if (!last || Date.parse(completion) > Date.parse(last)) status.lastSuccessfulTime = completion;
        }
      }
    }
    for (const ref of [...this.active(status)]) {
      if (children.has(ref.uid)) continue;
      try {
        await client.get(jobsResource, ref.namespace, ref.name ?? '');
      } catch (err) {
        if (!isNotFound(err)) throw err;
        this.record(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
        status.active = this.active(status).filter((r) => r.uid !== ref.uid);
      }
    }
    if (cj.metadata?.deletionTimestamp) return {};
    const zone = cj.spec?.timeZone;
    if (typeof zone === 'string' && !knownTimeZone(zone)) {
      this.record(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${zone}": unknown time zone ${zone}`);
      return {};
    }
    if (cj.spec?.suspend === true) return {};
    const text = scheduleText(cj);
    if (text.includes('TZ')) {
      this.record(
        cj,
        'Warning',
        'UnsupportedSchedule',
        `CRON_TZ or TZ used in schedule "${cj.spec?.schedule}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
      );
    }
    let schedule: CronSchedule;
    try {
      schedule = parseSchedule(text);
    } catch (err) {
      this.record(
        cj,
        'Warning',
        'UnparseableSchedule',
        `unparseable schedule: "${cj.spec?.schedule}" : ${(err as Error).message}`,
      );
      return {};
    }
    let recent: Recent;
    try {
      recent = mostRecentScheduleTime(cj, now, schedule, true);
    } catch (err) {
      this.record(
        cj,
        'Warning',
        'InvalidSchedule',
        `invalid schedule: ${cj.spec?.schedule} : ${(err as Error).message}`,
      );
      return {};
    }
    const scheduled = recent.mostRecent;
    const requeueMs = nextScheduleDelay(cj, now, schedule);
    if (scheduled === undefined) return { requeueMs };
    if (recent.manyMissed) {
      this.record(
        cj,
        'Warning',
        'TooManyMissedTimes',
        'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      );
    }
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (typeof deadline === 'number' && scheduled + deadline * 1000 < now) {
      this.record(
        cj,
        'Warning',
        'MissSchedule',
        `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`,
      );
      return { requeueMs };
    }
    const jobName = jobNameFor(cj.metadata?.name, scheduled);
    const lastSchedule = status.lastScheduleTime ? Date.parse(String(status.lastScheduleTime)) : undefined;
    if (this.active(status).some((r) => r.name === jobName) || lastSchedule === scheduled)
      return { requeueMs };
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && this.active(status).length > 0) {
      this.record(
        cj,
        'Normal',
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
      );
      return { requeueMs };
    }
    if (policy === 'Replace') {
      for (const ref of [...this.active(status)]) {
        let job: KubeObject;
        try {
          job = await client.get(jobsResource, ref.namespace, ref.name ?? '');
        } catch (err) {
          this.record(cj, 'Warning', 'FailedGet', `Get job: ${(err as Error).message}`);
          throw err;
        }
        if (!(await this.deleteJob(cj, status, job))) {
          throw new Error(`could not replace job ${job.metadata?.namespace}/${job.metadata?.name}`);
        }
      }
    }
    let created: KubeObject;
    try {
      created = await client.create(
        jobsResource,
        cj.metadata?.namespace,
        this.jobFromTemplate(cj, jobName, scheduled),
      );
      this.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata?.name}`);
    } catch (err) {
      if (!isAlreadyExists(err)) {
        this.record(cj, 'Warning', 'FailedCreate', `Error creating job: ${(err as Error).message}`);
        throw err;
      }
      // Created earlier but the status update was lost: list it again unless another actor made it.
      created = await client.get(jobsResource, cj.metadata?.namespace, jobName);
      if (controllerRefOf(created)?.uid !== cj.metadata?.uid) return {};
      if (this.active(status).some((r) => r.uid === created.metadata?.uid)) return {};
    }
    this.active(status).push({
      kind: 'Job',
      namespace: created.metadata?.namespace,
      name: created.metadata?.name,
      uid: created.metadata?.uid,
      apiVersion: 'batch/v1',
      resourceVersion: created.metadata?.resourceVersion,
    });
    status.lastScheduleTime = timeString(scheduled);
    return { requeueMs: nextScheduleDelay(cj, now, schedule) };
  }

  /** getJobFromTemplate2: the template's labels, annotations (plus the scheduled time) and spec. */
  private jobFromTemplate(cj: KubeObject, name: string, scheduled: number): KubeObject {
    const template = cj.spec?.jobTemplate ?? {};
    const annotations: Record<string, string> = { ...(template.metadata?.annotations ?? {}) };
    annotations[scheduledTimestampAnnotation] = rfc3339In(scheduled, cj.spec?.timeZone);
    const metadata: Record<string, unknown> = {
      name,
      namespace: cj.metadata?.namespace,
      annotations,
      ownerReferences: [newControllerRef(cj, 'batch/v1', 'CronJob')],
    };
    if (template.metadata?.labels) metadata.labels = structuredClone(template.metadata.labels);
    return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: structuredClone(template.spec ?? {}) };
  }

  /** Deletes a Job (background propagation) and drops it from the active list. */
  private async deleteJob(
    cj: KubeObject,
    status: Record<string, unknown>,
    job: KubeObject,
  ): Promise<boolean> {
    try {
      await this.ctx.client.delete(jobsResource, job.metadata?.namespace, job.metadata!.name, {
        propagationPolicy: 'Background',
      });
    } catch (err) {
      if (!isNotFound(err)) {
        this.record(cj, 'Warning', 'FailedDelete', `Deleted job: ${(err as Error).message}`);
        return false;
      }
    }
    status.active = this.active(status).filter((r) => r.uid !== job.metadata?.uid);
    this.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata?.name}`);
    return true;
  }

  /** Keeps at most successfulJobsHistoryLimit complete and failedJobsHistoryLimit failed Jobs. */
  private async cleanupFinishedJobs(cj: KubeObject, jobs: KubeObject[]): Promise<void> {
    const spec = cj.spec ?? {};
    const status = (cj.status ??= {});
    const groups: [string, unknown][] = [
      ['Complete', spec.successfulJobsHistoryLimit],
      ['Failed', spec.failedJobsHistoryLimit],
    ];
    for (const [type, limit] of groups) {
      if (typeof limit !== 'number') continue;
      const done = jobs
        .filter((j) => !j.metadata?.deletionTimestamp && jobFinished(j)?.type === type)
        .sort(byStartTime);
      for (const job of done.slice(0, Math.max(0, done.length - limit)))
        await this.deleteJob(cj, status, job);
    }
  }
}
