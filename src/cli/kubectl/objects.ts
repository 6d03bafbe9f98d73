/**
 * Small shared steps of the write commands: how kubectl names an object in its messages
 * (`deployment.apps/web`), the `--dry-run` and `-o` handling of a command's result, and
 * reading an object with its resource.
 */
import { type ApiResource, apiVersionOf, groupKindLower, resourcePath } from '../../kube/client/index.ts';
import { parseOutputFormat, typedJsonText } from '../../kube/printers/index.ts';
import type { SchemaNode } from '../../kube/schema.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { printGeneric, stripManagedFields } from './get.ts';
import { KubectlError, type Session } from './session.ts';

export const dryRunFlag: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: 'none',
  noOptDefault: 'unchanged',
};

export type DryRun = 'none' | 'client' | 'server';

export function dryRunOf(flags: Flags): DryRun {
  const v = flags.str('dry-run');
  if (v === 'unchanged' || v === 'client') return 'client';
  if (v === 'server') return 'server';
  if (v === 'none' || v === '' || v === 'false') return 'none';
  if (v === 'true') return 'client';
  throw new KubectlError(`error: Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export function dryRunSuffix(dryRun: DryRun): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
}

/** `deployment.apps/web`. */
export function objectRef(resource: { group: string; kind: string }, name: string): string {
  return `${groupKindLower(resource)}/${name}`;
}

/**
 * Prints a command's result: with `-o` the object in that format (`-o name` as `kind/name`),
 * otherwise `kind/name <verb>`.
 */
export function printResult(
  flags: Flags,
  resource: ApiResource,
  obj: Record<string, any>,
  verb: string,
  dryRun: DryRun,
): void {
  const output = flags.str('output');
  if (output && output !== 'name') {
    const format = parseOutputFormat(output);
    process.stdout.write(printGeneric(flags, format, [obj], true, [resource]));
    return;
  }
  const ref = objectRef(resource, obj.metadata?.name ?? '');
  process.stdout.write(output === 'name' ? `${ref}\n` : `${ref} ${verb}${dryRunSuffix(dryRun)}\n`);
}

let typeFacts: Promise<(apiVersion: string, kind: string) => SchemaNode | undefined> | undefined;

/**
 * The Go type of a built-in kind as kubectl is compiled with it (the cluster's type facts,
 * loaded on first use): its fields in declaration order. Undefined for kinds it does not know.
 */
export async function typedSchemaFor(apiVersion: string, kind: string): Promise<SchemaNode | undefined> {
  typeFacts ??= import('../../cluster/openapi/index.ts').then(({ Catalog }) => {
    const catalog = new Catalog();
    return (av: string, k: string) => catalog.schemaFor(av, k);
  });
  return (await typeFacts)(apiVersion, kind);
}

/**
 * printResult for commands whose builder decodes into Go types (`set`, `rollout undo`): their
 * `-o json` writes struct fields in declaration order, not the sorted keys of unstructured maps.
 */
export async function printTypedResult(
  flags: Flags,
  resource: ApiResource,
  obj: Record<string, any>,
  verb: string,
  dryRun: DryRun,
): Promise<void> {
  const output = flags.str('output');
  if (!output || parseOutputFormat(output).kind !== 'json')
    return printResult(flags, resource, obj, verb, dryRun);
  const shown = flags.bool('show-managed-fields') ? obj : stripManagedFields(obj);
  process.stdout.write(typedJsonText(shown, await typedSchemaFor(apiVersionOf(resource), resource.kind)));
}

export async function getObject(
  session: Session,
  resource: ApiResource,
  namespace: string | undefined,
  name: string,
): Promise<Record<string, any>> {
  return session.rest.json(
    'GET',
    resourcePath(resource, { namespace: resource.namespaced ? namespace : undefined, name }),
  );
}

export function deepClone<T>(v: T): T {
  return structuredClone(v);
}
