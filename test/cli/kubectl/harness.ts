// The comparison harness of the kubectl suites: one in-process control plane, real kubectl run in
// namespace `ref`, `bosun kubectl` in namespace `bos`, and the normalisation of what may differ
// between two runs a second apart (ages, uids, times, resourceVersions, cluster IPs).
// Also a stand-in for the controllers (not running in the control plane yet): ReplicaSets,
// ControllerRevisions, statuses and Events written through the API as the controllers would.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { type ControlPlane, startControlPlane } from '../../../src/cluster/index.ts';
import { loadClientConfig, RestClient } from '../../../src/kube/client/index.ts';
import { bosunCommand } from '../../support/bosun-cli.ts';
import { referenceBin } from '../../support/reference-bins.ts';

export const kubectlBin = referenceBin('kubectl');

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

type Obj = Record<string, any>;

/** Runs a client to the end (30s at most); `stdin`, when given, is its whole input. */
export function runClient(
  bin: string,
  args: string[],
  cwd: string,
  env?: NodeJS.ProcessEnv,
  stdin?: string,
): Promise<Result> {
  return new Promise((done) => {
    const child = execFile(
      bin,
      args,
      { cwd, timeout: 30_000, env: { ...process.env, ...env } },
      (err, stdout, stderr) =>
        done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

/** What may differ between two runs a second apart on the same server. */
export function normalise(text: string): string {
  return (
    text
      // client-go's klog diagnostics (e.g. a reflector's "very short watch") depend on timing
      .replace(/^[IWE]\d{4} \d\d:\d\d:\d\d\.\d+ .*\n/gm, '')
      .replace(/(?<=\s)\d+(?:d|h|m|s)(?:\d+(?:h|m|s))?(?=\s|$)/gm, '<age>')
      // ages closing a parenthesis: an event's `(xN over <age>)`, a deletion's `(lasts <age>)`
      .replace(/(?<=\(x\d+ over |\(lasts )\d+(?:d|h|m|s)(?:\d+(?:h|m|s))?(?=\))/g, '<age>')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)/g, '<time>')
      // Go's time.Time.String() (NetworkPolicy's `Created on:`)
      .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4} [A-Za-z0-9+-]+/g, '<time>')
      .replace(/[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g, '<time>')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
      .replace(/("?resourceVersion"?:\s*)"\d+"/g, '$1"<rv>"')
      .replace(/(Resource Version:\s+)\d+/g, '$1<rv>')
      .replace(/\b10\.\d+\.\d+\.\d+\b/g, '<ip>')
      // normalised values differ in width, which moves the columns after them
      .replace(/ {2,}/g, '  ')
  );
}

/** Ours equals real kubectl: stdout, stderr (each through `tidy`) and the exit code. */
export function expectSameResult(actual: Result, expected: Result, tidy = normalise): void {
  expect(tidy(actual.stdout)).toBe(tidy(expected.stdout));
  expect(tidy(actual.stderr)).toBe(tidy(expected.stderr));
  expect(actual.code).toBe(expected.code);
}

/** How each side runs a command: a Harness (flags after the command), or `flagsFirst` of sides.ts. */
export interface Sides {
  real(args: string[]): Promise<Result>;
  ours(args: string[]): Promise<Result>;
}

/** One test a command: real kubectl runs it first, then ours, and the results must be equal. */
export function compareEach(sides: Sides, cases: string[][]): void {
  for (const args of cases)
    test(args.join(' '), async () => {
      const expected = await sides.real(args);
      expectSameResult(await sides.ours(args), expected);
    }, 60_000);
}

export class Harness {
  work = '';
  plane?: ControlPlane;
  rest?: RestClient;

  async start(): Promise<void> {
    this.work = mkdtempSync(join(tmpdir(), 'bosun-kubectl-'));
    this.plane = await startControlPlane({
      port: 0,
      inMemory: true,
      kubeconfig: this.kubeconfig,
      // the harness writes controller-like objects itself; running controllers would race it
      controllers: false,
    });
    this.rest = new RestClient(loadClientConfig({ kubeconfig: this.kubeconfig }));
    for (const ns of ['ref', 'bos']) await this.api('POST', '/api/v1/namespaces', { metadata: { name: ns } });
  }

  get kubeconfig(): string {
    return join(this.work, 'kubeconfig');
  }

  async stop(): Promise<void> {
    this.rest?.close();
    await this.plane?.stop();
    if (this.work) rmSync(this.work, { recursive: true, force: true });
  }

  real(args: string[], env?: NodeJS.ProcessEnv): Promise<Result> {
    return runClient(kubectlBin!, ['--kubeconfig', this.kubeconfig, '-n', 'ref', ...args], this.work, env);
  }

  async ours(args: string[], env?: NodeJS.ProcessEnv): Promise<Result> {
    const r = await runClient(
      bosunCommand()[0],
      [...bosunCommand()[1], 'kubectl', ...args, '-n', 'bos', '--kubeconfig', this.kubeconfig],
      this.work,
      env,
    );
    const rename = (s: string) => s.replace(/\bbos\b/g, 'ref');
    return { ...r, stdout: rename(r.stdout), stderr: rename(r.stderr) };
  }

  api(method: string, path: string, body?: unknown, contentType?: string): Promise<Obj> {
    return this.rest!.json(method, path, { body, contentType });
  }

  /** Runs `setup` for both namespaces, so both sides see the same objects. */
  async both(setup: (ns: string) => Promise<unknown>): Promise<void> {
    for (const ns of ['ref', 'bos']) await setup(ns);
  }

  /** Writes files (paths relative to the work dir; folders made as needed). */
  writeFiles(files: Record<string, string>): void {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(this.work, file, '..'), { recursive: true });
      writeFileSync(join(this.work, file), text);
    }
  }

  /** A setup step: real kubectl runs the command in both namespaces, and it must succeed. */
  async realInBoth(args: string[]): Promise<void> {
    for (const ns of ['ref', 'bos']) {
      const r = await this.real([...args, '-n', ns]);
      expect(r.code, r.stderr).toBe(0);
    }
  }

  // --- controller stand-ins ---

  /**
   * What the Deployment controller does for revision `revision` of the current template: a
   * ReplicaSet owned by the Deployment (revision and change-cause annotations, hash label), the
   * Deployment's revision annotation, and a status with the given counts.
   */
  async deploymentRevision(
    ns: string,
    name: string,
    revision: number,
    hash: string,
    status: { updated: number; ready: number; available: number; total: number },
  ): Promise<void> {
    const base = `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;
    const d = await this.api('GET', base);
    const template = structuredClone(d.spec.template);
    template.metadata.labels = { ...template.metadata.labels, 'pod-template-hash': hash };
    const annotations: Obj = { 'deployment.kubernetes.io/revision': String(revision) };
    const cause = d.metadata.annotations?.['kubernetes.io/change-cause'];
    if (cause) annotations['kubernetes.io/change-cause'] = cause;
    const rsName = `${name}-${hash}`;
    const rsPath = `/apis/apps/v1/namespaces/${ns}/replicasets`;
    const existing = await this.rest!.request('GET', `${rsPath}/${rsName}`);
    if (existing.status === 404)
      await this.api('POST', rsPath, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          labels: template.metadata.labels,
          annotations,
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name,
              uid: d.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: {
          replicas: status.updated,
          selector: {
            matchLabels: { ...d.spec.selector.matchLabels, 'pod-template-hash': hash },
          },
          template,
        },
      });
    else
      await this.api(
        'PATCH',
        `${rsPath}/${rsName}`,
        { metadata: { annotations }, spec: { replicas: status.updated } },
        'application/merge-patch+json',
      );
    await this.api(
      'PATCH',
      base,
      { metadata: { annotations: { 'deployment.kubernetes.io/revision': String(revision) } } },
      'application/merge-patch+json',
    );
    await this.deploymentStatus(ns, name, status);
  }

  async deploymentStatus(
    ns: string,
    name: string,
    s: { updated: number; ready: number; available: number; total: number },
    conditions?: Obj[],
  ): Promise<void> {
    const base = `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;
    const d = await this.api('GET', base);
    const status: Obj = {
      observedGeneration: d.metadata.generation,
      replicas: s.total,
      updatedReplicas: s.updated,
      readyReplicas: s.ready,
      availableReplicas: s.available,
      unavailableReplicas: Math.max(0, s.total - s.available),
    };
    if (conditions) status.conditions = conditions;
    await this.api('PATCH', `${base}/status`, { status }, 'application/merge-patch+json');
  }
}
