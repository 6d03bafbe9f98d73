/**
 * `kubectl delete`: by name, `-f`, `-l`, `--all` (also `all --all`), with `--grace-period`,
 * `--force` (and kubectl's warning), `--ignore-not-found` and `--wait` until the objects are gone.
 */
import { type ApiResource, ApiStatusError, groupKindLower, resourcePath } from '../../kube/client/index.ts';
import type { FlagSpec } from './flags.ts';
import { parseDuration } from './flags.ts';
import { listItems } from './get.ts';
import { dryRunFlag, dryRunOf, dryRunSuffix } from './objects.ts';
import { readManifests, resolveResourceArgs } from './resources.ts';
import { errorText, KubectlError, runCommand } from './session.ts';

const deleteSpecs: FlagSpec[] = [
  dryRunFlag,
  { name: 'output', short: 'o', type: 'string' },
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'force', type: 'bool' },
  { name: 'now', type: 'bool' },
  { name: 'wait', type: 'bool', default: true },
  { name: 'timeout', type: 'string', default: '0s' },
  { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background' },
  { name: 'interactive', short: 'i', type: 'bool' },
  { name: 'raw', type: 'string' },
  { name: 'kustomize', short: 'k', type: 'string' },
];

interface Doomed {
  resource: ApiResource;
  namespace?: string;
  name: string;
}

export function runDelete(argv: string[]): Promise<void> {
  return runCommand('delete', argv, deleteSpecs, async (flags, sessionOf) => {
    let grace = flags.int('grace-period');
    const force = flags.bool('force');
    if (flags.bool('now')) {
      if (grace !== -1)
        throw new KubectlError('error: --now and --grace-period cannot be specified together');
      grace = 1;
    }
    if (grace === 0 && !force) grace = 1;
    if (force && grace < 0) grace = 0;
    const cascade = flags.str('cascade');
    const policy =
      cascade === 'foreground'
        ? 'Foreground'
        : cascade === 'orphan' || cascade === 'false'
          ? 'Orphan'
          : 'Background';
    const dryRun = dryRunOf(flags);
    const files = flags.list('filename');
    if (flags.args.length === 0 && files.length === 0)
      throw new KubectlError(
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    const session = sessionOf();
    if (grace === 0 && force)
      process.stderr.write(
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      );
    const doomed: Doomed[] = [];
    const errors: unknown[] = [];
    let selected = false;
    if (files.length > 0) {
      for (const m of readManifests(files, flags.bool('recursive'))) {
        const resource = await session.discovery.forKind(m.object.apiVersion, m.object.kind);
        doomed.push({
          resource,
          name: m.object.metadata?.name,
          namespace: resource.namespaced ? (m.object.metadata?.namespace ?? session.namespace) : undefined,
        });
      }
    } else {
      const resolved = await resolveResourceArgs(session, flags.args);
      const selector = flags.str('selector');
      const fieldSelector = flags.str('field-selector');
      const allNamespaces = flags.bool('all-namespaces');
      for (const t of resolved.targets) {
        const namespace = t.resource.namespaced ? session.namespace : undefined;
        if (t.name !== undefined) {
          if (flags.bool('all') || selector || fieldSelector)
            throw new KubectlError('error: name cannot be provided when a selector is specified');
          doomed.push({ resource: t.resource, namespace, name: t.name });
          continue;
        }
        if (!selector && !fieldSelector && !flags.bool('all'))
          throw new KubectlError('error: resource(s) were provided, but no name was specified');
        selected = true;
        const list = await session.rest.json(
          'GET',
          resourcePath(t.resource, { namespace: allNamespaces ? undefined : namespace }),
          { query: { labelSelector: selector || undefined, fieldSelector: fieldSelector || undefined } },
        );
        for (const item of listItems(list, t.resource))
          doomed.push({
            resource: t.resource,
            namespace: item.metadata?.namespace,
            name: item.metadata?.name,
          });
      }
    }
    // With --all or a selector kubectl ignores NotFound unless told otherwise: what it listed may be
    // gone by the time it gets there (a ReplicaSet the garbage collector took with its Deployment).
    const ignoreNotFound =
      flags.bool('ignore-not-found') ||
      (!flags.changed('ignore-not-found') &&
        (flags.bool('all') || Boolean(flags.str('selector')) || Boolean(flags.str('field-selector'))));
    const deleted: Doomed[] = [];
    for (const d of doomed) {
      const body: Record<string, unknown> = {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        propagationPolicy: policy,
      };
      if (grace >= 0) body.gracePeriodSeconds = grace;
      if (dryRun === 'server') body.dryRun = ['All'];
      try {
        if (dryRun !== 'client')
          await session.rest.json(
            'DELETE',
            resourcePath(d.resource, { namespace: d.namespace, name: d.name }),
            { body },
          );
      } catch (e) {
        if (e instanceof ApiStatusError && e.code === 404 && ignoreNotFound) continue;
        errors.push(e);
        continue;
      }
      deleted.push(d);
      const kind = groupKindLower(d.resource);
      if (flags.str('output') === 'name') process.stdout.write(`${kind}/${d.name}\n`);
      else {
        const verb = force && grace === 0 ? 'force deleted' : 'deleted';
        const where = d.namespace ? ` from ${d.namespace} namespace` : '';
        process.stdout.write(`${kind} "${d.name}" ${verb}${where}${dryRunSuffix(dryRun)}\n`);
      }
    }
    if (selected && doomed.length === 0 && errors.length === 0) process.stdout.write('No resources found\n');
    if (flags.bool('wait') && dryRun === 'none' && !(force && grace === 0)) {
      const timeoutMs = parseDuration(flags.str('timeout')) || 7 * 24 * 3600 * 1000;
      const deadline = Date.now() + timeoutMs;
      for (const d of deleted) {
        for (;;) {
          try {
            await session.rest.json(
              'GET',
              resourcePath(d.resource, { namespace: d.namespace, name: d.name }),
            );
          } catch (e) {
            if (e instanceof ApiStatusError && e.code === 404) break;
            throw e;
          }
          if (Date.now() > deadline)
            throw new KubectlError(
              `error: timed out waiting for the condition on ${d.resource.resource}/${d.name}`,
            );
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    }
    for (const e of errors) process.stderr.write(`${errorText(e)}\n`);
    return errors.length ? 1 : 0;
  });
}
