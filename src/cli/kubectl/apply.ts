/**
 * `kubectl apply -f`: client-side apply (the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation and a three-way strategic merge patch from the server's OpenAPI type facts, or a
 * three-way JSON merge patch for kinds without them) and `--server-side` (an apply patch with
 * field manager `kubectl`, then the move of client-side apply's fields to that manager).
 */
import { ApiStatusError, RestClient, resourcePath } from '../../kube/client/index.ts';
import {
  createThreeWayJSONMergePatch,
  createThreeWayMergePatch,
  deepEqualJSON,
  type JSONObject,
  ManagedFieldSet,
  parseLabelSelector,
  type SchemaNode,
} from '../../kube/index.ts';
import { encodeJson } from '../../template/index.ts';
import { fieldValidation } from './create.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { printFlags } from './get.ts';
import { dryRunFlag, dryRunOf, printResult } from './objects.ts';
import { locate, type Manifest, readManifests } from './resources.ts';
import { errorText, KubectlError, runCommand, type Session } from './session.ts';

export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

const applySpecs: FlagSpec[] = [
  ...printFlags,
  dryRunFlag,
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'server-side', type: 'bool' },
  { name: 'force-conflicts', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  { name: 'overwrite', type: 'bool', default: true },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'timeout', type: 'string' },
  { name: 'wait', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'prune', type: 'bool' },
  { name: 'all', type: 'bool' },
  { name: 'cascade', type: 'string', default: 'background' },
  { name: 'openapi-patch', type: 'bool', default: true },
  { name: 'kustomize', short: 'k', type: 'string' },
];

/**
 * The object with its last-applied annotation: the annotation holds the object's own JSON
 * (without that annotation, with an `annotations` map even when empty, ending in a newline as
 * Go's json.Encoder writes it).
 */
export function withLastApplied(obj: Record<string, any>): Record<string, any> {
  const annotations = { ...(obj.metadata?.annotations ?? {}) };
  delete annotations[lastAppliedAnnotation];
  const bare = { ...obj, metadata: { ...obj.metadata, annotations } };
  const config = `${encodeJson(bare)}\n`;
  return {
    ...obj,
    metadata: { ...obj.metadata, annotations: { ...annotations, [lastAppliedAnnotation]: config } },
  };
}

/** What kubectl adds to a server-side apply conflict (apply.go's fieldManagerConflictErrorMessage). */
const fieldManagerConflictAdvice = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/**
 * The schema to compute a strategic merge patch with, or undefined for a JSON merge patch: only
 * Kubernetes's own types take strategic merge patches (kubectl knows them built in; a real API
 * server does not accept one for custom resources, whatever their schema says).
 */
export async function strategicPatchSchema(
  session: Session,
  apiVersion: string,
  kind: string,
): Promise<SchemaNode | undefined> {
  const schema = await session.openapi.schemaFor(apiVersion, kind);
  return schema?.ref?.startsWith('io.k8s.') ? schema : undefined;
}

/** The manifests whose labels match `-l` (the builder filters file input by the selector too). */
export function filterBySelector(manifests: Manifest[], selector: string): Manifest[] {
  if (!selector) return manifests;
  let parsed: ReturnType<typeof parseLabelSelector>;
  try {
    parsed = parseLabelSelector(selector);
  } catch (e) {
    throw new KubectlError(
      `error: the provided selector "${selector}" is not valid: ${(e as Error).message}`,
    );
  }
  return manifests.filter((m) => parsed.matches(m.object.metadata?.labels ?? {}));
}

/** apply.WarnIfDeleting: changes to an object already being deleted may be lost. */
export function warnIfDeleting(obj: Record<string, any>): void {
  if (obj.metadata?.deletionTimestamp)
    process.stderr.write(
      `Warning: Detected changes to resource ${obj.metadata.name} which is currently being deleted.\n`,
    );
}

type ManagedEntry = Record<string, any>;

const isUpdate = (e: ManagedEntry) => e.operation === 'Update' && !e.subresource;
const isApply = (e: ManagedEntry) => e.operation === 'Apply' && !e.subresource;

