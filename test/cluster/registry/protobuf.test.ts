import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { decodeProtobufBody, ProtobufError } from '../../../src/cluster/registry/index.ts';

// Bodies recorded from the real helm v4 (client-go) by fixtures/capture-protobuf.ts.
const body = (name: string) => readFileSync(new URL(`testdata/protobuf/${name}.bin`, import.meta.url));

describe('protobuf bodies sent by client-go', () => {
  test('helm release Secret (create)', () => {
    const secret = decodeProtobufBody(body('01-post-secrets'));
    expect(secret).toMatchObject({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'helm.sh/release.v1',
      metadata: {
        name: 'sh.helm.release.v1.rel-secret.v1',
        labels: { name: 'rel-secret', owner: 'helm', status: 'pending-install', version: '1' },
      },
    });
    // creationTimestamp is omitzero in apimachinery 1.35: the zero time is left out.
    expect(Object.keys(secret.metadata!).sort()).toEqual(['labels', 'name']);
    // data values are base64 in JSON; helm's release payload is itself base64 of gzipped JSON.
    const release = JSON.parse(
      gunzipSync(Buffer.from(Buffer.from(secret.data.release, 'base64').toString(), 'base64')).toString(),
    );
    expect(release).toMatchObject({
      name: 'rel-secret',
      namespace: 'default',
      version: 1,
      chart: { metadata: { name: 'capture', version: '0.1.0' } },
    });
  });

  test('helm release Secret (update to deployed)', () => {
    expect(decodeProtobufBody(body('02-put-secrets')).metadata!.labels.status).toBe('deployed');
  });

  test('helm release ConfigMap', () => {
    const cm = decodeProtobufBody(body('05-post-configmaps'));
    expect(cm).toMatchObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'sh.helm.release.v1.rel-configmap.v1', labels: { owner: 'helm' } },
    });
    // ConfigMap data are plain strings (helm's base64 of gzip).
    const release = JSON.parse(gunzipSync(Buffer.from(cm.data.release, 'base64')).toString());
    expect(release.name).toBe('rel-configmap');
  });

  test('empty DeleteOptions from an uninstall', () => {
    expect(decodeProtobufBody(body('04-delete-secrets'))).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
    });
  });
});

// Bodies of kubectl 1.35's typed `create` subcommands, each beside the JSON the same command prints
// with `--dry-run=client -o json` (fixtures/capture-kubectl-protobuf.ts): decoding must give that JSON.
const kubectlDir = new URL('testdata/protobuf/kubectl/', import.meta.url);
const kubectlCases = readdirSync(kubectlDir)
  .filter((f) => f.endsWith('.bin'))
  .map((f) => f.slice(0, -4));

describe('protobuf bodies sent by kubectl create', () => {
  test('every recorded subcommand is covered', () => {
    expect(kubectlCases).toEqual(expect.arrayContaining(['deployment', 'job', 'role', 'serviceaccount']));
  });
  test.each(kubectlCases)('%s', (name) => {
    const body = readFileSync(new URL(`${name}.bin`, kubectlDir));
    const json = JSON.parse(readFileSync(new URL(`${name}.json`, kubectlDir), 'utf8'));
    expect(decodeProtobufBody(body)).toEqual(json);
  });
});

/** Minimal protobuf writer for hand-built cases (field numbers from upstream's generated.proto). */
function varint(n: number): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, BigInt(n));
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const field = (no: number, wire: number) => varint((no << 3) | wire);
const bytesField = (no: number, data: number[] | string) => {
  const b = typeof data === 'string' ? [...Buffer.from(data)] : data;
  return [...field(no, 2), ...varint(b.length), ...b];
};
const varintField = (no: number, n: number) => [...field(no, 0), ...varint(n)];
const envelope = (apiVersion: string, kind: string, raw: number[]) =>
  Uint8Array.from([
    0x6b,
    0x38,
    0x73,
    0x00,
    ...bytesField(1, [...bytesField(1, apiVersion), ...bytesField(2, kind)]),
    ...bytesField(2, raw),
  ]);

