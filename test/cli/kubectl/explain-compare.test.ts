// `bosun kubectl explain` against the real kubectl 1.35 on the same control plane: built-in
// kinds and field paths, a custom resource whose descriptions exercise both wrapping algorithms,
// --recursive, --api-version, --output plaintext-openapiv2, and every error kubectl reports for a
// bad resource, field or path. Output is compared byte for byte (no normalisation: explain prints
// nothing that varies between runs, and indentation is the point).

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Harness, kubectlBin } from './harness.ts';

if (!kubectlBin)
  console.log('kubectl explain compare: skipped, no reference kubectl (run scripts/reference-bins.sh)');

const V2 = ['-o', 'plaintext-openapiv2'];

/** Explained both ways: kubectl's default (OpenAPI v3) and the v2 renderer. */
const bothRenderers: string[][] = [
  ['pods'],
  ['pod.spec'],
  ['pods.spec.containers'],
  ['pods.spec.containers.resources.limits'],
  ['pods.spec.containers.ports.protocol'],
  ['deploy'],
  ['deploy.spec.template.spec.containers'],
  ['deployments.spec.strategy'],
  ['deploy.spec.strategy.rollingUpdate.maxSurge'],
  ['deploy.spec.replicas.extra'],
  ['svc'],
  ['svc.spec.ports'],
  ['cm'],
  ['statefulsets.spec.updateStrategy'],
  ['crd.spec.versions.schema.openAPIV3Schema'],
  ['gadgets'],
  ['gd.spec'],
  ['gadget.spec.mode'],
  ['gadgets.spec.labels'],
  ['gadgets.spec.extra'],
  ['deploy.spec.strategy', '--recursive'],
  ['gadgets', '--recursive'],
  ['gadgets.spec', '--api-version=toys.example.com/v2'],
  ['deploy', '--api-version=apps/v9'],
  ['pods.nope.deeper'],
];

/** Explained once: more kinds, resolution rules and errors. */
const singleCases: string[][] = [
  ['ds.spec.updateStrategy.rollingUpdate'],
  ['jobs.spec'],
  ['cj.spec.jobTemplate'],
  ['pvc.spec'],
  ['secrets.type'],
  ['hpa.spec.metrics'],
  ['gadgets.spec.port'],
  ['gadgets.spec.parts'],
  ['gadgets.spec.notes'],
  ['gadgets.spec.notes', ...V2],
  ['pods', '--recursive'],
  ['crd', '--recursive'],
  ['svc.spec', '--recursive', ...V2],
  ['deployments', '--api-version=apps/v1'],
  ['deploy', '--api-version=v1'],
  ['deploy', '--api-version=v1', ...V2],
  ['pods.spec.nope'],
  ['Deployment'],
  ['deployments.apps.spec.replicas'],
  ['gadgets.toys.example.com.spec.size'],
  ['deploy.apps'],
  ['ev'],
  ['events'],
  ['pods..spec'],
  ['pods.spec.'],
  ["pods['spec']"],
  ['pods.spec\\.x'],
  ['nope'],
  ['DEPLOY'],
  [''],
  [],
  ['pods', 'svc'],
  ['pods[0]'],
  ['pods.*'],
  ['pods}x'],
  ['pods spec'],
  ['deploy', '--api-version=a/b/c'],
  ['deploy', '-o', 'yaml'],
  ['deploy', '--recursive=maybe'],
];

// Descriptions that exercise both wrappers: go-wordwrap (v3, by runes, newlines kept) and the
// v2 formatter (by bytes; paragraphs, bullets, code blocks and "label:" lines kept apart).
const longText =
  'A gadget is a made-up resource used to check that explain renders custom resources as kubectl does, ' +
  'wrapping long descriptions like this one at the same column. Words with accents (créée, déjà, façade, ' +
  'naïveté) count once per character in one wrapper and twice in the other.';
const layoutText = [
  'How the gadget runs. Choose one of:',
  '- fast: no checks at all, as fast as it goes',
  '- careful: every step verified before the next one starts',
  '1. first numbered point',
  '2) not a list item by the bullet rule',
  '',
  '    code block line kept as it is, even when it is much longer than the column where text wraps',
  'A URL longer than any line: https://example.com/a/very/long/path/that/cannot/be/broken/anywhere/at/all/index.html',
  'Tabs\tand  double  spaces   and trailing spaces   ',
].join('\n');

const gadgetCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gadgets.toys.example.com' },
  spec: {
    group: 'toys.example.com',
    names: {
      plural: 'gadgets',
      singular: 'gadget',
      kind: 'Gadget',
      shortNames: ['gd'],
      listKind: 'GadgetList',
    },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            description: longText,
            properties: {
              spec: {
                type: 'object',
                description: longText,
                required: ['size', 'mode'],
                properties: {
                  size: { type: 'integer', format: 'int32', description: 'How big, in centimetres.' },
                  mode: {
                    type: 'string',
                    enum: ['fast', 'careful', '', 'lazy', 'eager', 'off'],
                    description: layoutText,
                  },
                  port: { 'x-kubernetes-int-or-string': true, description: 'A port number or name.' },
                  extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  tags: { type: 'array', items: { type: 'string' } },
                  parts: {
                    type: 'array',
                    description: 'The parts it is made of.',
                    items: {
                      type: 'object',
                      required: ['name'],
                      properties: {
                        name: { type: 'string', description: 'Part name.' },
                        weight: { type: 'number', description: 'Weight in kilograms.' },
                      },
                    },
                  },
                  labels: { type: 'object', additionalProperties: { type: 'string' } },
                  notes: { type: 'string', description: 'déjà vu '.repeat(20) },
                },
              },
              status: { type: 'object', properties: { phase: { type: 'string' } } },
            },
          },
        },
      },
      {
        name: 'v2',
        served: true,
        storage: false,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { spec: { type: 'object', properties: { size: { type: 'string' } } } },
          },
        },
      },
    ],
  },
};

const cases = [...bothRenderers.flatMap((args) => [args, [...args, ...V2]]), ...singleCases];

describe.skipIf(!kubectlBin)('bosun kubectl explain equals kubectl 1.35', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.start();
    await h.api('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', gadgetCrd);
    // the custom resource is served once discovery lists it
    for (let i = 0; i < 50; i++) {
      const r = await h.real(['api-resources', '--api-group=toys.example.com', '-o', 'name']);
      if (r.stdout.includes('gadgets')) break;
      await new Promise((done) => setTimeout(done, 200));
    }
  }, 60_000);
  afterAll(() => h.stop());

  for (const args of cases) {
    test(`explain ${args.map((a) => JSON.stringify(a)).join(' ')}`, async () => {
      const run = ['explain', ...args];
      const [expected, actual] = await Promise.all([h.real(run), h.ours(run)]);
      expect(actual.stdout).toBe(expected.stdout);
      expect(actual.stderr).toBe(expected.stderr);
      expect(actual.code).toBe(expected.code);
    }, 60_000);
  }
});
