/**
 * Small shared steps of the write commands: how kubectl names an object in its messages
 * (`deployment.apps/web`), the `--dry-run` and `-o` handling of a command's result, and
 * reading an object with its resource.
 */
import { type ApiResource, groupKindLower, resourcePath } from '../../kube/client/index.ts';
import { parseOutputFormat } from '../../kube/printers/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { printGeneric } from './get.ts';
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
