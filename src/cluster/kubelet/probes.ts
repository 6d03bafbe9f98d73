// The kubelet's probes (pkg/kubelet/prober) reduced to arithmetic: a probe runs
// at initialDelaySeconds + k * periodSeconds after the container started, and its
// result only flips after failureThreshold failures or successThreshold successes
// in a row. The simulated application is healthy or not at each instant (profile.ts);
// these functions say at which probe the result flips.

import type { KubeObject } from '../controllers/index.ts';

export type ProbeKind = 'Startup' | 'Liveness' | 'Readiness';

export interface ProbeTiming {
  initialDelayMs: number;
  periodMs: number;
  failureThreshold: number;
  successThreshold: number;
  /** The probe's own terminationGracePeriodSeconds (liveness and startup), if set. */
  terminationGracePeriodMs: number | undefined;
  /** What a failed probe reports, for the pod IP it probed. */
  failure: (podIP: string | undefined) => string;
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function portOf(port: unknown, container: KubeObject): string {
  if (typeof port === 'number') return String(port);
  const named = ((container.ports ?? []) as KubeObject[]).find((p) => p.name === port);
  return String(named?.containerPort ?? port ?? '');
}

/** The output a failing probe of each handler gives (prober.go's Unhealthy event text after the colon). */
function failureText(probe: KubeObject, container: KubeObject): (podIP: string | undefined) => string {
  if (probe.httpGet) return () => 'HTTP probe failed with statuscode: 500';
  if (probe.tcpSocket) {
    const port = portOf(probe.tcpSocket.port, container);
    return (ip) => `dial tcp ${probe.tcpSocket.host ?? ip ?? ''}:${port}: connect: connection refused`;
  }
  if (probe.grpc) return () => 'service unhealthy (responded with "NOT_SERVING")';
  // An exec probe reports the command's output; the simulated command prints nothing.
  return () => '';
}

export function probeTiming(probe: KubeObject | undefined, container: KubeObject): ProbeTiming | undefined {
  if (!probe || typeof probe !== 'object') return undefined;
  const grace = probe.terminationGracePeriodSeconds;
  return {
    initialDelayMs: Math.max(0, Number(probe.initialDelaySeconds) || 0) * 1000,
    periodMs: positive(probe.periodSeconds, 10) * 1000,
    failureThreshold: positive(probe.failureThreshold, 3),
    successThreshold: positive(probe.successThreshold, 1),
    terminationGracePeriodMs: typeof grace === 'number' && grace >= 0 ? grace * 1000 : undefined,
    failure: failureText(probe, container),
  };
}

/** The time (after the start) of probe number `k`, counting from 0. */
export function probeAt(p: ProbeTiming, k: number): number {
  return p.initialDelayMs + k * p.periodMs;
}

/** The number of the first probe at or after `ms`. */
export function firstProbeFrom(p: ProbeTiming, ms: number): number {
  return Math.max(0, Math.ceil((ms - p.initialDelayMs) / p.periodMs));
}

/**
 * The probe numbers at which a probe that starts counting at `from` and sees the application
 * healthy from `healthyFrom` (undefined: never) records failures and then succeeds: a startup
 * probe. `passes` is undefined when it fails failureThreshold times first.
 */
export function startupOutcome(
  p: ProbeTiming,
  healthyFrom: number | undefined,
): { failures: number; passes: number | undefined } {
  const pass = healthyFrom === undefined ? Number.POSITIVE_INFINITY : firstProbeFrom(p, healthyFrom);
  if (pass < p.failureThreshold) return { failures: pass, passes: pass };
  return { failures: p.failureThreshold, passes: undefined };
}

/**
 * When (the probe number) a readiness probe first reports success for an application healthy
 * from `from` until `failsFrom` (undefined: for good): successThreshold passing probes in a row.
 */
export function readyAt(p: ProbeTiming, from: number, failsFrom: number | undefined): number | undefined {
  const k = firstProbeFrom(p, from) + p.successThreshold - 1;
  if (failsFrom !== undefined && probeAt(p, k) >= failsFrom) return undefined;
  return k;
}

/** The probe numbers of the failures that flip a probe to failure: failureThreshold in a row from `failsFrom`. */
export function failingProbes(p: ProbeTiming, from: number, failsFrom: number): number[] {
  const first = firstProbeFrom(p, Math.max(from, failsFrom));
  return Array.from({ length: p.failureThreshold }, (_, i) => first + i);
}
