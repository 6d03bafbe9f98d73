// Canonical quantities seen through the real kubectl 1.35: what `apply` sends comes back in
// canonical form from `get`, and a malformed quantity fails with upstream's decode error.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Harness, kubectlBin } from '../../cli/kubectl/harness.ts';

if (!kubectlBin)
  console.log('quantity kubectl: skipped, no reference kubectl (run scripts/reference-bins.sh)');

const pod = (name: string, resources: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: c
    image: nginx
    resources:
${resources}
`;

describe.skipIf(!kubectlBin)('quantities through the real kubectl', () => {
  const h = new Harness();
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop());

  const write = (file: string, text: string) => {
    writeFileSync(join(h.work, file), text);
    return file;
  };

  test('apply then get shows the canonical form', async () => {
    const file = write(
      'good.yaml',
      pod('good', '      requests: {cpu: 1000m, memory: 1.5Gi}\n      limits: {cpu: 2, memory: 0.5}'),
    );
    expect((await h.real(['apply', '-f', file])).stdout).toBe('pod/good created\n');
    const got = await h.real(['get', 'pod', 'good', '-o', 'jsonpath={.spec.containers[0].resources}']);
    expect(JSON.parse(got.stdout)).toEqual({
      requests: { cpu: '1', memory: '1536Mi' },
      limits: { cpu: '2', memory: '500m' },
    });
    const yaml = await h.real(['get', 'pod', 'good', '-o', 'yaml']);
    expect(yaml.stdout).toContain('        cpu: "1"\n        memory: 1536Mi\n');
  }, 60_000);

  test.each([
    [
      'bad-format',
      'abc',
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    ['bad-suffix', '1ki', "unable to parse quantity's suffix"],
  ])(
    '%s: apply fails with the decode error',
    async (name, value, why) => {
      const file = write(`${name}.yaml`, pod(name, `      requests: {cpu: "${value}"}`));
      const r = await h.real(['apply', '-f', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `Error from server (BadRequest): error when creating "${file}": Pod in version "v1" cannot be handled as a Pod: ${why}\n`,
      );
      expect((await h.real(['get', 'pod', name])).code).toBe(1);
    },
    60_000,
  );
});
