import { readFileSync } from 'node:fs';
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
        creationTimestamp: null,
        labels: { name: 'rel-secret', owner: 'helm', status: 'pending-install', version: '1' },
      },
    });
    expect(Object.keys(secret.metadata!).sort()).toEqual(['creationTimestamp', 'labels', 'name']);
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
    });
  });

  test('rejects a body without the magic prefix and unknown kinds', () => {
    expect(() => decodeProtobufBody(Uint8Array.from([1, 2, 3, 4]))).toThrow(ProtobufError);
    expect(() => decodeProtobufBody(envelope('apps/v1', 'Deployment', []))).toThrow(
      'no protobuf decoding for apps/v1, Kind=Deployment',
    );
  });
});
