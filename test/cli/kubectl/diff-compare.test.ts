// `bosun kubectl diff` against the real kubectl 1.35 on one control plane: new objects, no
// changes, changed and removed fields, masked Secret data, --server-side with and without
// conflicts, selectors, folders, objects being deleted, $KUBECTL_EXTERNAL_DIFF and the exit
// codes of every kind of failure. Stdout, stderr and exit code must be equal once the temp
// dirs' random names and the diff headers' file times are normalised.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectSameResult, Harness, kubectlBin, normalise } from './harness.ts';

if (!kubectlBin)
  console.log('kubectl diff compare: skipped, no reference kubectl (run scripts/reference-bins.sh)');

interface Step {
  /** Files (relative to the work dir) written before the step. */
  files?: Record<string, string>;
  /** Arguments of the command (both sides run it in their own namespace). */
  run: string[];
  env?: NodeJS.ProcessEnv;
  /** A setup step: real kubectl runs it in both namespaces and nothing is compared. */
  setup?: boolean;
}

const configMap = (data: string, extra = '') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  labels:
    app: web
${extra}data:
${data}`;

const secret = (data: string) => `apiVersion: v1
kind: Secret
metadata:
  name: sec
data:
${data}`;

const deployment = (containers: string, replicas = 2) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
${containers}`;

const container = (name: string, image: string, env = '') =>
  `      - name: ${name}\n        image: ${image}\n${env}`;

const steps: Step[] = [
  // objects that do not exist yet: an empty LIVE file (a Secret's reads `null`)
  {
    files: {
      'cm.yaml': configMap('  a: "1"\n  b: "2"\n'),
      'sec.yaml': secret('  p: aGVsbG8=\n  q: c2FtZQ==\n  gone: eA==\n'),
      'web.yaml': deployment(container('web', 'nginx:1.25') + container('side', 'busybox:1.36')),
    },
    run: ['diff', '-f', 'cm.yaml'],
  },
  { run: ['diff', '-f', 'sec.yaml'] },
  { run: ['diff', '-f', 'web.yaml', '-f', 'cm.yaml'] },
  { run: ['apply', '-f', 'cm.yaml', '-f', 'sec.yaml', '-f', 'web.yaml'], setup: true },
  // nothing to change: no output, exit 0
  { run: ['diff', '-f', 'cm.yaml', '-f', 'sec.yaml', '-f', 'web.yaml'] },
  // a changed value, a removed key, a new key
  {
    files: {
      'cm.yaml': configMap('  a: "1"\n  b: "3"\n  c: "4"\n'),
      'cm-less.yaml': configMap('  a: "1"\n'),
      'sec.yaml': secret('  p: Ynll\n  q: c2FtZQ==\n  r: bmV3\n'),
    },
    run: ['diff', '-f', 'cm.yaml'],
  },
  { run: ['diff', '-f', 'cm-less.yaml'] },
  { run: ['diff', '-f', 'sec.yaml'] },
  { run: ['diff', '--show-managed-fields', '-f', 'sec.yaml'] },
  // lists with merge keys: an image changed, containers reordered, one removed, replicas changed
  {
    files: {
      'web-image.yaml': deployment(container('web', 'nginx:1.27') + container('side', 'busybox:1.36')),
      'web-reordered.yaml': deployment(container('side', 'busybox:1.36') + container('web', 'nginx:1.25')),
      'web-one.yaml': deployment(
        container('web', 'nginx:1.25', '        env:\n        - name: A\n          value: x\n'),
        3,
      ),
    },
    run: ['diff', '-f', 'web-image.yaml'],
  },
  { run: ['diff', '-f', 'web-reordered.yaml'] },
  { run: ['diff', '-f', 'web-one.yaml'] },
  // server-side: the manager `kubectl` may take client-side apply's fields; another one conflicts
  { run: ['diff', '--server-side', '-f', 'cm.yaml', '-f', 'sec.yaml'] },
  { run: ['diff', '--server-side', '-f', 'web-one.yaml'] },
  { run: ['diff', '--server-side', '--field-manager=other', '-f', 'cm.yaml'] },
  { run: ['diff', '--server-side', '--field-manager=other', '--force-conflicts', '-f', 'cm.yaml'] },
  { run: ['diff', '--field-manager=other', '-f', 'cm.yaml'] },
  // an object created imperatively has no last-applied annotation to start from
  { run: ['create', 'configmap', 'plain', '--from-literal=a=1', '--from-literal=b=2'], setup: true },
  {
    files: {
      'plain-same.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  a: "1"\n  b: "2"\n',
      'plain-less.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  a: "5"\n',
    },
    run: ['diff', '-f', 'plain-same.yaml'],
  },
  { run: ['diff', '-f', 'plain-less.yaml'] },
  { run: ['diff', '--server-side', '-f', 'plain-less.yaml'] },
  // selectors and folders
  { run: ['diff', '-l', 'app=web', '-f', 'cm.yaml'] },
  { run: ['diff', '-l', 'app=none', '-f', 'cm.yaml'] },
  { run: ['diff', '-l', 'app in (web', '-f', 'cm.yaml'] },
  {
    files: {
      'dir/one.yaml': configMap('  a: "9"\n'),
      'dir/sub/two.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two' } }),
      'dir/notes.txt': 'not a manifest',
    },
    run: ['diff', '-f', 'dir'],
  },
  { run: ['diff', '-R', '-f', 'dir'] },
  // a cluster-scoped object's file name has an empty namespace
  {
    files: { 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: diff-only\n' },
    run: ['diff', '-f', 'ns.yaml'],
  },
  // an object being deleted (held by a finalizer) draws a warning
  {
    files: {
      'held.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers:\n  - example.com/hold\ndata:\n  a: "1"\n',
      'held2.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers:\n  - example.com/hold\ndata:\n  a: "2"\n',
    },
    run: ['apply', '-f', 'held.yaml'],
    setup: true,
  },
  { run: ['delete', 'cm', 'held', '--wait=false'], setup: true },
  { run: ['diff', '-f', 'held2.yaml'] },
  // the diff program: $KUBECTL_EXTERNAL_DIFF with its arguments filtered, missing, failing
  { run: ['diff', '-f', 'cm.yaml'], env: { KUBECTL_EXTERNAL_DIFF: 'diff' } },
  { run: ['diff', '-f', 'cm.yaml'], env: { KUBECTL_EXTERNAL_DIFF: 'diff -u ./dropped  -U=1' } },
  { run: ['diff', '-f', 'cm.yaml'], env: { KUBECTL_EXTERNAL_DIFF: 'no-such-diff-program' } },
  { run: ['diff', '-f', 'cm.yaml'], env: { KUBECTL_EXTERNAL_DIFF: './no-such-diff-program' } },
  { run: ['diff', '-f', 'cm.yaml'], env: { KUBECTL_EXTERNAL_DIFF: 'diff --bogus' } },
  { run: ['diff', '-f', 'cm.yaml'], env: { KUBECTL_EXTERNAL_DIFF: 'false' } },
  { run: ['diff', '-f', 'cm.yaml'], env: { KUBECTL_EXTERNAL_DIFF: 'true' } },
  // input without objects: nothing to diff
  { files: { 'empty.yaml': '# nothing here\n---\n' }, run: ['diff', '-f', 'empty.yaml'] },
  // usage mistakes and failures: all exit 2
  { run: ['diff'] },
  { run: ['diff', '-f', 'nope.yaml'] },
  { run: ['diff', '--bogus', '-f', 'cm.yaml'] },
  { run: ['diff', '-f', 'cm.yaml', 'extra', 'args'] },
  { run: ['diff', '--concurrency=x', '-f', 'cm.yaml'] },
  { run: ['diff', '--force-conflicts', '-f', 'cm.yaml'] },
  {
    files: { 'odd.yaml': 'apiVersion: example.com/v1\nkind: Nothing\nmetadata:\n  name: x\n' },
    run: ['diff', '-f', 'odd.yaml'],
  },
  {
    files: {
      'other-ns.yaml': configMap('  a: "1"\n').replace('  name: cfg', '  name: cfg\n  namespace: elsewhere'),
    },
    run: ['diff', '-f', 'other-ns.yaml'],
  },
];