/** Whether the entry's fields include the last-applied annotation (csaupgrade.FindFieldsOwners). */
function ownsLastApplied(entry: ManagedEntry): boolean {
  try {
    return ManagedFieldSet.fromFieldsV1(entry.fieldsV1).has([
      { field: 'metadata' },
      { field: 'annotations' },
      { field: lastAppliedAnnotation },
    ]);
  } catch {
    // an entry that does not decode owns nothing, as upstream ignores it
    return false;
  }
}

/**
 * csaupgrade.UpgradeManagedFields: for each client-side manager, the server-side manager takes
 * its fields (the most recent such `Update` entry becomes the `Apply` entry when there is none
 * yet; one `Update` entry of the same apiVersion is merged in), and every `Update` entry of that
 * manager goes. Undefined when nothing changes.
 */
export function upgradeManagedFields(
  entries: ManagedEntry[] | undefined,
  csaManagers: Iterable<string>,
  ssaManager: string,
): ManagedEntry[] | null | undefined {
  if (!entries) return undefined;
  let current: ManagedEntry[] | null = entries;
  for (const csa of csaManagers) {
    if (!current) break;
    const list: ManagedEntry[] = current.map((e) => ({ ...e }));
    let target = list.findIndex((e) => e.manager === ssaManager && isApply(e));
    if (target < 0) {
      target = list.findIndex((e) => e.manager === csa && isUpdate(e));
      if (target < 0) continue;
      list[target].operation = 'Apply';
      list[target].manager = ssaManager;
    }
    const source = list.find(
      (e) => e.manager === csa && isUpdate(e) && e.apiVersion === list[target].apiVersion,
    );
    let fields = ManagedFieldSet.fromFieldsV1(list[target].fieldsV1 ?? {});
    if (source) fields = fields.union(ManagedFieldSet.fromFieldsV1(source.fieldsV1 ?? {}));
    list[target].fieldsV1 = fields.toFieldsV1();
    const kept = list.filter((e) => !(e.manager === csa && isUpdate(e)));
    // Go's filter returns nil for an empty result
    current = kept.length > 0 ? kept : null;
  }
  return deepEqualJSON(current as never, entries as never) ? undefined : current;
}

const migrationLastAppliedFailed =
  'Warning: failed to migrate kubectl.kubernetes.io/last-applied-configuration for Server-Side Apply. This is non-fatal and will be retried next time you apply. Error: ';
const migrationPatchFailed =
  'Warning: server rejected managed fields migration to Server-Side Apply. This is non-fatal and will be retried next time you apply. Error: ';
const migrationReapplyFailed =
  'Warning: failed to re-apply configuration after performing Server-Side Apply migration. This is non-fatal and will be retried next time you apply. Error: ';

/** The error text Go's err.Error() gives for an API error: the Status message alone. */
const goErrorText = (e: unknown) => (e instanceof ApiStatusError ? e.status.message : (e as Error).message);

type Patcher = (
  body: string,
  contentType: string,
  query?: Record<string, string | undefined>,
) => Promise<Record<string, any>>;

/**
 * After a server-side apply by `kubectl` over an object last applied client-side, what kubectl
 * 1.35 does so later applies can remove fields dropped from the manifest: the annotation applied
 * by `kubectl-last-applied` (kept for a later switch back), the client-side managers' fields
 * moved to the apply manager by a JSON patch pinned to the resourceVersion (retried on conflict),
 * then the same apply sent again. Failures are warnings: the apply itself succeeded.
 */
