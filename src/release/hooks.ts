/**
 * Running a release's hooks for one event (Helm's execHook): by weight then name, each created
 * after its before-hook-creation deletion, waited on (Jobs and Pods), its run recorded on the
 * release, and deleted afterwards by its hook-succeeded / hook-failed policy.
 */
import { type Configuration, recordRelease } from './configuration.ts';
import type { HookRecord, Release } from './record.ts';
import type { ResourceClient, ResourceInfo } from './resources.ts';
import { waitDeleted, waitHookDone } from './wait.ts';

function byWeight(a: HookRecord, b: HookRecord): number {
  if (a.weight !== b.weight) return a.weight - b.weight;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

async function deleteByPolicy(
  kube: ResourceClient,
  h: HookRecord,
  policy: string,
  timeoutMs: number,
): Promise<void> {
  if (h.kind === 'CustomResourceDefinition' || !h.deletePolicies.includes(policy)) return;
  let resources: ResourceInfo[];
  try {
    resources = await kube.build(h.manifest);
  } catch (e) {
    throw new Error(`unable to build kubernetes object for deleting hook ${h.path}: ${(e as Error).message}`);
  }
  for (const r of resources) await kube.delete(r, 'Background');
  await waitDeleted(kube, resources, timeoutMs);
}

export async function execHooks(
  cfg: Configuration,
  rel: Release,
  event: string,
  timeoutMs: number,
): Promise<void> {
  const kube = cfg.kube;
  if (!kube) return;
  const running = rel.hooks.filter((h) => h.events.includes(event)).sort(byWeight);
  for (let i = 0; i < running.length; i++) {
    const h = running[i]!;
    if (h.deletePolicies.length === 0) h.deletePolicies = ['before-hook-creation'];
    await deleteByPolicy(kube, h, 'before-hook-creation', timeoutMs);
    let resources: ResourceInfo[];
    try {
      resources = await kube.build(h.manifest);
    } catch (e) {
      throw new Error(
        `unable to build kubernetes object for ${event} hook ${h.path}: ${(e as Error).message}`,
      );
    }
    h.lastRun = { startedAt: cfg.now(), phase: 'Running' };
    await recordRelease(cfg, rel);
    h.lastRun.phase = 'Unknown';
    try {
      for (const r of resources) await kube.apply(r);
    } catch (e) {
      h.lastRun.completedAt = cfg.now();
      h.lastRun.phase = 'Failed';
      throw new Error(`warning: Hook ${event} ${h.path} failed: ${(e as Error).message}`);
    }
    try {
      await waitHookDone(kube, resources, timeoutMs);
    } catch (e) {
      h.lastRun.completedAt = cfg.now();
      h.lastRun.phase = 'Failed';
      await deleteByPolicy(kube, h, 'hook-failed', timeoutMs).catch(() => undefined);
      for (const done of running.slice(0, i)) await deleteByPolicy(kube, done, 'hook-succeeded', timeoutMs);
      throw e;
    }
    h.lastRun.completedAt = cfg.now();
    h.lastRun.phase = 'Succeeded';
  }
  for (let i = running.length - 1; i >= 0; i--)
    await deleteByPolicy(kube, running[i]!, 'hook-succeeded', timeoutMs);
}
