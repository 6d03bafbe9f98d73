// Real helm v4 and `bosun helm` against one in-process control plane: each step runs real helm in
// namespace `ref` and ours in `bos` (its output renamed to `ref`), and stdout, stderr and the exit
// code must be equal once times, ages, uids and ports are normalised. Steps run in order, so each
// side builds the same history. `cross` steps read the other side's records: ours reads what real
// helm wrote (v4, and v3 through helm3) and real helm reads what we wrote.

import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ControlPlane, startControlPlane } from '../../../src/cluster/index.ts';
import { loadClientConfig, RestClient } from '../../../src/kube/client/index.ts';
import { bosunCommand } from '../../support/bosun-cli.ts';
import { referenceBin } from '../../support/reference-bins.ts';
import { normalise, type Result, runClient } from '../kubectl/harness.ts';

const helm = referenceBin('helm');
const helm3 = referenceBin('helm3');
const vweb = resolve(import.meta.dirname, '../../../../shared/fixtures/kiamol/ch10/vweb/v1/vweb');

interface Step {
  /** arguments after `helm`; `-n <ns>` is added unless the step names its namespace */
  args: string[];
  env?: Record<string, string>;
  /** both sides read namespace `ns` (the other side's records), nothing renamed */
  cross?: 'ref' | 'bos';
  /** helm3 writes in both namespaces first (a v3 record for us to read) */
  setupWithHelm3?: string[];
  /** a fixture or binary the step cannot run without */
  needs?: 'vweb' | 'helm3';
  /** real time to let pass first: `list --date` orders by whole seconds, then by name */
  pauseMs?: number;
}

/** Helm prints status's resources in Go's random map order: sections sorted on both sides. */
function sortResourceSections(text: string): string {
  return text.replace(/RESOURCES:\n([\s\S]*?\n)(?=TEST SUITE:)/, (_, body: string) => {
    const sections = body
      .split(/(?=^==> )/m)
      .map((s) => s.trimEnd())
      .filter((s) => s !== '');
    return `RESOURCES:\n${sections.sort().join('\n\n')}\n\n\n`;
  });
}

// Only what differs between two runs a second apart.
function tidy(text: string): string {
  return normalise(
    sortResourceSections(text)
      .replace(/[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}/g, '<time>')
      .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [+-]\d{4} \S+/g, '<time>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/g, '<time>')
      // times vary in width (Go trims the fraction's zeros), and table cells are padded to them
      .replace(/(<time>) +(?=\t|$)/gm, '$1')
      .replace(/(modifiedAt|createdAt)=\d+/g, '$1=<n>')
      .replace(/"(modifiedAt|createdAt)":"\d+"/g, '"$1":"<n>"')
      .replace(/:\d{5}\/TCP/g, ':<port>/TCP')
      .replace(/"nodePort":\d+/g, '"nodePort":0')
      .replace(/\b(\S+-[a-f0-9]{8,10})-[a-z0-9]{5}\b/g, '$1-<pod>')
      .replace(/"(podIP|ip)":"[\d.]+"/g, '"$1":"<ip>"')
      .replace(/containerd:\/\/[0-9a-f]+/g, 'containerd://<id>'),
  );
}

