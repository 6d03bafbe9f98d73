import { describe, expect, it } from 'vitest';
import { applySchemaError, OpenAPI, validateFields } from '../../../src/cluster/openapi/index.ts';

const openapi = new OpenAPI();
const deployment = openapi.schemaFor('apps/v1', 'Deployment');

describe('schema facts', () => {
  const pod = openapi.schemaFor('v1', 'Pod')?.properties?.spec;
  const container = pod?.properties?.containers?.items;
  const cases: [string, unknown, unknown][] = [
    ['containers merge key', pod?.properties?.containers?.patchMergeKey, 'name'],
    ['ports list-map keys', container?.properties?.ports?.listMapKeys, ['containerPort', 'protocol']],
    ['ports merge key', container?.properties?.ports?.patchMergeKey, 'containerPort'],
    ['env merge key', container?.properties?.env?.patchMergeKey, 'name'],
    ['volumeMounts merge key', container?.properties?.volumeMounts?.patchMergeKey, 'mountPath'],
    ['volumes strategy', pod?.properties?.volumes?.patchStrategy, 'merge,retainKeys'],
    ['tolerations atomic', pod?.properties?.tolerations?.listType, 'atomic'],
    ['finalizers set', deployment?.properties?.metadata?.properties?.finalizers?.listType, 'set'],
    [
      'ownerReferences key',
      deployment?.properties?.metadata?.properties?.ownerReferences?.patchMergeKey,
      'uid',
    ],
    ['strategy retainKeys', deployment?.properties?.spec?.properties?.strategy?.patchStrategy, 'retainKeys'],
    [
      'maxSurge int-or-string',
      deployment?.properties?.spec?.properties?.strategy?.properties?.rollingUpdate?.properties?.maxSurge
        ?.intOrString,
      true,
    ],
    ['container name required', container?.required, ['name']],
    ['unknown kind', openapi.schemaFor('apps/v1', 'Nope'), undefined],
  ];
  it.each(cases)('%s', (_name, actual, expected) => expect(actual).toEqual(expected));
});

describe('validateFields', () => {
  const cases: { name: string; raw: string; issues: string[] }[] = [
    {
      name: 'clean',
      raw: '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"a"}}',
      issues: [],
    },
    {
      name: 'unknown top-level',
      raw: '{"kind":"Deployment","foo":{"bar":1}}',
      issues: ['unknown field "foo"'],
    },
    {
      name: 'nested, in document order',
      raw: '{"spec":{"strategy":{"rollingUpdate":{"maxUnaivailable":1}},"template":{"spec":{"containers":[{"name":"a"},{"name":"b","nodeport":1}]}}}}',
      issues: [
        'unknown field "spec.strategy.rollingUpdate.maxUnaivailable"',
        'unknown field "spec.template.spec.containers[1].nodeport"',
      ],
    },
    {
      name: 'duplicate struct field',
      raw: '{"metadata":{"name":"a","name":"b"}}',
      issues: ['duplicate field "metadata.name"'],
    },
    {
      name: 'duplicate map key',
      raw: '{"metadata":{"labels":{"x":"1","x":"2"}}}',
      issues: ['duplicate field "metadata.labels.x"'],
    },
    { name: 'field names are case-sensitive', raw: '{"Spec":{}}', issues: ['unknown field "Spec"'] },
    { name: 'nothing below an unknown field', raw: '{"x":{"y":1,"y":2}}', issues: ['unknown field "x"'] },
  ];
  it.each(cases)('$name', ({ raw, issues }) => {
    expect(validateFields(undefined, deployment, 'Strict', { raw }).issues).toEqual(issues);
  });

  it('Strict gives the strict decoding error, Warn the warnings, Ignore nothing', () => {
    const raw = '{"spec":{"foo":1},"spec":{}}';
    expect(validateFields(undefined, deployment, 'Strict', { raw }).error).toBe(
      'strict decoding error: unknown field "spec.foo", duplicate field "spec"',
    );
    expect(validateFields(undefined, deployment, 'Warn', { raw }).warnings).toEqual([
      'unknown field "spec.foo"',
      'duplicate field "spec"',
    ]);
    expect(validateFields(undefined, deployment, 'Ignore', { raw })).toEqual({ issues: [], warnings: [] });
  });

  it('walks a parsed object when there is no raw text', () => {
    expect(validateFields({ spec: { replicas: 1, bogus: true } }, deployment, 'Strict').issues).toEqual([
      'unknown field "spec.bogus"',
    ]);
  });
});

describe('server-side apply schema errors', () => {
  it('uses structured-merge-diff paths', () => {
    const obj = { spec: { template: { spec: { containers: [{ name: 'web', foo: 1 }] } } } };
    expect(applySchemaError(obj, deployment!)).toBe(
      '.spec.template.spec.containers[name="web"].foo: field not declared in schema',
    );
    expect(applySchemaError({ a: 1, b: 2 }, deployment!)).toBe(
      'errors:\n  .a: field not declared in schema\n  .b: field not declared in schema',
    );
    expect(applySchemaError({ spec: { replicas: 1 } }, deployment!)).toBeUndefined();
  });
});

describe('custom resources and documents', () => {
  const crd = {
    metadata: { name: 'pets.zoo.example.com' },
    spec: {
      group: 'zoo.example.com',
      scope: 'Namespaced',
      names: { kind: 'Pet', plural: 'pets', singular: 'pet', listKind: 'PetList' },
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { spec: { type: 'object', properties: { species: { type: 'string' } } } },
            },
          },
        },
      ],
    },
  };

  it('adds and removes a CRD schema, its paths and its v3 group-version', () => {
    const local = new OpenAPI();
    local.addCustomResourceDefinition(crd);
    const pet = local.schemaFor('zoo.example.com/v1alpha1', 'Pet');
    expect(validateFields({ spec: { species: 'cat', favoriteColor: 'blue' } }, pet, 'Strict').issues).toEqual(
      ['unknown field "spec.favoriteColor"'],
    );
    expect(Object.keys(local.openapiV3Index().paths)).toContain('apis/zoo.example.com/v1alpha1');
    const doc = local.openapiV3('apis/zoo.example.com/v1alpha1');
    expect(
      doc?.components.schemas['com.example.zoo.v1alpha1.Pet']['x-kubernetes-group-version-kind'],
    ).toEqual([{ group: 'zoo.example.com', kind: 'Pet', version: 'v1alpha1' }]);
    local.removeCustomResourceDefinition('pets.zoo.example.com');
    expect(local.schemaFor('zoo.example.com/v1alpha1', 'Pet')).toBeUndefined();
    expect(local.openapiV3('apis/zoo.example.com/v1alpha1')).toBeUndefined();
  });

  it('v2 PATCH operations accept the four patch types and fieldValidation', () => {
    const v2 = openapi.openapiV2();
    const patch = v2.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch.consumes).toEqual([
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
      'application/apply-patch+yaml',
    ]);
    expect(patch.parameters.map((p: { name: string }) => p.name)).toContain('fieldValidation');
    expect(patch['x-kubernetes-group-version-kind']).toEqual({
      group: 'apps',
      kind: 'Deployment',
      version: 'v1',
    });
    expect(v2.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', kind: 'Deployment', version: 'v1' },
    ]);
  });
});
