// Owner references and the claim rules of upstream's ControllerRefManager:
// a controller keeps what it owns while its selector matches, releases
// (orphans) what no longer matches, and adopts matching orphans.

import type { ApiClient, KubeObject, Resource } from './client.ts';
import { isNotFound } from './client.ts';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  const refs = obj.metadata?.ownerReferences as OwnerReference[] | undefined;
  return refs?.find((r) => r.controller === true);
}

export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata!.name,
    uid: owner.metadata!.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * Claims `candidates` for `owner`: returns the ones it controls after
 * adopting matching orphans and releasing owned ones that stopped matching
 * (by patching ownerReferences, as upstream does).
 */
export async function claimObjects(
  client: ApiClient,
  resource: Resource,
  owner: KubeObject,
  ownerApiVersion: string,
  ownerKind: string,
  candidates: KubeObject[],
  matches: (obj: KubeObject) => boolean,
): Promise<KubeObject[]> {
  const uid = owner.metadata?.uid;
  const claimed: KubeObject[] = [];
  for (const obj of candidates) {
    const ref = controllerRefOf(obj);
    const ns = obj.metadata?.namespace;
    const name = obj.metadata!.name;
    if (ref) {
      if (ref.uid !== uid) continue;
      if (matches(obj)) {
        claimed.push(obj);
        continue;
      }
      if (owner.metadata?.deletionTimestamp) continue;
      try {
        const refs = ((obj.metadata?.ownerReferences ?? []) as OwnerReference[]).filter((r) => r.uid !== uid);
        await client.patch(resource, ns, name, 'merge', {
          metadata: {
            ownerReferences: refs.length > 0 ? refs : null,
            resourceVersion: obj.metadata?.resourceVersion,
          },
        });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      continue;
    }
    if (!matches(obj) || owner.metadata?.deletionTimestamp || obj.metadata?.deletionTimestamp) continue;
    try {
      const refs = [...((obj.metadata?.ownerReferences ?? []) as OwnerReference[])];
      refs.push(newControllerRef(owner, ownerApiVersion, ownerKind));
      const adopted = await client.patch(resource, ns, name, 'merge', {
        metadata: { ownerReferences: refs, resourceVersion: obj.metadata?.resourceVersion },
      });
      claimed.push(adopted);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return claimed;
}
