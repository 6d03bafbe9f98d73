// `bosun kubectl apply view-last-applied | set-last-applied | edit-last-applied` against the real
// kubectl 1.35 on one control plane. Cases run in order (a set changes what a later view shows),
// real kubectl in namespace `ref`, ours in `bos`; edits use the scripted editor
// (testdata/scripted-editor.sh), and both sides must also show the editor the same file.
// `label --list` and `annotate --list` (which shows the annotation these commands keep) are
// compared here too.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Harness, kubectlBin, normalise } from './harness.ts';
import { runSide, type Side } from './sides.ts';

const h = new Harness();
const editor = resolve(import.meta.dirname, 'testdata/scripted-editor.sh');

/** The annotation client-side apply leaves on a ConfigMap created from `data`. */
const applied = (ns: string, name: string, data: Record<string, string>) =>
  `${JSON.stringify({ apiVersion: 'v1', data, kind: 'ConfigMap', metadata: { annotations: {}, name, namespace: ns } })}\n`;

async function seed(ns: string): Promise<void> {
  const cm = (
    name: string,
    data: Record<string, string>,
    annotated: boolean,
    labels?: Record<string, string>,
  ) =>
    h.api('POST', `/api/v1/namespaces/${ns}/configmaps`, {
      metadata: {
        name,
        labels,
        annotations: annotated
          ? { 'kubectl.kubernetes.io/last-applied-configuration': applied(ns, name, data) }
          : undefined,
      },
      data,
    });
  await cm('applied', { a: '1' }, true);
  await cm('labeled', { l: 'x' }, true, { app: 'web' });
  await cm('plain', { b: '2' }, false);
  await cm('bare', { c: '3' }, false);
}

const files: Record<string, string> = {
  'plain.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  b: "2"\n',
  'applied.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  labels: {tier: x}\ndata:\n  a: "5"\n',
  'nope.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nope\n',
};

interface Case {
  args: string[];
  /** Editor steps for edit-last-applied (see the script); none for the other commands. */
  steps?: string;
  /** kubectl lists an object's labels in Go's random map order: compare the lines sorted. */
  sortLines?: boolean;
}