/** The temp dirs' random names and the file times in diff's headers differ from run to run. */
function normaliseDiff(text: string): string {
  return normalise(
    text
      .replace(/\/(LIVE|MERGED)-\d+\//g, '/$1-<n>/')
      .replace(/^(---|\+\+\+) (\S+)\t.*$/gm, '$1 $2\t<mtime>'),
  );
}

describe.skipIf(!kubectlBin)('bosun kubectl diff equals kubectl 1.35', () => {
  const h = new Harness();
  beforeAll(async () => {
    await h.start();
  }, 60_000);
  afterAll(async () => {
    await h.stop();
  });

  for (const [i, step] of steps.entries()) {
    const name = `${i + 1}: ${step.setup ? 'setup ' : ''}kubectl ${step.run.join(' ')}${
      step.env ? ` (${Object.entries(step.env).map(([k, v]) => `${k}=${v}`)})` : ''
    }`;
    test(name, async () => {
      h.writeFiles(step.files ?? {});
      if (step.setup) return h.realInBoth(step.run);
      const expected = await h.real(step.run, step.env);
      expectSameResult(await h.ours(step.run, step.env), expected, normaliseDiff);
    }, 60_000);
  }

  // -k and --prune are not built: ours says so and fails as kubectl diff fails (exit 2)
  test.each([
    [['diff', '-k', '.'], '-k (kustomize) is not supported by bosun yet'],
    [['diff', '--prune', '-l', 'app=web', '-f', 'cm.yaml'], 'diff --prune is not supported by bosun yet'],
  ])(
    'ours: kubectl %s',
    async (args, message) => {
      const r = await h.ours(args);
      expect(r.stderr).toBe(`error: ${message}\n`);
      expect(r.code).toBe(2);
    },
    60_000,
  );
});