async function migrateFromClientSideApply(
  obj: Record<string, any>,
  manager: string,
  patch: Patcher,
  reapply: () => Promise<Record<string, any>>,
  refetch: () => Promise<Record<string, any>>,
): Promise<Record<string, any>> {
  const recorded: string | undefined = obj.metadata?.annotations?.[lastAppliedAnnotation];
  if (manager === 'kubectl' && recorded !== undefined) {
    const applied = (obj.metadata?.managedFields ?? []) as ManagedEntry[];
    if (!applied.some((e) => e.operation === 'Apply' && ownsLastApplied(e))) {
      const justAnnotation: Record<string, any> = {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        metadata: { name: obj.metadata.name, annotations: { [lastAppliedAnnotation]: recorded } },
      };
      if (obj.metadata.namespace) justAnnotation.metadata.namespace = obj.metadata.namespace;
      try {
        obj = await patch(JSON.stringify(justAnnotation), 'application/apply-patch+yaml', {
          fieldManager: 'kubectl-last-applied',
        });
      } catch (e) {
        process.stderr.write(`${migrationLastAppliedFailed}${goErrorText(e)}\n`);
        return obj;
      }
    }
  }
  const csaManagers = new Set<string>(
    ((obj.metadata?.managedFields ?? []) as ManagedEntry[])
      .filter((e) => e.operation === 'Update' && ownsLastApplied(e))
      .map((e) => e.manager),
  );
  let migrated = false;
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const upgraded = upgradeManagedFields(obj.metadata?.managedFields, csaManagers, manager);
    if (upgraded === undefined) {
      lastError = undefined;
      break;
    }
    try {
      obj = await patch(
        JSON.stringify([
          { op: 'replace', path: '/metadata/managedFields', value: upgraded },
          // a replace rather than a test, so a concurrent change is a 409 Conflict
          { op: 'replace', path: '/metadata/resourceVersion', value: obj.metadata.resourceVersion },
        ]),
        'application/json-patch+json',
      );
      migrated = true;
      lastError = undefined;
      break;
    } catch (e) {
      lastError = e;
      if (!(e instanceof ApiStatusError && e.code === 409)) break;
      try {
        obj = await refetch();
      } catch (getError) {
        lastError = getError;
        break;
      }
    }
  }
  if (lastError !== undefined) {
    process.stderr.write(`${migrationPatchFailed}${goErrorText(lastError)}\n`);
    return obj;
  }
  if (!migrated) return obj;
  try {
    return await reapply();
  } catch (e) {
    process.stderr.write(`${migrationReapplyFailed}${goErrorText(e)}\n`);
    return obj;
  }
}

