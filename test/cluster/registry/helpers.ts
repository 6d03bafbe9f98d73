// Shared lookups for the registry tests.

import type { KubeObject, ResourceStrategy } from '../../../src/cluster/registry/index.ts';
import { resources } from '../../../src/cluster/registry/index.ts';

const all = resources({
  allocators: { clusterIP: () => '10.96.12.34', nodePort: (taken) => (taken.has(30080) ? 30081 : 30080) },
});

export function strategy(group: string, version: string, plural: string): ResourceStrategy {
  const s = all.find((r) => r.info.group === group && r.info.version === version && r.info.plural === plural);
  if (!s) throw new Error(`no strategy for ${group}/${version}/${plural}`);
  return s;
}

/** Defaults and prepares an object as a create does, returning it. */
export function created(s: ResourceStrategy, obj: KubeObject): KubeObject {
  const o = structuredClone(obj);
  s.applyDefaults(o);
  s.prepareForCreate(o);
  return o;
}

export function messages(s: ResourceStrategy, obj: KubeObject): string[] {
  const o = structuredClone(obj);
  s.applyDefaults(o);
  s.prepareForCreate(o);
  return s.validateCreate(o).map((e) => e.message);
}

export { all as allStrategies };
