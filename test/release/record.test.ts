// The release record: Helm's JSON (field order, omitempty, Go's nil), gzip+base64 both ways,
// records as Helm 3 wrote them, and Go's time texts.
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import {
  decodeRelease,
  encodeRelease,
  formatAnsic,
  formatGoLayout,
  formatGoString,
  nowRfc3339,
  type Release,
  releaseJson,
} from '../../src/release/index.ts';

function release(over: Partial<Release> = {}): Release {
  return {
    name: 'web',
    namespace: 'default',
    version: 2,
    info: {
      firstDeployed: '2026-11-25T13:26:33.833540898Z',
      lastDeployed: '2026-11-25T13:27:00.5Z',
      description: 'Install complete',
      status: 'deployed',
      notes: 'hi <there> & you',
    },
    chart: {
      metadata: { name: 'vweb', version: '1.0.0', apiVersion: 'v2' },
      lock: null,
      templates: null,
      values: {},
      schema: null,
      files: null,
    },
    config: { replicaCount: 1 },
    manifest: '---\n# Source: vweb/templates/a.yaml\nkind: ConfigMap\n',
    hooks: [],
    applyMethod: 'ssa',
    labels: {},
    ...over,
  };
}

const jsonCases: { name: string; release: Release; json: string }[] = [
  {
    name: 'struct order, omitempty, HTML escaping, schemamodtime always present',
    release: release(),
    json:
      '{"name":"web","info":{"first_deployed":"2026-11-25T13:26:33.833540898Z","last_deployed":"2026-11-25T13:27:00.5Z","description":"Install complete","status":"deployed","notes":"hi \\u003cthere\\u003e \\u0026 you"},' +
      '"chart":{"metadata":{"name":"vweb","version":"1.0.0","apiVersion":"v2"},"lock":null,"templates":null,"values":{},"schema":null,"schemamodtime":"0001-01-01T00:00:00Z","files":null},' +
      '"config":{"replicaCount":1},"manifest":"---\\n# Source: vweb/templates/a.yaml\\nkind: ConfigMap\\n","version":2,"namespace":"default","apply_method":"ssa"}',
  },
  {
    name: 'hooks with last_run (phase always written), nil config and no chart omitted',
    release: release({
      chart: undefined as unknown as Release['chart'],
      config: null,
      applyMethod: undefined,
      hooks: [
        {
          name: 'pre',
          kind: 'Job',
          path: 'c/templates/pre.yaml',
          manifest: 'kind: Job',
          events: ['pre-install'],
          lastRun: { phase: '' },
          weight: 0,
          deletePolicies: ['before-hook-creation'],
          outputLogPolicies: [],
        },
      ],
    }),
    json:
      '{"name":"web","info":{"first_deployed":"2026-11-25T13:26:33.833540898Z","last_deployed":"2026-11-25T13:27:00.5Z","description":"Install complete","status":"deployed","notes":"hi \\u003cthere\\u003e \\u0026 you"},' +
      '"manifest":"---\\n# Source: vweb/templates/a.yaml\\nkind: ConfigMap\\n","hooks":[{"name":"pre","kind":"Job","path":"c/templates/pre.yaml","manifest":"kind: Job","events":["pre-install"],"last_run":{"phase":""},"delete_policies":["before-hook-creation"]}],"version":2,"namespace":"default"}',
  },
];

describe('release JSON', () => {
  test.each(jsonCases)('$name', ({ release: r, json }) => {
    expect(releaseJson(r)).toBe(json);
  });

  test.each(jsonCases)('encode then decode gives the record back: $name', ({ release: r }) => {
    const back = decodeRelease(encodeRelease(r));
    expect(releaseJson(back)).toBe(releaseJson(r));
  });
});

// Records as Helm 3 (no apply_method, empty-string times from old writers) and as plain base64
// JSON (no gzip) are read too.
const decodeCases: { name: string; data: string; check: (r: Release) => void }[] = [
  {
    name: 'helm 3 record, gzipped',
    data: gzipSync(
      Buffer.from(
        '{"name":"old","info":{"first_deployed":"2025-01-02T03:04:05.123+01:00","last_deployed":"2025-01-02T03:04:05.123+01:00","deleted":"","description":"Install complete","status":"deployed"},"chart":{"metadata":{"name":"c","version":"0.1.0"}},"version":1,"namespace":"ns"}',
      ),
    ).toString('base64'),
    check: (r) => {
      expect(r.applyMethod).toBeUndefined();
      expect(r.info.deleted).toBeUndefined();
      expect(r.config).toBeNull();
      expect(formatAnsic(r.info.lastDeployed!)).toBe('Thu Jan  2 03:04:05 2025');
    },
  },
  {
    name: 'uncompressed record',
    data: Buffer.from('{"name":"plain","info":{"status":"failed"},"version":3}').toString('base64'),
    check: (r) => {
      expect([r.name, r.info.status, r.version]).toEqual(['plain', 'failed', 3]);
      expect(r.hooks).toEqual([]);
    },
  },
];

test.each(decodeCases)('decode: $name', ({ data, check }) => check(decodeRelease(data)));

const timeCases: { text: string; ansic: string; goString: string }[] = [
  {
    text: '2026-11-25T13:26:33.833540898Z',
    ansic: 'Wed Nov 25 13:26:33 2026',
    goString: '2026-11-25 13:26:33.833540898 +0000 UTC',
  },
  {
    text: '2026-03-01T00:00:00Z',
    ansic: 'Sun Mar  1 00:00:00 2026',
    goString: '2026-03-01 00:00:00 +0000 UTC',
  },
  {
    text: '2025-07-04T09:05:00.100-04:30',
    ansic: 'Fri Jul  4 09:05:00 2025',
    goString: '2025-07-04 09:05:00.1 -0430 -0430',
  },
];

test.each(timeCases)('Go time texts of $text', ({ text, ansic, goString }) => {
  expect(formatAnsic(text)).toBe(ansic);
  expect(formatGoString(text)).toBe(goString);
});

test('now as time.Now() marshals: local wall time, trailing zeros of the fraction cut', () => {
  const d = new Date(Date.UTC(2026, 10, 25, 13, 0, 0, 120));
  const text = nowRfc3339(d, 120_000_000);
  const offset = -d.getTimezoneOffset();
  if (offset === 0) expect(text).toBe('2026-11-25T13:00:00.12Z');
  else expect(text).toMatch(/^2026-11-25T\d\d:\d\d:00\.12[+-]\d\d:\d\d$/);
});

// `helm list --time-format`: layouts checked against real helm's output for the same records
const layoutCases: { text: string; layout: string; out: string }[] = [
  { text: '2026-11-25T13:30:33.422912173Z', layout: '2006-01-02 15:04:05Z0700', out: '2026-11-25 13:30:33Z' },
  {
    text: '2026-11-25T13:55:00.62Z',
    layout: 'Mon Jan _2 3:4:5 PM MST .000 .999 -07:00 002 06',
    out: 'Wed Nov 25 1:55:0 PM UTC .620 .62 +00:00 329 26',
  },
  {
    text: '2026-11-25T13:55:04.30800028Z',
    layout: 'Monday, January 2 2006 15:04:05.000000000',
    out: 'Wednesday, November 25 2026 13:55:04.308000280',
  },
  {
    text: '2025-02-03T04:05:06+05:30',
    layout: 'pm 03 Z07:00 -0700 -07 ,999',
    out: 'am 04 +05:30 +0530 +05 ',
  },
];

test.each(layoutCases)('Go layout $layout', ({ text, layout, out }) => {
  expect(formatGoLayout(text, layout)).toBe(out);
});
