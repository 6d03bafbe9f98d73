import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ApplyBadRequestError,
  ApplyConflictError,
  ApplyInternalError,
  apply,
  lastAppliedAnnotation,
  lastAppliedConfiguration,
  ManagedFieldSet,
  type ManagedFieldsEntry,
  updateManagedFields,
} from '../../../src/kube/apply/index.ts';
import type { JSONObject } from '../../../src/kube/patch/json.ts';
import type { SchemaNode } from '../../../src/kube/schema.ts';

const schema = JSON.parse(
  readFileSync(new URL('./testdata/deployment-schema.json', import.meta.url), 'utf8'),
) as SchemaNode;
const t0 = new Date('2025-03-01T10:00:00.250Z');
const t1 = new Date('2025-03-01T10:05:00Z');
const main = { resetFields: [['status']] };

function deployment(replicas: number, image = 'nginx:1.25', extra: JSONObject = {}): JSONObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] },
      },
      ...extra,
    },
  };
}

const entries = (obj: JSONObject) =>
  (obj.metadata as { managedFields?: ManagedFieldsEntry[] }).managedFields ?? [];
const byManager = (obj: JSONObject) =>
  Object.fromEntries(
    entries(obj).map((e) => [
      `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`,
      e.fieldsV1,
    ]),
  );

// Stored as the API server would after creation (uid set, defaults such as protocol filled in).
function stored(obj: JSONObject): JSONObject {
  const out = structuredClone(obj);
  const meta = out.metadata as JSONObject;
  meta.uid = 'b5a2c1e0-0000-4000-8000-000000000001';
  meta.resourceVersion = '1';
  meta.creationTimestamp = '2025-03-01T10:00:00Z';
  const spec = out.spec as { template: { spec: { containers: { ports?: JSONObject[] }[] } } };
  for (const c of spec.template.spec.containers) for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  return out;
}

// The fieldsV1 kubectl apply --server-side of this Deployment records, as real clusters show it
// (selector atomic, containers and ports keyed, ports keyed by containerPort+protocol with TCP defaulted).
const appliedFields = {
  'f:metadata': { 'f:labels': { 'f:app': {} } },
  'f:spec': {
    'f:replicas': {},
    'f:selector': {},
    'f:template': {
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {},
            'f:image': {},
            'f:name': {},
            'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
          },
        },
      },
    },
  },
};

