// A ResourceStrategy with only the rules every Kubernetes resource shares:
// generation bookkeeping, status kept apart when a status subresource exists,
// and the NAME/AGE table Kubernetes prints for a kind without its own columns.
// The registry room supplies the per-kind rules; this is what the server uses
// for a resource it has no strategy for (custom resources, tests).

import type {
  FieldError,
  KubeObject,
  ResourceInfo,
  ResourceStrategy,
  TableColumn,
} from '../registry/types.ts';

/** Kubernetes' duration.HumanDuration: the AGE column's format. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24) % 365;
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${years}y`;
}

/** The AGE cell: `<unknown>` without a timestamp, as kubectl's printers do. */
export function ageSince(timestamp: unknown, now: Date): string {
  if (typeof timestamp !== 'string' || !timestamp) return '<unknown>';
  return humanDuration(now.getTime() - Date.parse(timestamp));
}

const nameColumn: TableColumn = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  priority: 0,
};
const createdColumn: TableColumn = {
  name: 'Created At',
  type: 'date',
  format: '',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
  priority: 0,
};

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function genericStrategy(info: ResourceInfo): ResourceStrategy {
  const hasStatus = info.subresources.status === true;
  return {
    info,
    applyDefaults() {},
    prepareForCreate(obj: KubeObject) {
      if (hasStatus) delete obj.status;
      obj.metadata ??= {};
      if (obj.spec !== undefined) obj.metadata.generation = 1;
    },
    prepareForUpdate(obj: KubeObject, old: KubeObject, subresource?: 'status') {
      obj.metadata ??= {};
      if (subresource === 'status') {
        // Only .status moves through the status subresource.
        for (const field of Object.keys(obj))
          if (field !== 'status' && field !== 'metadata') delete obj[field];
        for (const [field, value] of Object.entries(old))
          if (field !== 'status' && field !== 'metadata') obj[field] = value;
        obj.metadata = { ...old.metadata, resourceVersion: obj.metadata.resourceVersion };
        return;
      }
      if (hasStatus) {
        if (old.status === undefined) delete obj.status;
        else obj.status = old.status;
      }
      const generation = old.metadata?.generation;
      if (typeof generation === 'number') {
        obj.metadata.generation = sameJson(obj.spec, old.spec) ? generation : generation + 1;
      }
    },
    validateCreate(): FieldError[] {
      return [];
    },
    validateUpdate(): FieldError[] {
      return [];
    },
    tableColumns(): TableColumn[] {
      return [nameColumn, createdColumn];
    },
    tableRow(obj: KubeObject): unknown[] {
      return [obj.metadata?.name ?? '', obj.metadata?.creationTimestamp ?? null];
    },
  };
}