/** kubectl apply's option checks (ApplyOptions.Validate), in its order. */
function validateApplyFlags(flags: Flags, serverSide: boolean, dryRun: string): void {
  const fail = (m: string) => {
    throw new KubectlError(`error: ${m}`);
  };
  const force = flags.bool('force');
  const prune = flags.bool('prune');
  const all = flags.bool('all');
  const selector = flags.str('selector');
  if (flags.bool('force-conflicts') && !serverSide) fail('--force-conflicts only works with --server-side');
  if (dryRun === 'client' && serverSide)
    fail("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
  if (serverSide && force) fail('--force cannot be used with --server-side');
  if (dryRun === 'server' && force) fail('--dry-run=server cannot be used with --force');
  if (all && selector) fail('cannot set --all and --selector at the same time');
  if (prune) {
    if (force) fail('--force cannot be used with --prune');
    if (!all && !selector)
      fail(
        'all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector',
      );
    if (serverSide)
      fail("--prune is in alpha and doesn't currently work on objects created by server-side apply");
    throw new KubectlError('error: apply --prune is not supported by bosun yet', 2);
  }
}

export function runApply(argv: string[]): Promise<void> {
  return runCommand('apply', argv, applySpecs, async (flags, sessionOf) => {
    const files = flags.list('filename');
    const kustomize = flags.str('kustomize');
    if (files.length === 0 && !kustomize)
      throw new KubectlError(
        "error: must specify one of -f and -k\nSee 'kubectl apply -h' for help and examples",
      );
    const dryRun = dryRunOf(flags);
    const serverSide = flags.bool('server-side');
    const manager = flags.str('field-manager') || (serverSide ? 'kubectl' : 'kubectl-client-side-apply');
    validateApplyFlags(flags, serverSide, dryRun);
    if (kustomize) throw new KubectlError('error: -k (kustomize) is not supported by bosun yet', 2);
    const session = sessionOf();
    const manifests = filterBySelector(readManifests(files, flags.bool('recursive')), flags.str('selector'));
    if (manifests.length === 0) throw new KubectlError('error: no objects passed to apply');
    let failed = 0;
    for (const m of manifests) {
      try {
        const { resource, namespace, name } = await locate(session, m, true);
        const obj = resource.namespaced
          ? { ...m.object, metadata: { ...m.object.metadata, namespace } }
          : m.object;
        const path = resourcePath(resource, { namespace, name });
        const query = {
          fieldManager: manager,
          fieldValidation: fieldValidation(flags),
          dryRun: dryRun === 'server' ? 'All' : undefined,
        };
        if (serverSide) {
          const send: Patcher = async (body, contentType, extra) => {
            const reply = await session.rest.request('PATCH', path, {
              body,
              contentType,
              query: { ...query, ...extra },
            });
            session.warn(RestClient.warnings(reply));
            if (reply.status > 299) throw new ApiStatusError(JSON.parse(reply.text));
            return JSON.parse(reply.text);
          };
          const applyPatch = () =>
            send(JSON.stringify(obj), 'application/apply-patch+yaml', {
              force: flags.bool('force-conflicts') ? 'true' : undefined,
            });
          let applied: Record<string, any>;
          try {
            applied = await applyPatch();
          } catch (e) {
            // a conflict becomes a plain error carrying kubectl's advice
            if (e instanceof ApiStatusError && e.code === 409 && e.status.reason === 'Conflict')
              throw new Error(`${e.status.message}\n${fieldManagerConflictAdvice}`);
            throw e;
          }
          applied = await migrateFromClientSideApply(applied, manager, send, applyPatch, () =>
            session.rest.json('GET', path),
          );
          warnIfDeleting(applied);
          printResult(flags, resource, applied, 'serverside-applied', dryRun);
          continue;
        }
        const modified = withLastApplied(obj);
        let live: Record<string, any> | undefined;
        try {
          live = await session.rest.json('GET', path);
        } catch (e) {
          if (!(e instanceof ApiStatusError && e.code === 404)) throw e;
        }
        if (!live) {
          if (dryRun === 'client') {
            printResult(flags, resource, modified, 'created', dryRun);
            continue;
          }
          const reply = await session.rest.request('POST', resourcePath(resource, { namespace }), {
            body: modified,
            query,
          });
          session.warn(RestClient.warnings(reply));
          if (reply.status > 299) {
            const status = JSON.parse(reply.text);
            status.message = `error when creating "${m.source}": ${status.message}`;
            throw new ApiStatusError(status);
          }
          printResult(flags, resource, JSON.parse(reply.text), 'created', dryRun);
          continue;
        }
        // A client dry run neither warns nor computes the patch: the object is "configured".
        if (dryRun === 'client') {
          printResult(flags, resource, live, 'configured', dryRun);
          continue;
        }
        const recorded: string | undefined = live.metadata?.annotations?.[lastAppliedAnnotation];
        if (recorded === undefined)
          process.stderr.write(
            `Warning: resource ${resource.resource}/${name} is missing the ${lastAppliedAnnotation} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
          );
        const original = recorded ? (JSON.parse(recorded) as JSONObject) : undefined;
        const schema = await strategicPatchSchema(session, obj.apiVersion, obj.kind);
        const strategic = schema !== undefined;
        const patch = strategic
          ? createThreeWayMergePatch(original ?? {}, modified as JSONObject, live as JSONObject, schema, true)
          : createThreeWayJSONMergePatch(original, modified as JSONObject, live as JSONObject);
        if (Object.keys(patch).length === 0) {
          warnIfDeleting(live);
          printResult(flags, resource, live, 'unchanged', dryRun);
          continue;
        }
        const reply = await session.rest.request('PATCH', path, {
          body: JSON.stringify(patch),
          contentType: strategic ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json',
          query,
        });
        session.warn(RestClient.warnings(reply));
        if (reply.status > 299) {
          const status = JSON.parse(reply.text);
          status.message = `error when applying patch:\n${JSON.stringify(patch)}\n\nto:\nResource: "${resource.group}/${resource.version}, Resource=${resource.resource}", GroupVersionKind: "${obj.apiVersion.includes('/') ? obj.apiVersion : `/${obj.apiVersion}`}, Kind=${obj.kind}"\nName: "${name}", Namespace: "${namespace ?? ''}"\nfor: "${m.source}": ${status.message}`;
          throw new ApiStatusError(status);
        }
        const patched = JSON.parse(reply.text);
        warnIfDeleting(patched);
        printResult(flags, resource, patched, 'configured', dryRun);
      } catch (e) {
        if (e instanceof KubectlError) throw e;
        process.stderr.write(`${errorText(e)}\n`);
        failed++;
      }
    }
    return failed ? 1 : 0;
  });
}
