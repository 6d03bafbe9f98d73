/**
 * `kubectl apply -f`: client-side apply (the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation and a three-way strategic merge patch from the server's OpenAPI type facts, or a
 * three-way JSON merge patch for kinds without them) and `--server-side` (an apply patch with
 * field manager `kubectl`).
 */
import { ApiStatusError, RestClient, resourcePath } from '../../kube/client/index.ts';
import { createThreeWayJSONMergePatch, createThreeWayMergePatch, type JSONObject } from '../../kube/index.ts';
import { encodeJson } from '../../template/index.ts';
import { fieldValidation } from './create.ts';
import type { FlagSpec } from './flags.ts';
import { printFlags } from './get.ts';
import { dryRunFlag, dryRunOf, printResult } from './objects.ts';
import { locate, readManifests } from './resources.ts';
import { errorText, KubectlError, runCommand } from './session.ts';

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

export function runApply(argv: string[]): Promise<void> {
  return runCommand('apply', argv, applySpecs, async (flags, sessionOf) => {
    const files = flags.list('filename');
    if (files.length === 0)
      throw new KubectlError(
        "error: must specify one of -f and -k\nSee 'kubectl apply -h' for help and examples",
      );
    const dryRun = dryRunOf(flags);
    const serverSide = flags.bool('server-side');
    const manager = flags.str('field-manager') || (serverSide ? 'kubectl' : 'kubectl-client-side-apply');
    const session = sessionOf();
    const manifests = readManifests(files, flags.bool('recursive'));
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
          const reply = await session.rest.request('PATCH', path, {
            body: JSON.stringify(obj),
            contentType: 'application/apply-patch+yaml',
            query: { ...query, force: flags.bool('force-conflicts') ? 'true' : undefined },
          });
          session.warn(RestClient.warnings(reply));
          if (reply.status > 299) {
            const status = JSON.parse(reply.text);
            // a conflict becomes a plain error carrying kubectl's advice
            if (status.code === 409 && status.reason === 'Conflict')
              throw new Error(`${status.message}\n${fieldManagerConflictAdvice}`);
            throw new ApiStatusError(status);
          }
          printResult(flags, resource, JSON.parse(reply.text), 'serverside-applied', dryRun);
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
        const schema = await session.openapi.schemaFor(obj.apiVersion, obj.kind);
        const strategic = schema !== undefined;
        const patch = strategic
          ? createThreeWayMergePatch(original ?? {}, modified as JSONObject, live as JSONObject, schema, true)
          : createThreeWayJSONMergePatch(original, modified as JSONObject, live as JSONObject);
        if (Object.keys(patch).length === 0) {
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
        printResult(flags, resource, JSON.parse(reply.text), 'configured', dryRun);
      } catch (e) {
        if (e instanceof KubectlError) throw e;
        process.stderr.write(`${errorText(e)}\n`);
        failed++;
      }
    }
    return failed ? 1 : 0;
  });
}
