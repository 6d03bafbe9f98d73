// The real helm v4 against `bosun up` (one server for this file, in memory, on a free port),
// with OpenAPI validation on (helm reads /openapi/v2 as protobuf): install, list, status,
// upgrade, history, rollback and uninstall of the kiamol ch10 vweb chart; release Secrets
// are checked with kubectl.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixturesDir, helmBin, kubectlBin, startUp, type Up } from './support.ts';

const charts = join(fixturesDir, 'kiamol/ch10/vweb');
let skip = '';
if (!helmBin || !kubectlBin) skip = 'no helm/kubectl in the reference directory (scripts/reference-bins.sh)';
else if (!existsSync(join(charts, 'v1/vweb/Chart.yaml'))) skip = `no kiamol ch10 charts at ${charts}`;
if (skip) console.log(`e2e helm: skipped, ${skip}`);

let up: Up;
beforeAll(async () => {
  if (skip) return;
  up = await startUp({ inMemory: true });
}, 60_000);
afterAll(async () => {
  if (!up) return;
  await up.stop();
  up.cleanup();
});

interface Case {
  bin: 'helm' | 'kubectl';
  args: string[];
  out: RegExp;
  code?: number;
}

const cases: Case[] = [
  {
    bin: 'helm',
    args: ['install', 'ch10-vweb', join(charts, 'v1/vweb')],
    out: /^NAME: ch10-vweb\n(.*\n)*STATUS: deployed\nREVISION: 1\n/,
  },
  {
    bin: 'helm',
    args: ['ls'],
    out: /^NAME\s+NAMESPACE\s+REVISION\s+UPDATED\s+STATUS\s+CHART\s+APP VERSION\nch10-vweb\s+default\s+1\s+.*\s+deployed\s+vweb-1\.0\.0\s+1\.0\.0\s*\n$/,
  },
  {
    bin: 'kubectl',
    args: ['get', 'secrets', '-l', 'owner=helm', '-o', 'name'],
    out: /^secret\/sh\.helm\.release\.v1\.ch10-vweb\.v1\n$/,
  },
  {
    bin: 'kubectl',
    args: ['get', 'deployment,service', '-l', 'app.kubernetes.io/managed-by=Helm', '-o', 'name'],
    out: /^deployment\.apps\/ch10-vweb\nservice\/ch10-vweb\n$/,
  },
  { bin: 'helm', args: ['status', 'ch10-vweb'], out: /^NAME: ch10-vweb\n(.*\n)*STATUS: deployed\n/ },
  { bin: 'helm', args: ['get', 'values', 'ch10-vweb', '--all'], out: /^COMPUTED VALUES:\n/ },
  {
    bin: 'helm',
    args: ['upgrade', 'ch10-vweb', join(charts, 'v2/vweb')],
    out: /Release "ch10-vweb" has been upgraded\. Happy Helming!\n(.*\n)*REVISION: 2\n/,
  },
  {
    bin: 'helm',
    args: ['history', 'ch10-vweb'],
    out: /^REVISION\s+UPDATED\s+STATUS\s+CHART\s+APP VERSION\s+DESCRIPTION\s*\n1\s+.*superseded\s+vweb-1\.0\.0.*Install complete\s*\n2\s+.*deployed\s+vweb-2\.0\.0.*Upgrade complete\s*\n$/,
  },
  { bin: 'helm', args: ['rollback', 'ch10-vweb', '1'], out: /^Rollback was a success! Happy Helming!\n$/ },
  {
    bin: 'kubectl',
    args: ['get', 'secrets', '-l', 'owner=helm,name=ch10-vweb', '-o', 'name'],
    out: /^(secret\/sh\.helm\.release\.v1\.ch10-vweb\.v[123]\n){3}$/,
  },
  { bin: 'helm', args: ['uninstall', 'ch10-vweb'], out: /^release "ch10-vweb" uninstalled\n$/ },
  { bin: 'helm', args: ['ls', '-q'], out: /^$/ },
  {
    bin: 'kubectl',
    args: ['get', 'deployments,services,secrets', '-l', 'app.kubernetes.io/managed-by=Helm', '-o', 'name'],
    out: /^$/,
  },
];

describe.skipIf(skip !== '')('helm v4 against bosun up', () => {
  for (const c of cases) {
    test(`${c.bin} ${c.args.join(' ')}`, async () => {
      const result = await up.run(c.bin === 'helm' ? helmBin! : kubectlBin!, c.args, { timeoutMs: 60_000 });
      expect(result.code, result.stderr).toBe(c.code ?? 0);
      expect(result.stdout).toMatch(c.out);
    }, 60_000);
  }
});