const steps: Step[] = [
  // install and what reads it back
  { args: ['install', 'h1', 'hooked'] },
  { args: ['list'] },
  { args: ['status', 'h1'] },
  { args: ['status', 'h1', '-o', 'json'] },
  { args: ['status', 'h1', '-o', 'yaml'] },
  { args: ['history', 'h1'] },
  { args: ['history', 'h1', '-o', 'json'] },
  { args: ['get', 'all', 'h1'] },
  { args: ['get', 'hooks', 'h1'] },
  { args: ['get', 'manifest', 'h1'] },
  { args: ['get', 'notes', 'h1'] },
  { args: ['get', 'values', 'h1'] },
  { args: ['get', 'values', 'h1', '--all', '-o', 'yaml'] },
  { args: ['get', 'metadata', 'h1'] },
  { args: ['get', 'metadata', 'h1', '-o', 'json'] },
  // each side reads the other's records
  { args: ['status', 'h1'], cross: 'ref' },
  { args: ['get', 'all', 'h1'], cross: 'ref' },
  { args: ['history', 'h1', '-o', 'yaml'], cross: 'ref' },
  { args: ['status', 'h1', '-o', 'json'], cross: 'bos' },
  { args: ['get', 'all', 'h1'], cross: 'bos' },
  { args: ['list', '-o', 'json'], cross: 'bos' },
  // a Helm 3 record
  {
    args: ['get', 'all', 'old'],
    setupWithHelm3: ['install', 'old', 'hooked', '--set', 'message=v3'],
    needs: 'helm3',
  },
  { args: ['list', '--filter', '^o'] },
  // install variants
  {
    pauseMs: 1100,
    args: [
      'install',
      'h2',
      'hooked',
      '--set',
      'message=two',
      '--description',
      'by hand',
      '-l',
      'team=a,tier=web',
      '-o',
      'json',
    ],
  },
  { args: ['list', '-l', 'team=a'] },
  { args: ['list', '-q', '-o', 'yaml'] },
  { args: ['list', '--date', '-r', '--max', '2'] },
  { args: ['list', '--offset', '1', '--no-headers'] },
  { args: ['install', 'h3', 'hooked', '--dry-run'] },
  { args: ['install', 'h3', 'hooked', '--dry-run=server', '-o', 'yaml'] },
  { args: ['install', 'h3', 'hooked', '--dry-run=client', '--hide-notes'] },
  { args: ['install', 'h4', 'hooked', '-n', 'made-by-NS', '--create-namespace'] },
  { args: ['list', '-n', 'made-by-NS'] },
  { args: ['install', 'v1', vweb, '--wait', '--set', 'replicaCount=1'], needs: 'vweb' },
  { args: ['status', 'v1'], needs: 'vweb' },
  { args: ['status', 'v1', '-o', 'json'], needs: 'vweb' },
  // ConfigMap records
  { args: ['install', 'c1', 'hooked', '--set', 'message=cm'], env: { HELM_DRIVER: 'configmap' } },
  { args: ['list'], env: { HELM_DRIVER: 'configmaps' } },
  { args: ['history', 'c1'], env: { HELM_DRIVER: 'configmap' } },
  // uninstall
  { args: ['uninstall', 'h2', '--keep-history'] },
  { args: ['list', '--uninstalled'] },
  { args: ['status', 'h2'] },
  { args: ['uninstall', 'h2', '--keep-history'] },
  { args: ['uninstall', 'h2'] },
  { args: ['uninstall', 'h1', 'v1', '--wait'], needs: 'vweb' },
  { args: ['uninstall', 'h1', '--wait'] },
  { args: ['list', '--superseded'] },
  { args: ['uninstall', 'c1', '--dry-run'], env: { HELM_DRIVER: 'configmap' } },
  { args: ['uninstall', 'nope', '--ignore-not-found'] },
  // failures
  { args: ['install', 'h1', 'hooked', '--set', 'image=never/pulls:1', '--wait', '--timeout', '2s'] },
  { args: ['history', 'h1'] },
  { args: ['install', 'j1', 'hooked', '--set', 'hookJob=never/pulls:1', '--timeout', '2s'] },
  { args: ['history', 'j1'] },
  {
    args: [
      'install',
      'rb',
      'hooked',
      '--set',
      'image=never/pulls:1',
      '--rollback-on-failure',
      '--timeout',
      '2s',
    ],
  },
  { args: ['history', 'rb'] },
  { args: ['install', 'at', 'hooked', '--atomic', '--dry-run'] },
  { args: ['install', 'h1', 'hooked'] },
  { args: ['install', 'taken', 'hooked', '--set', 'message=x'] },
  { args: ['install', 'BAD', 'hooked'] },
  { args: ['install', 'h5'] },
  { args: ['install', 'hooked'] },
  { args: ['install', 'a', 'b', 'c'] },
  { args: ['install', 'h5', 'missing-chart'] },
  { args: ['install', 'h5', 'hooked', '--timeout', '5'] },
  { args: ['install', 'h5', 'hooked', '--wait=maybe'] },
  { args: ['install', 'h5', 'hooked', '--dry-run=sometimes'] },
  { args: ['install', 'h5', 'hooked', '-l', 'owner=me'] },
  { args: ['status', 'nope'] },
  { args: ['status'] },
  { args: ['status', 'h1', '--revision', '7'] },
  { args: ['history', 'nope'] },
  { args: ['get', 'values', 'nope'] },
  { args: ['list', 'extra'] },
  { args: ['list', '-o', 'wide'] },
  { args: ['uninstall', 'nope'] },
  { args: ['uninstall', 'x', '--cascade', 'sideways'] },
  { args: ['list'], env: { HELM_DRIVER: 'nosuch' } },
];