describe('apply', () => {
  it('creates with one Apply entry, time at second precision', () => {
    const out = apply(undefined, deployment(2), 'helm', schema, { now: t0, ...main });
    expect(entries(out)).toEqual([
      {
        manager: 'helm',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: '2025-03-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: appliedFields,
      },
    ]);
    expect(out.spec).toEqual(deployment(2).spec);
  });

  it('keeps the fieldsV1 key order upstream serializes', () => {
    const out = apply(undefined, deployment(2), 'helm', schema, { now: t0 });
    expect(JSON.stringify(entries(out)[0].fieldsV1)).toBe(
      '{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{}}}}}}}}}',
    );
  });

  it('merges into the live object and keeps a defaulted port as one item', () => {
    const live = stored(apply(undefined, deployment(2), 'helm', schema, { now: t0, ...main }));
    const out = apply(live, deployment(3, 'nginx:1.27'), 'helm', schema, { now: t1, ...main });
    const spec = out.spec as { replicas: number; template: { spec: { containers: JSONObject[] } } };
    expect(spec.replicas).toBe(3);
    expect(spec.template.spec.containers).toEqual([
      { name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] },
    ]);
    expect(entries(out)[0].time).toBe('2025-03-01T10:05:00Z');
    expect((out.metadata as JSONObject).uid).toBe((live.metadata as JSONObject).uid);
  });

  it('removes fields the applier stops applying, and keeps its time when nothing changes', () => {
    const live = stored(
      apply(undefined, deployment(2, 'nginx', { minReadySeconds: 5 }), 'helm', schema, { now: t0 }),
    );
    const out = apply(live, deployment(2, 'nginx'), 'helm', schema, { now: t1 });
    expect((out.spec as JSONObject).minReadySeconds).toBeUndefined();
    const again = apply(stored(out), deployment(2, 'nginx'), 'helm', schema, {
      now: new Date('2025-03-01T11:00:00Z'),
    });
    expect(entries(again)[0].time).toBe('2025-03-01T10:05:00Z');
  });

  it('conflicts with an updater (upstream message and causes)', () => {
    const created = stored(apply(undefined, deployment(2), 'helm', schema, { now: t0, ...main }));
    const scaled = stored(
      updateManagedFields(
        created,
        { ...created, spec: { ...(created.spec as JSONObject), replicas: 5 } },
        'kubectl-scale',
        schema,
        {
          now: t1,
          ...main,
        },
      ),
    );
    expect(byManager(scaled)['kubectl-scale/Update']).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(
      (byManager(scaled)['helm/Apply'] as { 'f:spec': JSONObject })['f:spec']['f:replicas'],
    ).toBeUndefined();
    let err: unknown;
    try {
      apply(scaled, deployment(2), 'helm', schema, { now: t1, ...main });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApplyConflictError);
    expect((err as Error).message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-scale" using apps/v1: .spec.replicas',
    );
    expect((err as ApplyConflictError).conflicts).toEqual([
      {
        manager: '"kubectl-scale" using apps/v1',
        field: '.spec.replicas',
        message: 'conflict with "kubectl-scale" using apps/v1',
      },
    ]);
    const forced = apply(scaled, deployment(2), 'helm', schema, { now: t1, force: true, ...main });
    expect((forced.spec as JSONObject).replicas).toBe(2);
    expect(byManager(forced)['kubectl-scale/Update']).toBeUndefined();
  });

  it('prints several conflicts grouped by manager', () => {
    const created = stored(apply(undefined, deployment(2), 'helm', schema, { now: t0 }));
    expect(() => apply(created, deployment(3, 'nginx:2'), 'argocd', schema, { now: t1 })).toThrow(
      'Apply failed with 2 conflicts: conflicts with "helm":\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it('hands existing fields to before-first-apply on an untracked object', () => {
    const live = stored(deployment(2));
    const out = apply(
      live,
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { tier: 'front' } } },
      'helm',
      schema,
      {
        now: t1,
      },
    );
    const managers = byManager(out);
    expect(Object.keys(managers)).toEqual(['helm/Apply', 'before-first-apply/Update']);
    expect(managers['helm/Apply']).toEqual({ 'f:metadata': { 'f:labels': { 'f:tier': {} } } });
    expect((managers['before-first-apply/Update'] as JSONObject)['f:metadata']).toEqual({
      'f:labels': { '.': {}, 'f:app': {} },
    });
  });

  it('lets kubectl take over client-side-apply fields its annotation still matches', () => {
    const config = deployment(2);
    const csa = structuredClone(config);
    (csa.metadata as JSONObject).annotations = { [lastAppliedAnnotation]: lastAppliedConfiguration(config) };
    const created = stored(
      updateManagedFields(undefined, csa, 'kubectl-client-side-apply', schema, { now: t0, ...main }),
    );
    expect(Object.keys(byManager(created))).toEqual(['kubectl-client-side-apply/Update']);
    // Another manager conflicts with client-side apply...
    expect(() => apply(created, deployment(3), 'helm', schema, { now: t1, ...main })).toThrow(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
    // ...kubectl does not, and it refreshes the annotation.
    const out = apply(created, deployment(3), 'kubectl', schema, { now: t1, ...main });
    expect((out.spec as JSONObject).replicas).toBe(3);
    const annotations = (out.metadata as { annotations: Record<string, string> }).annotations;
    expect(annotations[lastAppliedAnnotation]).toBe(lastAppliedConfiguration(deployment(3)));
    expect(annotations[lastAppliedAnnotation].endsWith('}\n')).toBe(true);
  });

  it('still conflicts for kubectl when live no longer matches the annotation', () => {
    const config = deployment(2);
    const csa = structuredClone(config);
    (csa.metadata as JSONObject).annotations = { [lastAppliedAnnotation]: lastAppliedConfiguration(config) };
    const created = stored(
      updateManagedFields(undefined, csa, 'kubectl-client-side-apply', schema, { now: t0, ...main }),
    );
    const edited = stored(
      updateManagedFields(
        created,
        { ...created, spec: { ...(created.spec as JSONObject), replicas: 7 } },
        'kubectl-edit',
        schema,
        { now: t1, ...main },
      ),
    );
    expect(() => apply(edited, deployment(3), 'kubectl', schema, { now: t1, ...main })).toThrow(
      'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas',
    );
  });

  it('rejects managedFields in the configuration and duplicate list keys', () => {
    const withManaged = deployment(1);
    (withManaged.metadata as JSONObject).managedFields = [];
    expect(() => apply(undefined, withManaged, 'helm', schema, { now: t0 })).toThrow(
      new ApplyBadRequestError('metadata.managedFields must be nil'),
    );
    const dup = deployment(1);
    const containers = ((dup.spec as JSONObject).template as { spec: { containers: JSONObject[] } }).spec
      .containers;
    containers.push({ name: 'nginx', image: 'other' });
    expect(() => apply(undefined, dup, 'helm', schema, { now: t0 })).toThrow(
      new ApplyInternalError(
        'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="nginx"]',
      ),
    );
  });

  it('never records status through the main resource', () => {
    const cfg = { ...deployment(1), status: { replicas: 1 } };
    const out = apply(undefined, cfg, 'helm', schema, { now: t0, ...main });
    expect((byManager(out)['helm/Apply'] as JSONObject)['f:status']).toBeUndefined();
  });
});

