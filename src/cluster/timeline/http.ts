// The HTTP surface of the timelines, shaped like a read-only API group so
// clients reach it with their ordinary REST client and bearer token:
//   GET /apis/bosun.dev/v1alpha1/namespaces/{ns}/rollouttimelines/{kind}.{name}  -> RolloutTimeline
//   GET /apis/bosun.dev/v1alpha1/namespaces/{ns}/rollouttimelines                 -> RolloutTimelineList
//   GET /apis/bosun.dev/v1alpha1/rollouttimelines                                 -> RolloutTimelineList (all namespaces)
// {kind} is the workload kind in lower case (deployment, daemonset, statefulset).
// Errors are metav1 Status objects, as the rest of the API answers.

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  timelineGroup,
  timelineResource,
  timelineVersion,
  type WorkloadKind,
  type WorkloadRef,
  workloadKinds,
} from './model.ts';
import type { TimelineRecorder } from './recorder.ts';

/** Answers the request and returns true when the path is a timeline path; returns false (untouched) otherwise. */
export type TimelineRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

const prefix = `/apis/${timelineGroup}/${timelineVersion}`;

function send(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  res.end(`${JSON.stringify(body)}\n`);
}

function status(code: number, reason: string, message: string, name?: string): Record<string, unknown> {
  const details: Record<string, unknown> = { group: timelineGroup, kind: timelineResource };
  if (name !== undefined) details.name = name;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    details,
    code,
  };
}

/** `deployment.web` -> the Deployment web; undefined for an unknown kind. */
export function parseTimelineName(name: string, namespace: string): WorkloadRef | undefined {
  const dot = name.indexOf('.');
  if (dot <= 0 || dot === name.length - 1) return undefined;
  const lower = name.slice(0, dot);
  const kind = workloadKinds.find((k) => k.toLowerCase() === lower) as WorkloadKind | undefined;
  return kind && { kind, namespace, name: name.slice(dot + 1) };
}

export function timelineRoutes(recorder: Pick<TimelineRecorder, 'get' | 'list'>): TimelineRoute {
  return (req, res, url) => {
    const path = url.pathname.replace(/\/+$/, '');
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return false;
    const segments = path
      .slice(prefix.length)
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
    let namespace: string | undefined;
    let rest = segments;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    if (rest[0] !== timelineResource || rest.length > 2) return false;
    const name = rest[1];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(
        res,
        405,
        status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
      );
      return true;
    }
    if (name === undefined) {
      send(res, 200, {
        apiVersion: `${timelineGroup}/${timelineVersion}`,
        kind: 'RolloutTimelineList',
        items: recorder.list(namespace),
      });
      return true;
    }
    const ref = namespace === undefined ? undefined : parseTimelineName(name, namespace);
    const timeline = ref && recorder.get(ref);
    if (!timeline) {
      send(
        res,
        404,
        status(404, 'NotFound', `${timelineResource}.${timelineGroup} "${name}" not found`, name),
      );
      return true;
    }
    send(res, 200, timeline);
    return true;
  };
}
