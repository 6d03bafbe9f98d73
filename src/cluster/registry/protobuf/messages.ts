// Field numbers of the upstream messages (k8s.io/api and apimachinery generated.proto) for the
// kinds client-go sends as protobuf: Secret, ConfigMap, DeleteOptions, Namespace, Event.
import type { MessageSchema } from './wire.ts';

const s = { type: 'string' } as const;
const ownerReference: MessageSchema = {
  1: ['kind', s],
  3: ['name', s],
  4: ['uid', s],
  5: ['apiVersion', s],
  6: ['controller', { type: 'bool', keep: true }],
  7: ['blockOwnerDeletion', { type: 'bool', keep: true }],
};
const managedFieldsEntry: MessageSchema = {
  1: ['manager', s],
  2: ['operation', s],
  3: ['apiVersion', s],
  4: ['time', { type: 'time' }],
  6: ['fieldsType', s],
  7: ['fieldsV1', { type: 'message', schema: { 1: ['raw', { type: 'raw' }] } }],
  8: ['subresource', s],
};
export const objectMeta: MessageSchema = {
  1: ['name', s],
  2: ['generateName', s],
  3: ['namespace', s],
  4: ['selfLink', s],
  5: ['uid', s],
  6: ['resourceVersion', s],
  7: ['generation', { type: 'int64' }],
  8: ['creationTimestamp', { type: 'time' }],
  9: ['deletionTimestamp', { type: 'time' }],
  10: ['deletionGracePeriodSeconds', { type: 'int64', keep: true }],
  11: ['labels', { type: 'map', value: 'string' }],
  12: ['annotations', { type: 'map', value: 'string' }],
  13: ['ownerReferences', { type: 'message', schema: ownerReference, repeated: true }],
  14: ['finalizers', { type: 'string', repeated: true }],
  17: ['managedFields', { type: 'message', schema: managedFieldsEntry, repeated: true }],
};
const meta = { type: 'message', schema: objectMeta } as const;

export const secret: MessageSchema = {
  1: ['metadata', meta],
  2: ['data', { type: 'map', value: 'bytes' }],
  3: ['type', s],
  4: ['stringData', { type: 'map', value: 'string' }],
  5: ['immutable', { type: 'bool', keep: true }],
};

export const configMap: MessageSchema = {
  1: ['metadata', meta],
  2: ['data', { type: 'map', value: 'string' }],
  3: ['binaryData', { type: 'map', value: 'bytes' }],
  4: ['immutable', { type: 'bool', keep: true }],
};

export const deleteOptions: MessageSchema = {
  1: ['gracePeriodSeconds', { type: 'int64', keep: true }],
  2: [
    'preconditions',
    {
      type: 'message',
      schema: {
        1: ['uid', { type: 'string', keep: true }],
        2: ['resourceVersion', { type: 'string', keep: true }],
      },
    },
  ],
  3: ['orphanDependents', { type: 'bool', keep: true }],
  4: ['propagationPolicy', { type: 'string', keep: true }],
  5: ['dryRun', { type: 'string', repeated: true }],
  6: ['ignoreStoreReadErrorWithClusterBreakingPotential', { type: 'bool', keep: true }],
};

const namespaceCondition: MessageSchema = {
  1: ['type', s],
  2: ['status', s],
  4: ['lastTransitionTime', { type: 'time' }],
  5: ['reason', s],
  6: ['message', s],
};
export const namespace: MessageSchema = {
  1: ['metadata', meta],
  2: ['spec', { type: 'message', schema: { 1: ['finalizers', { type: 'string', repeated: true }] } }],
  3: [
    'status',
    {
      type: 'message',
      schema: {
        1: ['phase', s],
        2: ['conditions', { type: 'message', schema: namespaceCondition, repeated: true }],
      },
    },
  ],
};

const objectReference: MessageSchema = {
  1: ['kind', s],
  2: ['namespace', s],
  3: ['name', s],
  4: ['uid', s],
  5: ['apiVersion', s],
  6: ['resourceVersion', s],
  7: ['fieldPath', s],
};
export const event: MessageSchema = {
  1: ['metadata', meta],
  2: ['involvedObject', { type: 'message', schema: objectReference }],
  3: ['reason', s],
  4: ['message', s],
  5: ['source', { type: 'message', schema: { 1: ['component', s], 2: ['host', s] } }],
  6: ['firstTimestamp', { type: 'time' }],
  7: ['lastTimestamp', { type: 'time' }],
  8: ['count', { type: 'int32' }],
  9: ['type', s],
  10: ['eventTime', { type: 'microtime' }],
  11: [
    'series',
    {
      type: 'message',
      schema: { 1: ['count', { type: 'int32' }], 2: ['lastObservedTime', { type: 'microtime' }] },
    },
  ],
  12: ['action', s],
  13: ['related', { type: 'message', schema: objectReference }],
  14: ['reportingComponent', s],
  15: ['reportingInstance', s],
};

/** runtime.Unknown: the envelope after the `k8s\0` magic. */
export const unknown: MessageSchema = {
  1: ['typeMeta', { type: 'message', schema: { 1: ['apiVersion', s], 2: ['kind', s] } }],
  2: ['raw', { type: 'bytes' }],
  3: ['contentEncoding', s],
  4: ['contentType', s],
};

/** The message schemas by `apiVersion/kind` of the envelope. */
export const schemasByKind: Record<string, MessageSchema> = {
  'v1/Secret': secret,
  'v1/ConfigMap': configMap,
  'v1/Namespace': namespace,
  'v1/Event': event,
  'v1/DeleteOptions': deleteOptions,
  'meta.k8s.io/v1/DeleteOptions': deleteOptions,
};