describe('updateManagedFields', () => {
  it('records a create, and nothing for a write that changes nothing', () => {
    const created = stored(
      updateManagedFields(undefined, deployment(1), 'kubectl-create', schema, { now: t0, ...main }),
    );
    const fields = byManager(created)['kubectl-create/Update'] as JSONObject;
    expect(fields['f:spec']).toMatchObject({ 'f:replicas': {}, 'f:selector': {} });
    const same = updateManagedFields(created, structuredClone(created), 'kubectl-edit', schema, {
      now: t1,
      ...main,
    });
    expect(entries(same)).toEqual(entries(created));
  });

  it('merges repeated updates by the same manager and moves changed fields away from others', () => {
    const created = stored(
      updateManagedFields(undefined, deployment(1), 'kubectl-create', schema, { now: t0, ...main }),
    );
    const labelled = stored(
      updateManagedFields(
        created,
        { ...created, metadata: { ...(created.metadata as JSONObject), labels: { app: 'web', x: 'y' } } },
        'kubectl-label',
        schema,
        {
          now: t1,
          ...main,
        },
      ),
    );
    expect(byManager(labelled)['kubectl-label/Update']).toEqual({
      'f:metadata': { 'f:labels': { 'f:x': {} } },
    });
    const relabelled = updateManagedFields(
      labelled,
      { ...labelled, metadata: { ...(labelled.metadata as JSONObject), labels: { app: 'api', x: 'y' } } },
      'kubectl-label',
      schema,
      { now: t1, ...main },
    );
    expect(byManager(relabelled)['kubectl-label/Update']).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {}, 'f:x': {} } },
    });
    const createFields = byManager(relabelled)['kubectl-create/Update'] as { 'f:metadata': JSONObject };
    expect(createFields['f:metadata']).toEqual({ 'f:labels': {} });
  });

  it('honours managedFields sent in the request and resets them on an empty list', () => {
    const created = stored(
      updateManagedFields(undefined, deployment(1), 'kubectl-create', schema, { now: t0, ...main }),
    );
    const migrated = structuredClone(created);
    const list = entries(migrated);
    list[0] = { ...list[0], manager: 'kubectl', operation: 'Apply' };
    const out = updateManagedFields(created, migrated, 'kubectl', schema, { now: t1, ...main });
    expect(entries(out).map((e) => `${e.manager}/${e.operation}`)).toEqual(['kubectl/Apply']);
    const reset = structuredClone(created);
    (reset.metadata as JSONObject).managedFields = [];
    expect(entries(updateManagedFields(created, reset, 'kubectl-edit', schema, { now: t1 }))).toEqual([]);
  });

  it('leaves an existing untracked object untracked until its first apply', () => {
    const live = stored(deployment(1));
    const out = updateManagedFields(
      live,
      { ...live, spec: { ...(live.spec as JSONObject), replicas: 4 } },
      'kubectl-scale',
      schema,
      { now: t1 },
    );
    expect(entries(out)).toEqual([]);
  });

  it('records status writes under their subresource', () => {
    const created = stored(
      updateManagedFields(undefined, deployment(1), 'kubectl-create', schema, { now: t0, ...main }),
    );
    const out = updateManagedFields(
      created,
      { ...created, status: { replicas: 1 } },
      'kube-controller-manager',
      schema,
      {
        now: t1,
        subresource: 'status',
        resetFields: [['spec'], ['metadata', 'labels']],
      },
    );
    const e = entries(out).find((x) => x.subresource === 'status');
    expect(e).toEqual({
      manager: 'kube-controller-manager',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: '2025-03-01T10:05:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { '.': {}, 'f:replicas': {} } },
      subresource: 'status',
    });
  });

  it('folds the oldest of more than ten update managers into ancient-changes', () => {
    let obj = stored(updateManagedFields(undefined, deployment(1), 'creator', schema, { now: t0 }));
    for (let i = 0; i < 11; i++) {
      const meta = obj.metadata as JSONObject;
      const next = {
        ...obj,
        metadata: { ...meta, labels: { ...(meta.labels as JSONObject), [`l${i}`]: 'v' } },
      };
      obj = stored(
        updateManagedFields(obj, next, `m${i}`, schema, { now: new Date(Date.UTC(2025, 2, 1, 11, i)) }),
      );
    }
    const names = entries(obj).map((e) => e.manager);
    expect(names).toHaveLength(10);
    expect(names[0]).toBe('ancient-changes');
    expect(names).not.toContain('creator');
    expect(names).not.toContain('m0');
    expect(names).not.toContain('m1');
  });
});

