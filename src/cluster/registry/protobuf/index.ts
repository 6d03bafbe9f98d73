// Decoding `application/vnd.kubernetes.protobuf` request bodies: the 4-byte `k8s\0` magic, a
// runtime.Unknown envelope naming the type, and the typed message in its raw field.
import type { KubeObject } from '../types.ts';
import { upstreamKinds } from './upstream-messages.ts';
import { decodeMessage, ProtobufError } from './wire.ts';

export { ProtobufError } from './wire.ts';

export const protobufContentType = 'application/vnd.kubernetes.protobuf';
const magic = [0x6b, 0x38, 0x73, 0x00];

/** The kinds whose protobuf bodies the server understands, as `apiVersion/kind`. */
export function protobufKinds(): string[] {
  return Object.keys(upstreamKinds);
}

/**
 * The JSON Go prints for the zero value of an upstream type (e.g. `apps.StatefulSetStatus` →
 * `{replicas: 0, availableReplicas: 0}`): fields without omitempty keep their zero values.
 */
export function goZeroValue(message: string): Record<string, unknown> {
  return decodeMessage(new Uint8Array(0), message);
}

/** Decodes a protobuf request body into the JSON object the same request would have sent. */
export function decodeProtobufBody(body: Uint8Array): KubeObject {
  if (body.length < 4 || !magic.every((b, i) => body[i] === b)) {
    throw new ProtobufError(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
  }
  const envelope = decodeMessage(body.subarray(4), 'runtime.Unknown') as {
    typeMeta: { apiVersion?: string; kind?: string };
    raw: string | null;
  };
  const apiVersion = envelope.typeMeta.apiVersion ?? '';
  const kind = envelope.typeMeta.kind ?? '';
  const message = upstreamKinds[`${apiVersion}/${kind}`];
  if (!message)
    throw new ProtobufError(
      `no protobuf decoding for ${apiVersion === '' ? '' : `${apiVersion}, `}Kind=${kind}`,
    );
  const raw = Buffer.from(envelope.raw ?? '', 'base64');
  return { apiVersion, kind, ...decodeMessage(raw, message) };
}
