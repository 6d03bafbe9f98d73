// Storage keys in etcd's order: `namespace/name` for namespaced objects,
// `name` for cluster-scoped ones, so a namespace is a contiguous key range.

import type { KeyRange } from './log.ts';
import type { ObjectKey } from './types.ts';

/** Above every key: names are ASCII, and U+FFFF sorts after them in UTF-8 and UTF-16 alike. */
const endOfKeys = '\uffff';

export function storageKey(key: ObjectKey): string {
  return key.namespace ? `${key.namespace}/${key.name}` : key.name;
}

/** The keys of one resource, optionally within one namespace. */
export function keyRange(resource: string, namespace?: string): KeyRange {
  if (!namespace) return { resource, after: '', before: endOfKeys };
  // '0' is the character after '/': [ns/, ns0) holds exactly the keys ns/*.
  return { resource, after: `${namespace}/`, before: `${namespace}0` };
}

export function inRange(range: KeyRange, resource: string, key: string): boolean {
  return resource === range.resource && key > range.after && key < range.before;
}
