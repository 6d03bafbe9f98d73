import { describe, expect, test } from 'vitest';
import { evalJSONPath, formatLabelSelector, scaleSelector } from '../../../src/cluster/registry/index.ts';
import { messages, strategy } from './helpers.ts';

describe('label selector strings (metav1.FormatLabelSelector)', () => {
  test.each([
    [{ matchLabels: { b: '2', a: '1' } }, 'a=1,b=2'],
    [{ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] }, 'env in (dev,prod)'],
    [
      {
        matchLabels: { app: 'x' },
        matchExpressions: [
          { key: 'gone', operator: 'DoesNotExist' },
          { key: 'b', operator: 'Exists' },
        ],
      },
      'app=x,b,!gone',
    ],
    [{}, '<none>'],
  ])('%j → %s', (sel, expected) => expect(formatLabelSelector(sel)).toBe(expected));

  test('Scale status.selector for deployments and replication controllers', () => {
    expect(scaleSelector({ kind: 'Deployment', spec: { selector: { matchLabels: { app: 'web' } } } })).toBe(
      'app=web',
    );
    expect(scaleSelector({ kind: 'ReplicationController', spec: { selector: { app: 'web' } } })).toBe(
      'app=web',
    );
  });
});

describe('printer-column JSONPath', () => {
  const obj = {
    spec: { list: [{ n: 1 }, { n: 2 }], 'a.b': 'dotted' },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
  test.each([
    ['.spec.list[0].n', [1]],
    ['.spec.list[*].n', [1, 2]],
    ['.spec.list[-1].n', [2]],
    [".spec['a.b']", ['dotted']],
    ['.status.conditions[?(@.type=="Ready")].status', ['True']],
    ['.status.conditions[?(@.type=="Gone")].status', []],
    ['.missing.field', []],
  ])('%s', (path, expected) => expect(evalJSONPath(obj, path)).toEqual(expected));
});

describe('CustomResourceDefinition validation', () => {
  const crd = (over: Record<string, unknown> = {}) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { kind: 'Widget', plural: 'widgets' },
      versions: [{ name: 'v1', served: true, storage: true }],
      ...over,
    },
  });
  const s = strategy('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');

  test('a valid CRD, with names defaulted', () => {
    expect(messages(s, crd())).toEqual([]);
  });

  test('name must be plural.group; one storage version', () => {
    expect(
      messages(s, {
        ...crd({ versions: [{ name: 'v1', storage: false }] }),
        metadata: { name: 'widget.example.com' },
      }),
    ).toEqual([
      'metadata.name: Invalid value: "widget.example.com": must be spec.names.plural+"."+spec.group',
      'spec.versions: Invalid value: must have exactly one version marked as storage version',
    ]);
  });
});
