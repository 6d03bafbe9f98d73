// What `kubectl run` and `kubectl expose` do to the object their generator built before sending
// it: --overrides, a JSON merge patch over it, then --save-config's last-applied annotation.

import type { Flags } from './flags.ts';
import { KubectlError } from './session.ts';

export async function withOverrides(flags: Flags, object: Record<string, any>): Promise<Record<string, any>> {
  if (flags.str('overrides')) {
    const { applyMergePatch } = await import('../../kube/index.ts');
    let patch: unknown;
    try {
      patch = JSON.parse(flags.str('overrides'));
    } catch (e) {
      throw new KubectlError(`error: ${(e as Error).message}`);
    }
    object = applyMergePatch(object as never, patch as never) as Record<string, any>;
  }
  if (flags.bool('save-config')) {
    const { withLastApplied } = await import('./apply.ts');
    object = withLastApplied(object);
  }
  return object;
}