describe('fieldsV1', () => {
  // Golden strings from structured-merge-diff's fieldpath/serialize_test.go.
  const golden = [
    '{"f:aaa":{},"f:aab":{},"f:aac":{},"f:aad":{},"f:aae":{},"f:aaf":{},"k:{\\"name\\":\\"first\\"}":{},"k:{\\"name\\":\\"second\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{},"v:1":{},"v:2":{},"v:3":{},"v:\\"aa\\"":{},"v:\\"ab\\"":{},"v:true":{},"i:1":{},"i:2":{},"i:3":{},"i:4":{}}',
    '{"f:aaa":{"k:{\\"name\\":\\"second\\"}":{"v:3":{"f:aab":{}}},"v:3":{},"v:true":{}},"f:aab":{"f:aaa":{},"f:aaf":{"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{}}},"k:{\\"name\\":\\"first\\"}":{}},"f:aac":{"f:aaa":{"v:1":{}},"f:aac":{},"v:3":{"k:{\\"name\\":\\"second\\"}":{}}},"f:aad":{"f:aac":{"v:1":{}},"f:aaf":{"k:{\\"name\\":\\"first\\"}":{"k:{\\"name\\":\\"first\\"}":{}}},"i:1":{"i:1":{},"i:3":{"v:true":{}}}},"f:aae":{"f:aae":{},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{}},"i:4":{"f:aaf":{}}},"f:aaf":{"i:1":{"f:aac":{}},"i:2":{},"i:3":{}},"k:{\\"name\\":\\"first\\"}":{"f:aad":{"f:aaf":{}}},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{"f:aaa":{"f:aad":{}}},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{"f:aac":{},"k:{\\"name\\":\\"first\\"}":{"i:3":{}},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{"i:4":{}}},"v:1":{"f:aac":{"i:4":{}},"f:aaf":{},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{}},"v:2":{"f:aad":{"f:aaf":{}},"i:1":{}},"v:3":{"f:aaa":{},"k:{\\"name\\":\\"first\\"}":{},"i:2":{}},"v:\\"aa\\"":{"f:aab":{"f:aaf":{}},"f:aae":{},"k:{\\"name\\":\\"first\\"}":{"f:aad":{}},"i:2":{}},"v:\\"ab\\"":{"f:aaf":{"i:4":{}},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{},"v:1":{"k:{\\"port\\":443,\\"protocol\\":\\"udp\\"}":{}},"i:1":{"f:aae":{"i:4":{}}}},"v:true":{"k:{\\"name\\":\\"second\\"}":{"f:aaa":{}},"i:2":{"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{}}},"i:1":{"i:3":{"f:aaf":{}}},"i:2":{"f:aae":{},"k:{\\"port\\":443,\\"protocol\\":\\"tcp\\"}":{"v:1":{}}},"i:3":{"f:aab":{"v:true":{"v:\\"aa\\"":{}}},"f:aaf":{},"i:1":{}},"i:4":{"v:\\"aa\\"":{"f:aab":{"k:{\\"name\\":\\"second\\"}":{}}}}}',
    '{"f:spec":{".":{},"f:apps":{".":{},"k:{\\"name\\":\\" app-💻\\"}":{".":{},"f:container":{".":{},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\\"name\\":\\"port 🔑\\"}":{".":{},"f:containerPort":{},"f:name":{}}}},"f:name":{}},"k:{\\"name\\":\\" app-🚀\\"}":{".":{},"f:container":{".":{},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\\"name\\":\\"port-✅ \\"}":{".":{},"f:containerPort":{},"f:name":{}}}},"f:name":{}}}}}',
  ];
  it.each(golden.map((g, i) => [i, g] as const))('round-trips golden set %i byte for byte', (_i, text) => {
    expect(JSON.stringify(ManagedFieldSet.fromFieldsV1(JSON.parse(text)).toFieldsV1())).toBe(text);
  });
});