describe('hand-built messages', () => {
  test('DeleteOptions with grace period, preconditions, propagation and dry run', () => {
    const raw = [
      ...varintField(1, 0),
      ...bytesField(2, [...bytesField(1, 'uid-1'), ...bytesField(2, '42')]),
      ...bytesField(4, 'Foreground'),
      ...bytesField(5, 'All'),
    ];
    expect(decodeProtobufBody(envelope('v1', 'DeleteOptions', raw))).toEqual({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      gracePeriodSeconds: 0,
      preconditions: { uid: 'uid-1', resourceVersion: '42' },
      propagationPolicy: 'Foreground',
      dryRun: ['All'],
    });
  });

  test('Event with an involved object, timestamps and a count', () => {
    const time = (seconds: number) => varintField(1, seconds);
    const raw = [
      ...bytesField(1, [...bytesField(1, 'web.1'), ...bytesField(3, 'default')]),
      ...bytesField(2, [...bytesField(1, 'Pod'), ...bytesField(2, 'default'), ...bytesField(3, 'web')]),
      ...bytesField(3, 'Scheduled'),
      ...bytesField(4, 'assigned'),
      ...bytesField(6, time(1767268800)),
      ...varintField(8, 2),
      ...bytesField(9, 'Normal'),
      ...bytesField(10, [...time(1767268800), ...varintField(2, 123456000)]),
    ];
    expect(decodeProtobufBody(envelope('v1', 'Event', raw))).toEqual({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web' },
      reason: 'Scheduled',
      message: 'assigned',
      firstTimestamp: '2026-01-01T12:00:00Z',
      count: 2,
      type: 'Normal',
      eventTime: '2026-01-01T12:00:00.123456Z',
      // Fields without omitempty print their zero values, as Go's JSON does.
      source: {},
      lastTimestamp: null,
      reportingComponent: '',
      reportingInstance: '',
    });
  });

  test('Namespace and negative int64', () => {
    const raw = [
      ...bytesField(1, [...bytesField(1, 'team'), ...varintField(10, -1)]),
      ...bytesField(2, bytesField(1, 'kubernetes')),
    ];
    expect(decodeProtobufBody(envelope('v1', 'Namespace', raw))).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team', deletionGracePeriodSeconds: -1 },
      spec: { finalizers: ['kubernetes'] },
      // Go prints a non-pointer struct that is not on the wire as its zero value.
      status: {},
    });
  });

  test('rejects a body without the magic prefix and unknown kinds', () => {
    expect(() => decodeProtobufBody(Uint8Array.from([1, 2, 3, 4]))).toThrow(ProtobufError);
    expect(() => decodeProtobufBody(envelope('example.com/v1', 'Widget', []))).toThrow(
      'no protobuf decoding for example.com/v1, Kind=Widget',
    );
    expect(() => decodeProtobufBody(envelope('v1', 'Pod', [0x0a, 0x05, 0x01]))).toThrow(ProtobufError);
  });

  test('Pod: IntOrString, quantities, packed and unpacked int64 lists, inline volume source, nil lists', () => {
    const container = [
      ...bytesField(1, 'app'),
      // livenessProbe.httpGet.port as a string, readinessProbe.tcpSocket.port as an int (IntOrString).
      ...bytesField(10, [
        ...bytesField(
          1,
          bytesField(2, [
            ...bytesField(1, '/'),
            ...bytesField(2, [...varintField(1, 1), ...bytesField(3, 'http')]),
          ]),
        ),
      ]),
      ...bytesField(11, [
        ...bytesField(1, bytesField(3, bytesField(1, [...varintField(1, 0), ...varintField(2, 8080)]))),
        ...varintField(4, 0),
      ]),
      // resources.limits: map<string, Quantity>.
      ...bytesField(8, bytesField(1, [...bytesField(1, 'cpu'), ...bytesField(2, bytesField(1, '500m'))])),
    ];
    const spec = [
      ...bytesField(1, [...bytesField(1, 'data'), ...bytesField(2, bytesField(2, []))]),
      ...bytesField(2, container),
      ...bytesField(14, [...varintField(4, 1000), ...bytesField(4, [...varint(2000), ...varint(3000)])]),
    ];
    const pod = decodeProtobufBody(
      envelope('v1', 'Pod', [...bytesField(1, bytesField(1, 'p')), ...bytesField(2, spec)]),
    );
    expect(pod).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        volumes: [{ name: 'data', emptyDir: {} }],
        containers: [
          {
            name: 'app',
            resources: { limits: { cpu: '500m' } },
            livenessProbe: { httpGet: { path: '/', port: 'http' } },
            // periodSeconds 0 on the wire is dropped (omitempty), like Go's JSON.
            readinessProbe: { tcpSocket: { port: 8080 } },
          },
        ],
        securityContext: { supplementalGroups: [1000, 2000, 3000] },
      },
      status: {},
    });
  });

  test('Scale, and a Deployment without a selector prints selector: null', () => {
    expect(
      decodeProtobufBody(
        envelope('autoscaling/v1', 'Scale', [
          ...bytesField(1, bytesField(1, 'web')),
          ...bytesField(2, varintField(1, 0)),
        ]),
      ),
    ).toEqual({
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name: 'web' },
      spec: {}, // ScaleSpec.replicas is a plain int32 with omitempty: 0 vanishes
      status: { replicas: 0 },
    });
    const deployment = decodeProtobufBody(
      envelope('apps/v1', 'Deployment', bytesField(2, varintField(1, 0))),
    );
    expect(deployment.spec).toEqual({
      replicas: 0, // a pointer: kept even when zero
      selector: null,
      template: { metadata: {}, spec: { containers: null } },
      strategy: {},
    });
  });

  test('metav1.Time drops nanoseconds; MicroTime keeps microseconds; an empty time is null', () => {
    const meta = [
      ...bytesField(1, 'x'),
      ...bytesField(9, [...varintField(1, 1767268800), ...varintField(2, 999)]),
    ];
    expect(decodeProtobufBody(envelope('v1', 'ConfigMap', bytesField(1, meta))).metadata).toEqual({
      name: 'x',
      deletionTimestamp: '2026-01-01T12:00:00Z',
    });
    const lease = [
      ...bytesField(2, [
        ...bytesField(1, 'me'),
        ...bytesField(3, []),
        ...bytesField(4, [...varintField(1, 1767268800), ...varintField(2, 1500)]),
      ]),
    ];
    expect(decodeProtobufBody(envelope('coordination.k8s.io/v1', 'Lease', lease)).spec).toEqual({
      holderIdentity: 'me',
      acquireTime: null,
      renewTime: '2026-01-01T12:00:00.000001Z',
    });
  });

  test('CustomResourceDefinition schema unions: items, additionalProperties, enum', () => {
    const str = bytesField(5, 'string');
    const props = [
      ...bytesField(5, 'object'),
      ...bytesField(20, bytesField(1, '"a"')),
      ...bytesField(24, bytesField(1, str)),
      ...bytesField(30, varintField(1, 1)),
      ...bytesField(29, [
        ...bytesField(1, 'size'),
        ...bytesField(2, [...str, ...bytesField(30, bytesField(2, str))]),
      ]),
    ];
    const version = [
      ...bytesField(1, 'v1'),
      ...varintField(2, 1),
      ...varintField(3, 1),
      ...bytesField(4, bytesField(1, props)),
    ];
    const spec = [
      ...bytesField(1, 'example.com'),
      ...bytesField(3, [...bytesField(1, 'widgets'), ...bytesField(4, 'Widget')]),
      ...bytesField(4, 'Namespaced'),
      ...bytesField(7, version),
    ];
    const crd = decodeProtobufBody(
      envelope('apiextensions.k8s.io/v1', 'CustomResourceDefinition', bytesField(2, spec)),
    );
    expect(crd.spec.versions[0].schema.openAPIV3Schema).toEqual({
      type: 'object',
      enum: ['a'],
      items: { type: 'string' },
      properties: { size: { type: 'string', additionalProperties: { type: 'string' } } },
      additionalProperties: true,
    });
    expect(crd.spec.names).toEqual({ plural: 'widgets', kind: 'Widget' });
  });
});