const cases: Case[] = [
  // view-last-applied
  { args: ['apply', 'view-last-applied', 'cm/applied'] },
  { args: ['apply', 'view-last-applied', 'cm', 'applied', '-o', 'json'] },
  { args: ['apply', 'view-last-applied', 'cm/plain'] },
  { args: ['apply', 'view-last-applied', 'cm/nope'] },
  { args: ['apply', 'view-last-applied'] },
  { args: ['apply', 'view-last-applied', '-f', 'applied.yaml'] },
  { args: ['apply', 'view-last-applied', 'cm', '-l', 'app=web'] },
  { args: ['apply', 'view-last-applied', 'cm', '--all', '-o', 'json'] },
  { args: ['apply', 'view-last-applied', 'cm'] },
  { args: ['apply', 'view-last-applied', 'cm/applied', '-o', 'wide'] },
  { args: ['apply', 'view-last-applied', 'cm/plain', '-o', 'wide'] },
  { args: ['apply', 'view-last-applied', 'cm/applied', 'cm/labeled'] },
  // set-last-applied
  { args: ['apply', 'set-last-applied', '-f', 'plain.yaml'] },
  { args: ['apply', 'set-last-applied', '-f', 'plain.yaml', '--create-annotation'] },
  { args: ['apply', 'set-last-applied', '-f', 'plain.yaml', '--create-annotation'] },
  { args: ['apply', 'view-last-applied', 'cm/plain', '-o', 'json'] },
  { args: ['apply', 'set-last-applied', '-f', 'applied.yaml', '--dry-run=client', '-o', 'yaml'] },
  { args: ['apply', 'set-last-applied', '-f', 'applied.yaml', '--dry-run=server'] },
  { args: ['apply', 'set-last-applied', '-f', 'applied.yaml', '-o', 'json'] },
  { args: ['apply', 'view-last-applied', 'cm/applied'] },
  { args: ['apply', 'set-last-applied', '-f', 'applied.yaml', '-o', 'name'] },
  { args: ['apply', 'set-last-applied'] },
  { args: ['apply', 'set-last-applied', '-f', 'nope.yaml'] },
  { args: ['apply', 'set-last-applied', '-f', 'missing.yaml'] },
  // edit-last-applied
  { steps: 'keep', args: ['apply', 'edit-last-applied', 'cm/applied'] },
  { steps: 's/a:~"5"/a:~"6"/', args: ['apply', 'edit-last-applied', 'cm/applied'] },
  { args: ['apply', 'view-last-applied', 'cm/applied', '-o', 'json'] },
  { steps: 's/"6"/"7"/', args: ['apply', 'edit-last-applied', 'cm', 'applied', '-o', 'json'] },
  { steps: 's/b:~"2"/b:~"4"/', args: ['apply', 'edit-last-applied', 'cm/applied', 'cm/plain'] },
  { args: ['apply', 'view-last-applied', 'cm/plain'] },
  { steps: 's/a:~"7"/a:~"8"/', args: ['apply', 'edit-last-applied', '-f', 'applied.yaml', '-o', 'yaml'] },
  { steps: 'keep', args: ['apply', 'edit-last-applied', 'cm/bare'] },
  { steps: 'keep', args: ['apply', 'edit-last-applied', 'cm/nope'] },
  { steps: 's/name:~applied/name:~other/', args: ['apply', 'edit-last-applied', 'cm/applied'] },
  { steps: 'keep', args: ['apply', 'edit-last-applied'] },
  { args: ['get', 'cm', '-o', 'custom-columns=NAME:.metadata.name,DATA:.data'] },
  // label --list / annotate --list (annotations include the last-applied configuration)
  { args: ['label', 'cm/labeled', '--list'] },
  { args: ['label', 'cm', 'labeled', 'bare', '--list'] },
  { args: ['label', 'cm', '-l', 'app=web', '--list'] },
  { args: ['label', 'cm/labeled', '--list', 'tier=x'], sortLines: true },
  { args: ['label', 'cm/labeled', '--list', 'app-'] },
  { args: ['label', 'cm/labeled', '--list', 'app=other'] },
  { args: ['label', 'cm/labeled', '--list', '-o', 'yaml'] },
  { args: ['label', 'cm/labeled', '--list', '--dry-run=client'] },
  { args: ['label', 'cm/nope', '--list'] },
  { args: ['label', '--list'] },
  { args: ['annotate', 'cm/labeled', '--list'] },
  { args: ['annotate', 'cm', 'bare', 'labeled', '--list'] },
  { args: ['annotate', 'cm/bare', '--list'] },
  { args: ['annotate', 'cm/labeled', '--list', 'kubectl.kubernetes.io/last-applied-configuration-'] },
  { args: ['get', 'cm', 'labeled', '-o', 'jsonpath={.metadata.labels}'] },
];

/** One side's run: its output and what its editor was shown. */
async function run(
  side: Side,
  c: Case,
): Promise<{ code: number; stdout: string; stderr: string; shown: string }> {
  const state = join(h.work, `state-${side}`);
  const log = join(h.work, `log-${side}`);
  rmSync(state, { force: true });
  rmSync(log, { force: true });
  const env = c.steps ? { KUBE_EDITOR: editor, EDIT_STEPS: c.steps, EDIT_STATE: state, EDIT_LOG: log } : {};
  const r = await runSide(h, side, c.args, { env });
  let shown = '';
  try {
    shown = readFileSync(log, 'utf8');
  } catch {
    // the editor never ran
  }
  const fix = (t: string) => {
    const text = normalise(side === 'bos' ? t.replace(/\bbos\b/g, 'ref') : t).replace(
      /kubectl-edit-\d+\./g,
      'kubectl-edit-<n>.',
    );
    return c.sortLines ? text.split('\n').sort().join('\n') : text;
  };
  return { code: r.code, stdout: fix(r.stdout), stderr: fix(r.stderr), shown: fix(shown) };
}

describe.skipIf(!kubectlBin)('kubectl apply *-last-applied equals kubectl 1.35', () => {
  beforeAll(async () => {
    await h.start();
    await h.both(seed);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(h.work, name), text);
  }, 60_000);
  afterAll(() => h.stop());

  for (const c of cases) {
    test(`${c.args.join(' ')}${c.steps ? ` [${c.steps}]` : ''}`, async () => {
      const expected = await run('ref', c);
      const actual = await run('bos', c);
      expect(actual.shown).toBe(expected.shown);
      expect(actual.stdout).toBe(expected.stdout);
      expect(actual.stderr).toBe(expected.stderr);
      expect(actual.code).toBe(expected.code);
    }, 60_000);
  }
});
