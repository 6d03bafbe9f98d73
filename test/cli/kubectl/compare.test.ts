import { existsSync } from 'node:fs';
// `bosun kubectl` against the real kubectl 1.35: the same commands on the same control plane
// (started in-process), real kubectl in namespace `ref`, ours in `bos`, with identical objects.
// Stdout, stderr and exit code must be equal once the namespace name, ages and server-generated
// values (uids, resourceVersions, timestamps, cluster IPs, node ports) are normalised.

import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ControlPlane, startControlPlane } from '../../../src/cluster/index.ts';
import { bosunCommand } from '../../support/bosun-cli.ts';
import { referenceBin } from '../../support/reference-bins.ts';

const kubectlBin = referenceBin('kubectl');
const fixtures = resolve(import.meta.dirname, '../../../../shared/fixtures/kiamol/ch09');
const haveFixtures = existsSync(fixtures);
if (!kubectlBin)
  console.log('kubectl compare: skipped, no reference kubectl (run scripts/reference-bins.sh)');
else if (!haveFixtures) console.log(`kubectl compare: skipped, ${fixtures} is absent`);

const root = resolve(import.meta.dirname, '../../..');
let work: string;
let plane: ControlPlane;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function run(bin: string, args: string[]): Promise<Result> {
  return new Promise((done) => {
    execFile(bin, args, { cwd: work, timeout: 30_000 }, (err, stdout, stderr) =>
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const real = (args: string[]) =>
  run(kubectlBin!, ['--kubeconfig', join(work, 'kubeconfig'), '-n', 'ref', ...args]);
const ours = async (args: string[]) => {
  const r = await run(bosunCommand()[0], [
    ...bosunCommand()[1],
    'kubectl',
    ...args,
    '-n',
    'bos',
    '--kubeconfig',
    join(work, 'kubeconfig'),
  ]);
  const rename = (s: string) => s.replace(/\bbos\b/g, 'ref');
  return { ...r, stdout: rename(r.stdout), stderr: rename(r.stderr) };
};

/** What may differ between two runs a second apart on the same server. */
function normalise(text: string): string {
  return (
    text
      .replace(/(?<=\s)\d+(?:d|h|m|s)(?:\d+(?:h|m|s))?(?=\s|$)/gm, '<age>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
      .replace(/("?resourceVersion"?:\s*)"\d+"/g, '$1"<rv>"')
      .replace(/\b10\.\d+\.\d+\.\d+\b/g, '<ip>')
      .replace(/("?nodePort"?:\s*)\d+/g, '$1<port>')
      .replace(/:3\d{4}\//g, ':<port>/')
      // normalised values differ in width, which moves the columns after them
      .replace(/ {2,}/g, '  ')
  );
}

// Run in order: each case sees the state the previous ones left (in both namespaces alike).
const cases: string[][] = [
  ['apply', '--validate=false', '-f', 'vweb/'],
  ['apply', '--validate=false', '-f', 'vweb/'],
  ['get', 'deploy,svc'],
  ['get', 'deploy', '-o', 'wide'],
  ['get', 'deploy', 'vweb', '-o', 'yaml'],
  ['get', 'deploy', '-o', 'json'],
  ['get', 'all'],
  ['get', 'deploy', '-o', 'name'],
  ['get', 'deploy', '--show-labels'],
  ['get', 'deploy', '-L', 'app', '--no-headers'],
  ['get', 'deploy', '-l', 'app=vweb', '-o', 'name'],
  ['get', 'deploy', '-l', 'app=nope'],
  ['get', 'deploy', '-o', 'jsonpath={.items[*].metadata.name}'],
  ['get', 'deploy', 'vweb', '-o', 'jsonpath={.spec.template.spec.containers[?(@.name=="web")].image}'],
  ['get', 'svc', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.ports[0].port}{"\\n"}{end}'],
  [
    'get',
    'deploy',
    '-o',
    'custom-columns=NAME:.metadata.name,REV:.metadata.annotations.deployment\\.kubernetes\\.io/revision,IMAGES:.spec.template.spec.containers[*].image',
  ],
  [
    'get',
    'deploy',
    '-o',
    'go-template={{range .items}}{{.metadata.name}} {{.spec.replicas}}{{"\\n"}}{{end}}',
  ],
  ['get', 'deploy/vweb', 'svc/vweb'],
  ['get', 'cm', 'nope'],
  ['get', 'cm', 'nope', '--ignore-not-found'],
  ['get', 'nothings'],
  ['get', 'cm', '-o', 'bogus'],
  ['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=2'],
  ['create', 'configmap', 'cfg', '--from-literal=a=1'],
  ['create', 'secret', 'generic', 'sec', '--from-literal=p=q'],
  ['get', 'secret', 'sec', '-o', 'jsonpath={.data.p}'],
  ['create', 'deployment', 'dd', '--image=nginx:1.25', '--dry-run=client', '-o', 'yaml'],
  ['create', 'namespace', 'zz', '--dry-run=client', '-o', 'yaml'],
  ['label', 'cm', 'cfg', 'tier=x'],
  ['label', 'cm', 'cfg', 'tier=y'],
  ['label', 'cm', 'cfg', 'tier=y', '--overwrite'],
  ['label', 'cm', 'cfg', 'tier-'],
  ['annotate', 'cm', 'cfg', 'note=hi'],
  ['annotate', 'cm', 'cfg', 'note=hi'],
  ['annotate', 'cm', 'cfg', 'note=other', 'kubernetes.io/change-cause=x'],
  ['annotate', 'cm', 'cfg', 'kubernetes.io/change-cause=y'],
  ['label', 'cm', 'cfg'],
  ['label', 'tier=z'],
  ['annotate', 'a=b'],
  ['patch', 'cm', 'cfg', '-p', '{"data":{"b":"3"}}'],
  ['patch', 'cm', 'cfg', '-p', '{"data":{"b":"3"}}'],
  ['patch', 'cm', 'cfg', '--type=merge', '-p', '{"data":{"c":"3"}}'],
  ['patch', 'cm', 'cfg', '--type=json', '-p', '[{"op":"add","path":"/data/d","value":"4"}]'],
  ['get', 'cm', 'cfg', '-o', 'jsonpath={.data}'],
  ['scale', 'deploy', 'vweb', '--replicas=3'],
  ['scale', 'deploy', 'vweb', '--replicas=4', '--current-replicas=2'],
  ['set', 'image', 'deploy/vweb', 'web=kiamol/ch09-vweb:v2'],
  ['apply', '--validate=false', '-f', 'vweb/'],
  ['get', 'deploy', 'vweb', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}'],
  ['apply', '--validate=false', '--server-side', '-f', 'vweb/vweb-service.yaml'],
  ['delete', 'cm', 'cfg'],
  ['delete', 'cm', 'cfg'],
  ['delete', 'secret', 'sec', '--grace-period=0', '--force'],
  ['delete', 'cm', '-l', 'app=none'],
  ['delete', '-f', 'vweb/'],
  ['get', 'deploy'],
];

describe.skipIf(!kubectlBin || !haveFixtures)('bosun kubectl equals kubectl 1.35', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'bosun-kubectl-'));
    cpSync(join(fixtures, 'vweb'), join(work, 'vweb'), { recursive: true });
    plane = await startControlPlane({
      port: 0,
      inMemory: true,
      kubeconfig: join(work, 'kubeconfig'),
      // objects here stand still: real and ours must see the same state
      controllers: false,
    });
    await real(['create', 'namespace', 'bos']);
    await real(['create', 'namespace', 'ref']);
  }, 60_000);

  afterAll(async () => {
    await plane?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const args of cases) {
    test(args.join(' '), async () => {
      const expected = await real(args);
      const actual = await ours(args);
      expect(normalise(actual.stdout)).toBe(normalise(expected.stdout));
      expect(normalise(actual.stderr)).toBe(normalise(expected.stderr));
      expect(actual.code).toBe(expected.code);
    }, 60_000);
  }
});
