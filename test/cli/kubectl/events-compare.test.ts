// `bosun kubectl events` against the real kubectl 1.35 on one control plane: each case runs with
// real kubectl in namespace `ref` and ours in `bos`; stdout, stderr and exit code must be equal
// after normalisation. The events are written through the API with fixed ages, so the sort order
// (series, lastTimestamp, eventTime) and the `(xN over AGE)` cells are exercised.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Harness, kubectlBin, normalise } from './harness.ts';
import { runSide } from './sides.ts';

const h = new Harness();
const now = Date.now();
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
const microAgo = (seconds: number) => new Date(now - seconds * 1000).toISOString().replace(/Z$/, '000Z');

interface EventSeed {
  name: string;
  kind: string;
  object: string;
  type: string;
  reason: string;
  message: string;
  first?: number;
  last?: number;
  count?: number;
  eventTime?: number;
  series?: { count: number; last: number };
}

const events: EventSeed[] = [
  {
    name: 'e1',
    kind: 'Deployment',
    object: 'web',
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    message: 'Scaled up replica set web-1 from 0 to 2',
    first: 600,
    last: 600,
  },
  {
    name: 'e2',
    kind: 'Pod',
    object: 'web-1-a',
    type: 'Warning',
    reason: 'BackOff',
    message: 'Back-off restarting failed container',
    first: 500,
    last: 30,
    count: 7,
  },
  {
    name: 'e3',
    kind: 'Pod',
    object: 'web-1-a',
    type: 'Normal',
    reason: 'Pulled',
    message: '  Container image "nginx" already present\nsecond line',
    first: 400,
    last: 400,
  },
  {
    name: 'e4',
    kind: 'Pod',
    object: 'web-1-b',
    type: 'Normal',
    reason: 'Scheduled',
    message: 'Successfully assigned',
    eventTime: 200,
    series: { count: 3, last: 90 },
  },
  {
    name: 'e5',
    kind: 'Deployment',
    object: 'api',
    type: 'Warning',
    reason: 'Failed',
    message: 'no time',
    eventTime: 50,
  },
];

async function seed(ns: string): Promise<void> {
  for (const e of events) {
    const body: Record<string, unknown> = {
      metadata: { name: e.name },
      involvedObject: {
        kind: e.kind,
        name: e.object,
        namespace: ns,
        apiVersion: e.kind === 'Pod' ? 'v1' : 'apps/v1',
      },
      type: e.type,
      reason: e.reason,
      message: e.message,
      source: { component: 'test' },
    };
    if (e.first !== undefined) body.firstTimestamp = ago(e.first);
    if (e.last !== undefined) body.lastTimestamp = ago(e.last);
    if (e.count !== undefined) body.count = e.count;
    if (e.eventTime !== undefined) {
      body.eventTime = microAgo(e.eventTime);
      body.reportingComponent = 'test';
      body.reportingInstance = 'test-1';
      body.action = 'Testing';
    }
    if (e.series) body.series = { count: e.series.count, lastObservedTime: microAgo(e.series.last) };
    await h.api('POST', `/api/v1/namespaces/${ns}/events`, body);
  }
  await h.api('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx' }] },
      },
    },
  });
}

interface Case {
  args: string[];
  /** Both namespaces appear (-A): the real side's `bos` rows read as `ref` too. */
  allNamespaces?: boolean;
}

const cases: Case[] = [
  { args: ['events'] },
  { args: ['events', '--no-headers'] },
  { args: ['events', '--for', 'pod/web-1-a'] },
  { args: ['events', '--for', 'deploy/web'] },
  { args: ['events', '--for=deployment.apps/web', '-o', 'json'] },
  { args: ['events', '--for', 'pod/web-1-b', '-o', 'yaml'] },
  { args: ['events', '--for', 'pod/web-1-b', '-o', 'json'] },
  { args: ['events', '--types=Warning'] },
  { args: ['events', '--types', 'normal,warning', '--for', 'pod/web-1-a'] },
  { args: ['events', '--types', 'Warning', '--types', 'normal', '--no-headers'] },
  { args: ['events', '--types=Info'] },
  { args: ['events', '--for', 'pod/nothing'] },
  { args: ['events', '--for', 'deploy/web', '--types=Warning'] },
  { args: ['events', '--for', 'web'] },
  { args: ['events', '--for', 'a/b/c'] },
  { args: ['events', '--for', 'nosuchtype/x'] },
  { args: ['events', '-o', 'wide'] },
  { args: ['events', '-o', 'name'] },
  { args: ['events', '-o', 'jsonpath={.items[*].reason}'] },
  { args: ['events', '-o', 'go-template={{range .items}}{{.metadata.name}} {{end}}'] },
  { args: ['events', '-A', '--types=Warning'], allNamespaces: true },
  { args: ['events', '-A', '--for', 'deploy/api'], allNamespaces: true },
  { args: ['events', '--bogus'] },
];

describe.skipIf(!kubectlBin)('kubectl events equals kubectl 1.35', () => {
  beforeAll(async () => {
    await h.start();
    await h.both(seed);
  }, 60_000);
  afterAll(() => h.stop());

  for (const c of cases) {
    test(c.args.join(' '), async () => {
      const expected = await runSide(h, 'ref', c.args);
      const actual = await runSide(h, 'bos', c.args);
      const fix = (t: string) => normalise(c.allNamespaces ? t.replace(/\bbos\b/g, 'ref') : t);
      expect(fix(actual.stdout)).toBe(fix(expected.stdout));
      expect(fix(actual.stderr)).toBe(fix(expected.stderr));
      expect(actual.code).toBe(expected.code);
    }, 60_000);
  }
});
