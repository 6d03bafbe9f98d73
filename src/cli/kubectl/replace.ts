/**
 * `kubectl replace -f`: PUT each manifest (with the live resourceVersion when the manifest has
 * none), or with `--force` delete every object, wait until each is gone, and create them again.
 */
import { ApiStatusError, groupKindLower, resourcePath } from '../../kube/client/index.ts';
import { checkWriteOutput, fieldValidation } from './create.ts';
import type { FlagSpec } from './flags.ts';
import { parseDuration } from './flags.ts';
import { printFlags } from './get.ts';
import { dryRunFlag, dryRunOf, printResult } from './objects.ts';
import { locate, type Manifest, readManifests } from './resources.ts';
import { errorText, KubectlError, runCommand, type Session } from './session.ts';

const replaceSpecs: FlagSpec[] = [
  ...printFlags,
  dryRunFlag,
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'save-config', type: 'bool' },
  { name: 'field-manager', type: 'string', default: 'kubectl-replace' },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
  { name: 'timeout', type: 'string', default: '0s' },
  { name: 'wait', type: 'bool' },
  { name: 'raw', type: 'string' },
  { name: 'subresource', type: 'string' },
];

type Located = Awaited<ReturnType<typeof locate>> & { manifest: Manifest; object: Record<string, any> };

async function locateAll(session: Session, manifests: Manifest[]): Promise<Located[]> {
  const out: Located[] = [];
  for (const m of manifests) {
    const where = await locate(session, m, true);
    const object = where.resource.namespaced
      ? { ...m.object, metadata: { ...m.object.metadata, namespace: where.namespace } }
      : m.object;
    out.push({ ...where, manifest: m, object });
  }
  return out;
}

function cascadePolicy(cascade: string): string {
  if (cascade === 'background' || cascade === 'true') return 'Background';
  if (cascade === 'foreground') return 'Foreground';
  if (cascade === 'orphan' || cascade === 'false') return 'Orphan';
  throw new KubectlError(
    `error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`,
  );
}

export function runReplace(argv: string[]): Promise<void> {
  return runCommand('replace', argv, replaceSpecs, async (flags, sessionOf) => {
    const files = flags.list('filename');
    if (files.length === 0 && !flags.str('kustomize'))
      throw new KubectlError('error: must specify one of -f and -k');
    checkWriteOutput(flags);
    const dryRun = dryRunOf(flags);
    const session = sessionOf();
    const manifests = readManifests(files, flags.bool('recursive'));
    const { withLastApplied } = await import('./apply.ts');
    const prepared = (o: Record<string, any>) => (flags.bool('save-config') ? withLastApplied(o) : o);
    const query = {
      fieldManager: flags.str('field-manager'),
      fieldValidation: fieldValidation(flags),
      dryRun: dryRun === 'server' ? 'All' : undefined,
    };
    let failed = 0;
    const report = (e: unknown) => {
      if (e instanceof KubectlError) throw e;
      process.stderr.write(`${errorText(e)}\n`);
      failed++;
    };

    if (!flags.bool('force')) {
      for (const m of manifests) {
        try {
          const l = (await locateAll(session, [m]))[0];
          const object = prepared(l.object);
          if (dryRun === 'client') {
            printResult(flags, l.resource, object, 'replaced', dryRun);
            continue;
          }
          const path = resourcePath(l.resource, { namespace: l.namespace, name: l.name });
          const subresource = flags.str('subresource') || undefined;
          try {
            // without a resourceVersion the live one is used: replace means overwrite
            if (!object.metadata?.resourceVersion) {
              const live = await session.rest.request('GET', path);
              if (live.status === 200) {
                const rv = JSON.parse(live.text).metadata?.resourceVersion;
                if (rv) object.metadata = { ...object.metadata, resourceVersion: rv };
              }
            }
            const result = await session.rest.json(
              'PUT',
              resourcePath(l.resource, { namespace: l.namespace, name: l.name, subresource }),
              { body: object, query },
            );
            printResult(flags, l.resource, result, 'replaced', dryRun);
          } catch (e) {
            if (e instanceof ApiStatusError)
              e.status.message = `error when replacing "${m.source}": ${e.status.message}`;
            throw e;
          }
        } catch (e) {
          report(e);
        }
      }
      return failed ? 1 : 0;
    }

    if (dryRun !== 'none') throw new KubectlError('error: --dry-run can not be used when --force is set');
    const policy = cascadePolicy(flags.str('cascade'));
    const grace = flags.int('grace-period');
    const located = await locateAll(session, manifests);
    // delete everything first (a missing object is fine), then wait for each to be gone
    for (const l of located) {
      const body: Record<string, unknown> = {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        propagationPolicy: policy,
      };
      if (grace >= 0) body.gracePeriodSeconds = grace;
      try {
        await session.rest.json(
          'DELETE',
          resourcePath(l.resource, { namespace: l.namespace, name: l.name }),
          {
            body,
          },
        );
        const where = l.namespace ? ` from ${l.namespace} namespace` : '';
        const kind = groupKindLower(l.resource);
        process.stdout.write(
          flags.str('output') === 'name' ? `${kind}/${l.name}\n` : `${kind} "${l.name}" deleted${where}\n`,
        );
      } catch (e) {
        if (!(e instanceof ApiStatusError && e.code === 404)) throw e;
      }
    }
    const timeoutMs = parseDuration(flags.str('timeout')) || 5 * 60_000;
    for (const l of located) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const reply = await session.rest.request(
          'GET',
          resourcePath(l.resource, { namespace: l.namespace, name: l.name }),
        );
        if (reply.status === 404) break;
        if (Date.now() > deadline) throw new KubectlError('error: timed out waiting for the condition');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    for (const l of located) {
      try {
        const object = prepared(l.object);
        if (object.metadata?.resourceVersion) {
          const { resourceVersion: _, ...metadata } = object.metadata;
          object.metadata = metadata;
        }
        const created = await session.rest.json(
          'POST',
          resourcePath(l.resource, { namespace: l.namespace }),
          {
            body: object,
            query,
          },
        );
        printResult(flags, l.resource, created, 'replaced', 'none');
      } catch (e) {
        report(e);
      }
    }
    return failed ? 1 : 0;
  });
}