let skip = '';
if (!helm) skip = 'no real helm in the reference directory (scripts/reference-bins.sh)';
const missing = { vweb: !existsSync(join(vweb, 'Chart.yaml')), helm3: !helm3 };

let work = '';
let plane: ControlPlane | undefined;

function hasNamespace(args: string[]): boolean {
  return args.includes('-n') || args.includes('--namespace');
}

async function run(bin: string, step: Step, ns: string): Promise<Result> {
  const args = step.args.map((a) => a.replace('NS', ns));
  const full = hasNamespace(args) ? args : [...args, '-n', ns];
  const env = {
    HELM_DRIVER: '',
    ...step.env,
    KUBECONFIG: join(work, 'kubeconfig'),
    HELM_CONFIG_HOME: join(work, 'helm'),
  };
  if (bin === 'bosun') {
    const [exe, pre] = bosunCommand();
    return runClient(exe, [...pre, 'helm', ...full], work, env);
  }
  return runClient(bin, full, work, env);
}

describe.skipIf(skip !== '')('bosun helm and real helm on the same releases', () => {
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'bosun-helm-releases-'));
    cpSync(join(import.meta.dirname, 'testdata/hooked'), join(work, 'hooked'), {
      recursive: true,
      preserveTimestamps: true,
    });
    plane = await startControlPlane({
      port: 0,
      inMemory: true,
      kubeconfig: join(work, 'kubeconfig'),
      imagePullFailure: ['never/*'],
    });
    const rest = new RestClient(loadClientConfig({ kubeconfig: join(work, 'kubeconfig') }));
    for (const ns of ['ref', 'bos']) {
      await rest.json('POST', '/api/v1/namespaces', { body: { metadata: { name: ns } } });
      // an object no release owns, in the way of `taken`
      await rest.json('POST', `/api/v1/namespaces/${ns}/configmaps`, {
        body: { metadata: { name: 'taken-cm' } },
      });
    }
    rest.close();
  }, 60_000);

  afterAll(async () => {
    await plane?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const step of steps) {
    const name = `${step.cross ? `[reads ${step.cross}] ` : ''}helm ${step.args.join(' ')}${step.env ? ` ${JSON.stringify(step.env)}` : ''}`;
    // the vweb steps need the kiamol fixtures beside the project; the v3 record needs helm3
    test.skipIf(step.needs !== undefined && missing[step.needs])(
      name,
      async () => {
        if (step.pauseMs) await new Promise((r) => setTimeout(r, step.pauseMs));
        if (step.setupWithHelm3)
          for (const ns of ['ref', 'bos']) {
            const r = await run(helm3!, { args: step.setupWithHelm3 }, ns);
            expect(r.code, r.stderr).toBe(0);
          }
        const expected = await run(helm!, step, step.cross ?? 'ref');
        const actual = await run('bosun', step, step.cross ?? 'bos');
        const rename = (s: string) => (step.cross ? s : s.replace(/\bbos\b/g, 'ref'));
        expect(tidy(rename(actual.stdout))).toBe(tidy(expected.stdout));
        expect(tidy(rename(actual.stderr))).toBe(tidy(expected.stderr));
        expect(actual.code).toBe(expected.code);
      },
      60_000,
    );
  }
});
