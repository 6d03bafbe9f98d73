// `bosun kubectl edit` against the real kubectl 1.35 with a scripted editor
// (testdata/scripted-editor.sh): each case gives the editor a list of steps, one per time kubectl
// opens it; both sides must print the same, exit the same, and show the editor the same files
// (header, reasons of a reopened file, the object), after normalisation.

import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Harness, kubectlBin, normalise } from './harness.ts';
import { runSide, type Side } from './sides.ts';

const h = new Harness();
const editor = resolve(import.meta.dirname, 'testdata/scripted-editor.sh');

interface Case {
  /** The editor's steps (see the script): keep, empty, badyaml or a sed expression with ~ for spaces. */
  steps: string;
  args: string[];
}

const cases: Case[] = [
  { steps: 'keep', args: ['edit', 'cm', 'cfg'] },
  { steps: 's/a:~"1"/a:~"2"/', args: ['edit', 'cm', 'cfg'] },
  { steps: 's/a:~"2"/a:~"3"/', args: ['edit', 'configmap/cfg', '-o', 'yaml'] },
  { steps: 's/"a":~"3"/"a":~"4"/', args: ['edit', 'cm', 'cfg', '-o', 'json'] },
  { steps: 's/a:~"4"/a:~"5"/', args: ['edit', 'cm', 'cfg', '--output-patch'] },
  { steps: 's/replicas:~1/replicas:~-1/ keep', args: ['edit', 'deploy', 'web'] },
  { steps: 's/replicas:~1/replicas:~-1/ s/replicas:~-1/replicas:~3/', args: ['edit', 'deploy', 'web'] },
  { steps: 'empty keep', args: ['edit', 'deploy', 'web'] },
  { steps: 'empty s/^#.*//', args: ['edit', 'deploy', 'web'] },
  { steps: 's/image:~nginx/image:~nginx:2/', args: ['edit', 'deploy/web', 'cm/cfg'] },
  { steps: 's/name:~cfg/name:~other/', args: ['edit', 'cm', 'cfg'] },
  { steps: 'keep', args: ['edit', 'cm', 'nope'] },
  { steps: 'keep', args: ['edit', 'cm', 'cfg', '-o', 'name'] },
  { steps: 'keep', args: ['edit'] },
  { steps: 'keep', args: ['edit', 'cm', 'cfg', '--bogus'] },
];

async function seed(ns: string): Promise<void> {
  await h.api('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: 'cfg' }, data: { a: '1' } });
  const labels = { app: 'web' };
  await h.api('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
    metadata: { name: 'web', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  });
}

/** One side's run: its output and what its editor was shown. */
async function edit(
  side: Side,
  c: Case,
): Promise<{ code: number; stdout: string; stderr: string; shown: string }> {
  const state = join(h.work, `state-${side}`);
  const log = join(h.work, `log-${side}`);
  rmSync(state, { force: true });
  rmSync(log, { force: true });
  const r = await runSide(h, side, c.args, {
    env: { KUBE_EDITOR: editor, EDIT_STEPS: c.steps, EDIT_STATE: state, EDIT_LOG: log },
  });
  let shown = '';
  try {
    shown = readFileSync(log, 'utf8');
  } catch {
    // the editor never ran
  }
  const tidy = (t: string) =>
    normalise(side === 'bos' ? t.replace(/\bbos\b/g, 'ref') : t)
      .replace(/kubectl-edit-\d+\.(yaml|json)/g, 'kubectl-edit-<n>.$1')
      .replace(/("?generation"?: )\d+/g, '$1<gen>');
  return { code: r.code, stdout: tidy(r.stdout), stderr: tidy(r.stderr), shown: tidy(shown) };
}

describe.skipIf(!kubectlBin)('kubectl edit equals kubectl 1.35', () => {
  beforeAll(async () => {
    await h.start();
    await h.both(seed);
  }, 60_000);
  afterAll(() => h.stop());

  for (const c of cases) {
    test(`${c.args.join(' ')} [${c.steps}]`, async () => {
      const expected = await edit('ref', c);
      const actual = await edit('bos', c);
      expect(actual.shown).toBe(expected.shown);
      expect(actual.stdout).toBe(expected.stdout);
      expect(actual.stderr).toBe(expected.stderr);
      expect(actual.code).toBe(expected.code);
    }, 60_000);
  }
});
