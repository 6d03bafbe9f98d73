// ControllerRevisions (pkg/controller/history): the template history of a
// DaemonSet or StatefulSet. The current revision is the one whose data equals
// the object's template patch; reusing an older one (a rollback) gives it the
// next revision number; old revisions beyond revisionHistoryLimit go unless a
// live pod still runs them.

import {
  type ApiClient,
  controllerRevisionsResource,
  isAlreadyExists,
  isNotFound,
  type KubeObject,
} from './client.ts';
import { semanticEqual } from './equality.ts';
import { newControllerRef } from './owner.ts';

export const controllerRevisionHashLabel = 'controller-revision-hash';

/** The data a ControllerRevision stores: the template as a strategic-merge patch that replaces it (getPatch). */
export function templatePatch(owner: KubeObject): KubeObject {
  return { spec: { template: { ...structuredClone(owner.spec?.template ?? {}), $patch: 'replace' } } };
}

function revisionNumber(r: KubeObject): number {
  return typeof r.revision === 'number' ? r.revision : 0;
}

export interface History {
  current: KubeObject;
  old: KubeObject[];
}

export class RevisionCollisionError extends Error {}

/**
 * Finds or creates the current revision among `revisions` (the owner's, already
 * claimed), named `<owner>-<hash>`.
 */
export async function constructHistory(
  client: ApiClient,
  owner: KubeObject,
  ownerKind: string,
  revisions: KubeObject[],
  hash: string,
): Promise<History> {
  const data = templatePatch(owner);
  const namespace = owner.metadata?.namespace;
  const matching = revisions
    .filter((r) => semanticEqual(r.data, data))
    .sort((a, b) => revisionNumber(b) - revisionNumber(a));
  let current: KubeObject | undefined = matching[0];
  // Duplicates of the current template: keep the newest.
  for (const dup of matching.slice(1)) {
    try {
      await client.delete(controllerRevisionsResource, namespace, dup.metadata!.name, {
        preconditions: { uid: dup.metadata?.uid },
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  const old = revisions.filter((r) => !matching.includes(r));
  const next = old.reduce((m, r) => Math.max(m, revisionNumber(r)), 0) + 1;
  if (!current) {
    const revision: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `${owner.metadata?.name}-${hash}`,
        namespace,
        labels: { ...(owner.spec?.template?.metadata?.labels ?? {}), [controllerRevisionHashLabel]: hash },
        ownerReferences: [newControllerRef(owner, 'apps/v1', ownerKind)],
      },
      data,
      revision: next,
    };
    try {
      current = await client.create(controllerRevisionsResource, namespace, revision);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      const existing = await client.get(controllerRevisionsResource, namespace, revision.metadata!.name);
      const ours = (existing.metadata?.ownerReferences ?? []).some(
        (r: KubeObject) => r.uid === owner.metadata?.uid && r.controller,
      );
      if (!ours || !semanticEqual(existing.data, data))
        throw new RevisionCollisionError(`hash collision on ${revision.metadata!.name}`);
      current = existing;
    }
  } else if (revisionNumber(current) < next) {
    current = await client.update(controllerRevisionsResource, namespace, { ...current, revision: next });
  }
  return { current: current!, old };
}

/** Deletes the oldest old revisions beyond `limit` that are not in use (`inUse`: a live pod runs it). */
export async function cleanupHistory(
  client: ApiClient,
  old: KubeObject[],
  inUse: (revision: KubeObject) => boolean,
  limit: number,
): Promise<void> {
  let toKill = old.length - limit;
  if (toKill <= 0) return;
  for (const r of [...old].sort((a, b) => revisionNumber(a) - revisionNumber(b))) {
    if (toKill <= 0) break;
    if (inUse(r)) continue;
    try {
      await client.delete(controllerRevisionsResource, r.metadata?.namespace, r.metadata!.name, {
        preconditions: { uid: r.metadata?.uid },
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    toKill--;
  }
}
