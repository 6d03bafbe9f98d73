// meta.k8s.io/v1 Table: what `kubectl get` asks for, with the columns and
// cells the resource's strategy prints and each row's object as
// PartialObjectMetadata (includeObject=Metadata, the default), the full
// object (Object) or nothing (None).

import type { KubeObject, ResourceStrategy } from '../registry/types.ts';
import { badRequest } from './status.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject') ?? 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  throw badRequest(
    `includeObject: Unsupported value: "${value}": supported values: "Metadata", "None", "Object"`,
  );
}

function rowObject(obj: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata ?? {} };
}

export interface TableOptions {
  include: IncludeObject;
  /** Watch events after the first carry rows only. */
  noHeaders?: boolean;
  metadata?: Record<string, unknown>;
}

export function toTable(
  strategy: ResourceStrategy,
  objects: KubeObject[],
  now: Date,
  options: TableOptions,
): unknown {
  const table: Record<string, unknown> = {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: options.metadata ?? {},
  };
  if (!options.noHeaders) table.columnDefinitions = strategy.tableColumns();
  table.rows = objects.map((obj) => {
    const row: Record<string, unknown> = { cells: strategy.tableRow(obj, now) };
    const object = rowObject(obj, options.include);
    if (object !== undefined) row.object = object;
    return row;
  });
  return table;
}
