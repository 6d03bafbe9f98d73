/**
 * `kubectl rollout history|undo|status|pause|resume|restart` (cmd/rollout with the
 * polymorphichelpers): Deployment history from its ReplicaSets' revision annotations,
 * DaemonSet and StatefulSet history from their ControllerRevisions, and upstream's messages.
 */
import {
  type ApiResource,
  ApiStatusError,
  apiVersionOf,
  groupResource,
  resourcePath,
} from '../../kube/client/index.ts';
import { podTemplateText, tabbed } from '../../kube/printers/describe.ts';
import { parseOutputFormat, typedJsonText } from '../../kube/printers/index.ts';
import { labelSelectorAsSelector } from '../../kube/selectors/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { parseDuration } from './flags.ts';
import { printFlags, printGeneric, stripManagedFields } from './get.ts';
import {
  dryRunFlag,
  dryRunOf,
  dryRunSuffix,
  objectRef,
  printResult,
  printTypedResult,
  typedSchemaFor,
} from './objects.ts';
import { resolveResourceArgs } from './resources.ts';
import { errorText, KubectlError, runCommand, type Session } from './session.ts';

type Obj = Record<string, any>;

const revisionAnnotation = 'deployment.kubernetes.io/revision';
const changeCauseAnnotation = 'kubernetes.io/change-cause';
const hashLabel = 'pod-template-hash';

const selectionFlags: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
];

interface Info {
  resource: ApiResource;
  namespace: string;
  name: string;
  object: Obj;
}

/**
 * history, undo and status visit every object kubectl's builder found, a missing one included as
 * its error, and report the errors together at the end (one: as usual; several: one line each,
 * without the `error: ` prefix, as cmdutil's MultipleErrors prints them).
 */
async function visitContinuingOnError(
  session: Session,
  flags: Flags,
  visit: (info: Info) => Promise<void>,
  onNone?: () => void,
): Promise<number> {
  const items = await infosOf(session, flags, true);
  if (items.length === 0) onNone?.();
  const errors: unknown[] = [];
  for (const item of items) {
    if ('error' in item) {
      errors.push(item.error);
      continue;
    }
    try {
      await visit(item);
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length === 0) return 0;
  if (errors.length === 1) throw errors[0];
  throw new KubectlError(errors.map((e) => errorText(e).replace(/^error: /, '')).join('\n'));
}

/** The objects named by the arguments (`TYPE NAME`, `TYPE/NAME`, or `TYPE -l SELECTOR`). */
async function infosOf(session: Session, flags: Flags): Promise<Info[]>;
async function infosOf(
  session: Session,
  flags: Flags,
  continueOnError: true,
): Promise<(Info | { error: unknown })[]>;
async function infosOf(
  session: Session,
  flags: Flags,
  continueOnError = false,
): Promise<(Info | { error: unknown })[]> {
  if (flags.args.length === 0) throw new KubectlError('error: required resource not specified');
  const { targets } = await resolveResourceArgs(session, flags.args);
  const namespace = session.namespace;
  const infos: (Info | { error: unknown })[] = [];
  for (const t of targets) {
    const ns = t.resource.namespaced ? namespace : '';
    if (t.name !== undefined) {
      try {
        const object = await session.rest.json(
          'GET',
          resourcePath(t.resource, { namespace: ns, name: t.name }),
        );
        infos.push({ resource: t.resource, namespace: ns, name: t.name, object });
      } catch (error) {
        if (!continueOnError || !(error instanceof ApiStatusError)) throw error;
        infos.push({ error });
      }
      continue;
    }
    const list = await session.rest.json('GET', resourcePath(t.resource, { namespace: ns }), {
      query: { labelSelector: flags.str('selector') || undefined },
    });
    for (const item of list.items ?? [])
      infos.push({ resource: t.resource, namespace: ns, name: item.metadata.name, object: item });
  }
  return infos;
}

/** apps.GroupKindElement: the kinds the rollout visitors know (the others get "no visitor method"). */
function visitorKind(r: ApiResource): string | undefined {
  const known: Record<string, string[]> = {
    DaemonSet: ['apps', 'extensions'],
    Deployment: ['apps', 'extensions'],
    ReplicaSet: ['apps', 'extensions'],
    StatefulSet: ['apps'],
    Job: ['batch'],
    CronJob: ['batch'],
    Pod: [''],
    ReplicationController: [''],
  };
  return known[r.kind]?.includes(r.group) ? r.kind : undefined;
}

/** schema.GroupKind.String(). */
const groupKindString = (r: ApiResource) => (r.group ? `${r.kind}.${r.group}` : r.kind);

function noVisitor(what: string, r: ApiResource): KubectlError {
  return new KubectlError(
    `error: error retrieving ${what} for "${groupKindString(r)}", no visitor method exists for {${r.group} ${r.kind}}`,
  );
}

// --- shared object facts ----------------------------------------------------------------------

function selectorString(selector: Obj | undefined): string {
  return labelSelectorAsSelector(selector as never).toString();
}

const controlledBy = (o: Obj, owner: Obj) =>
  (o.metadata?.ownerReferences ?? []).some(
    (r: Obj) => r.controller === true && r.uid === owner.metadata?.uid,
  );

/** The JSON value with empty maps, lists and nulls dropped (apimachinery's semantic equality treats nil and empty alike). */
function pruneEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneEmpty);
  if (v && typeof v === 'object') {
    const out: Obj = {};
    for (const k of Object.keys(v).sort()) {
      const x = pruneEmpty((v as Obj)[k]);
      if (x === null || x === undefined) continue;
      if (Array.isArray(x) && x.length === 0) continue;
      if (typeof x === 'object' && !Array.isArray(x) && Object.keys(x as Obj).length === 0) continue;
      out[k] = x;
    }
    return out;
  }
  return v;
}

function withoutHash(template: Obj | undefined): Obj {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels[hashLabel];
  return t;
}

/** equalIgnoreHash: two pod templates equal once the pod-template-hash label is ignored. */
export function templatesEqualIgnoringHash(a: Obj | undefined, b: Obj | undefined): boolean {
  return JSON.stringify(pruneEmpty(withoutHash(a))) === JSON.stringify(pruneEmpty(withoutHash(b)));
}

/** deploymentutil.Revision: the revision annotation as an integer, or undefined. */
export function revisionOf(o: Obj): number | undefined {
  const v = o.metadata?.annotations?.[revisionAnnotation];
  if (v === undefined) return 0;
  return /^-?\d+$/.test(v) ? Number(v) : undefined;
}

async function appsResource(session: Session, kind: string): Promise<ApiResource> {
  return session.discovery.forKind('apps/v1', kind);
}

/** deploymentutil.GetAllReplicaSets: the ReplicaSets the Deployment controls, split into old and new. */
export async function deploymentReplicaSets(
  session: Session,
  deployment: Obj,
): Promise<{ old: Obj[]; new?: Obj }> {
  const rsResource = await appsResource(session, 'ReplicaSet');
  const list = await session.rest.json(
    'GET',
    resourcePath(rsResource, { namespace: deployment.metadata.namespace }),
    { query: { labelSelector: selectorString(deployment.spec?.selector) } },
  );
  const owned: Obj[] = (list.items ?? []).filter((rs: Obj) => controlledBy(rs, deployment));
  // the new ReplicaSet is the oldest one whose template matches the Deployment's
  const byAge = [...owned].sort(
    (a, b) =>
      Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp) ||
      (a.metadata.name < b.metadata.name ? -1 : 1),
  );
  const current = byAge.find((rs) =>
    templatesEqualIgnoringHash(rs.spec?.template, deployment.spec?.template),
  );
  return { old: owned.filter((rs) => rs !== current), new: current };
}

async function controllerRevisions(session: Session, owner: Obj): Promise<Obj[]> {
  const crResource = await appsResource(session, 'ControllerRevision');
  const list = await session.rest.json(
    'GET',
    resourcePath(crResource, { namespace: owner.metadata.namespace }),
    { query: { labelSelector: selectorString(owner.spec?.selector) } },
  );
  return (list.items ?? []).filter((cr: Obj) => controlledBy(cr, owner));
}

/** A ControllerRevision's pod template: its data is `{"spec":{"template":{..., "$patch":"replace"}}}`. */
function revisionTemplate(cr: Obj): Obj | undefined {
  const t = cr.data?.spec?.template;
  if (!t) return undefined;
  const { $patch: _ignored, ...template } = t;
  return template;
}

// --- history ----------------------------------------------------------------------------------

/** The history table every kind shares (kubectl's printHistory). */
function historyTable(revisions: [number, string | undefined][]): string {
  const sorted = [...revisions].sort((a, b) => a[0] - b[0]);
  return tabbed((w) => {
    w.write(0, 'REVISION\tCHANGE-CAUSE\n');
    for (const [r, cause] of sorted) w.write(0, `${r}\t${cause || '<none>'}\n`);
  });
}

/** A HistoryViewer's GetHistory: revision -> the object that holds it (ReplicaSet or ControllerRevision). */
interface History {
  kind: 'Deployment' | 'DaemonSet' | 'StatefulSet';
  /** The resource of the objects held (ReplicaSet or ControllerRevision). */
  resource: ApiResource;
  revisions: Map<number, Obj>;
}

async function historyOf(session: Session, info: Info): Promise<History> {
  const kind = visitorKind(info.resource);
  if (!kind) throw noVisitor('history', info.resource);
  if (kind === 'Deployment') {
    const { old, new: current } = await deploymentReplicaSets(session, info.object);
    const revisions = new Map<number, Obj>();
    for (const rs of [...old, ...(current ? [current] : [])]) {
      const v = revisionOf(rs);
      if (v !== undefined) revisions.set(v, rs);
    }
    return { kind, resource: await appsResource(session, 'ReplicaSet'), revisions };
  }
  if (kind === 'DaemonSet' || kind === 'StatefulSet') {
    const revisions = new Map<number, Obj>();
    for (const cr of await controllerRevisions(session, info.object))
      revisions.set(Number(cr.revision ?? 0), cr);
    return { kind, resource: await appsResource(session, 'ControllerRevision'), revisions };
  }
  throw new KubectlError(
    `error: no history viewer has been implemented for "${groupKindString(info.resource)}"`,
  );
}

/** The pod template a revision recorded, with the ReplicaSet's change-cause carried onto it. */
function historyTemplate(history: History, held: Obj, owner: Obj): Obj {
  if (history.kind !== 'Deployment') return revisionTemplate(held) ?? owner.spec?.template;
  const template = structuredClone(held.spec?.template ?? {});
  const cause = held.metadata?.annotations?.[changeCauseAnnotation];
  if (cause) {
    template.metadata ??= {};
    template.metadata.annotations = { ...template.metadata.annotations, [changeCauseAnnotation]: cause };
  }
  return template;
}

async function viewHistory(session: Session, info: Info, revision: number): Promise<string> {
  const history = await historyOf(session, info);
  if (history.revisions.size === 0) return 'No rollout history found.';
  if (revision > 0) {
    const held = history.revisions.get(revision);
    if (!held) throw new KubectlError('error: unable to find the specified revision');
    return podTemplateText(historyTemplate(history, held, info.object));
  }
  const causeOf = (held: Obj) =>
    history.kind === 'Deployment'
      ? historyTemplate(history, held, info.object).metadata?.annotations?.[changeCauseAnnotation]
      : held.metadata?.annotations?.[changeCauseAnnotation];
  return historyTable([...history.revisions].map(([r, held]) => [r, causeOf(held)]));
}

/**
 * `rollout history -o FORMAT`: a HistoryViewer's GetHistory objects, each printed on its own in
 * revision order, or the one `--revision` names. A Deployment's are its ReplicaSets; a DaemonSet's
 * or StatefulSet's are the workload itself with each ControllerRevision's template patched in
 * (the revision data's `$patch: replace` swaps the whole template).
 */
async function printHistoryObjects(session: Session, flags: Flags, info: Info, revision: number) {
  const history = await historyOf(session, info);
  const format = parseOutputFormat(flags.str('output'));
  let chosen = [...history.revisions].sort((a, b) => a[0] - b[0]).map(([, held]) => held);
  if (revision > 0) {
    const held = history.revisions.get(revision);
    if (!held) throw new KubectlError('error: unable to find the specified revision');
    chosen = [held];
  }
  const resource = history.kind === 'Deployment' ? history.resource : info.resource;
  const { kind } = resource;
  const apiVersion = apiVersionOf(resource);
  const objectOf = (held: Obj): Obj => {
    if (history.kind === 'Deployment') return { kind, apiVersion, ...held };
    const owner = structuredClone(info.object);
    owner.spec = { ...owner.spec, template: revisionTemplate(held) ?? owner.spec?.template };
    return { kind, apiVersion, ...owner };
  };
  // kubectl holds these as Go structs: JSON comes out in field order.
  const schema = format.kind === 'json' ? await typedSchemaFor(apiVersion, kind) : undefined;
  chosen.forEach((held, i) => {
    const typed = objectOf(held);
    if (format.kind === 'json') {
      const shown = flags.bool('show-managed-fields') ? typed : stripManagedFields(typed);
      process.stdout.write(typedJsonText(shown, schema));
      return;
    }
    // The YAML printer separates the objects it prints after the first with `---`.
    if (i > 0 && format.kind === 'yaml') process.stdout.write('---\n');
    process.stdout.write(printGeneric(flags, format, [typed], true, [resource]));
  });
}

async function history(flags: Flags, session: () => Session): Promise<number> {
  const revision = flags.int('revision');
  if (flags.args.length === 0 && flags.list('filename').length === 0)
    throw new KubectlError('error: required resource not specified');
  if (revision < 0) throw new KubectlError(`error: revision must be a positive integer: ${revision}`);
  const s = session();
  return visitContinuingOnError(s, flags, async (info) => {
    if (flags.str('output')) return printHistoryObjects(s, flags, info, revision);
    const text = await viewHistory(s, info, revision);
    const withRevision = revision > 0 ? `with revision #${revision}` : '';
    process.stdout.write(`${objectRef(info.resource, info.name)} ${withRevision}\n${text}\n`);
  });
}

// --- undo ---------------------------------------------------------------------------------------

const annotationsKeptOnRollback = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  revisionAnnotation,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

const revisionNotFound = (r: number) =>
  new KubectlError(`error: unable to find specified revision ${r} in history`);

async function rollbackDeployment(
  session: Session,
  info: Info,
  toRevision: number,
  dryRun: string,
): Promise<string> {
  const d = info.object;
  const { old, new: current } = await deploymentReplicaSets(session, d);
  let target: Obj | undefined;
  let latest = -1;
  let previous = -1;
  let latestRs: Obj | undefined;
  for (const rs of [...old, ...(current ? [current] : [])]) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if (latest < v) {
        previous = latest;
        target = latestRs;
        latest = v;
        latestRs = rs;
      } else if (previous < v) {
        previous = v;
        target = rs;
      }
    } else if (v === toRevision) {
      target = rs;
      break;
    }
  }
  if (toRevision > 0 && !target) throw revisionNotFound(toRevision);
  if (!target) throw new KubectlError(`error: no rollout history found for deployment "${d.metadata.name}"`);
  if (dryRun === 'client') return podTemplateText(target.spec?.template);
  if (d.spec?.paused)
    throw new KubectlError(
      `error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`,
    );
  if (templatesEqualIgnoringHash(target.spec?.template, d.spec?.template))
    return `skipped rollback (current template already matches revision ${toRevision})`;
  const template = withoutHash(target.spec?.template);
  const annotations: Obj = {};
  for (const k of annotationsKeptOnRollback) {
    const v = d.metadata?.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(target.metadata?.annotations ?? {}))
    if (!annotationsKeptOnRollback.has(k)) annotations[k] = v;
  const patch = [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
  try {
    await session.rest.json(
      'PATCH',
      resourcePath(info.resource, { namespace: info.namespace, name: info.name }),
      {
        body: patch,
        contentType: 'application/json-patch+json',
        query: { dryRun: dryRun === 'server' ? 'All' : undefined },
      },
    );
  } catch (e) {
    if (e instanceof ApiStatusError)
      throw new KubectlError(`error: failed restoring revision ${toRevision}: ${e.status.message}`);
    throw e;
  }
  return 'rolled back';
}

async function rollbackWithRevisions(
  session: Session,
  info: Info,
  toRevision: number,
  dryRun: string,
): Promise<string> {
  const revisions = await controllerRevisions(session, info.object);
  if (toRevision === 0 && revisions.length <= 1)
    throw new KubectlError('error: no last revision to roll back to');
  const sorted = [...revisions].sort((a, b) => Number(a.revision) - Number(b.revision));
  const target =
    toRevision === 0 ? sorted[sorted.length - 2] : sorted.find((cr) => Number(cr.revision) === toRevision);
  if (!target) throw revisionNotFound(toRevision);
  if (dryRun === 'client') return `will roll back to ${podTemplateText(revisionTemplate(target))}`;
  if (templatesEqualIgnoringHash(revisionTemplate(target), info.object.spec?.template))
    return `skipped rollback (current template already matches revision ${toRevision})`;
  try {
    await session.rest.json(
      'PATCH',
      resourcePath(info.resource, { namespace: info.namespace, name: info.name }),
      {
        body: target.data,
        contentType: 'application/strategic-merge-patch+json',
        query: { dryRun: dryRun === 'server' ? 'All' : undefined },
      },
    );
  } catch (e) {
    if (e instanceof ApiStatusError)
      throw new KubectlError(`error: failed restoring revision ${toRevision}: ${e.status.message}`);
    throw e;
  }
  return 'rolled back';
}

async function undo(flags: Flags, session: () => Session): Promise<number> {
  const dryRun = dryRunOf(flags);
  const toRevision = flags.int('to-revision');
  const s = session();
  return visitContinuingOnError(s, flags, async (info) => {
    const kind = visitorKind(info.resource);
    if (!kind) throw noVisitor('rollbacker', info.resource);
    if (toRevision < 0) throw revisionNotFound(toRevision);
    let result: string;
    if (kind === 'Deployment') result = await rollbackDeployment(s, info, toRevision, dryRun);
    else if (kind === 'DaemonSet' || kind === 'StatefulSet')
      result = await rollbackWithRevisions(s, info, toRevision, dryRun);
    else
      throw new KubectlError(
        `error: no rollbacker has been implemented for "${groupKindString(info.resource)}"`,
      );
    if (flags.str('output')) await printTypedResult(flags, info.resource, info.object, result, dryRun);
    else process.stdout.write(`${objectRef(info.resource, info.name)} ${result}${dryRunSuffix(dryRun)}\n`);
  });
}

// --- pause, resume, restart ---------------------------------------------------------------------

/** time.Now().Format(time.RFC3339) in the local zone. */
function rfc3339Now(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const zone =
    offset === 0
      ? 'Z'
      : `${offset < 0 ? '-' : '+'}${p(Math.trunc(Math.abs(offset) / 60))}:${p(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${zone}`;
}

type PatchFn = (info: Info) => Obj;

const pauser: PatchFn = (info) => {
  if (info.resource.kind !== 'Deployment') throw new Error('pausing is not supported');
  if (info.object.spec?.paused) throw new Error('is already paused');
  return { spec: { paused: true } };
};

const resumer: PatchFn = (info) => {
  if (info.resource.kind !== 'Deployment') throw new Error('resuming is not supported');
  if (!info.object.spec?.paused) throw new Error('is not paused');
  return { spec: { paused: null } };
};

const restarter: PatchFn = (info) => {
  const kind = info.resource.kind;
  if (
    !['Deployment', 'DaemonSet', 'StatefulSet'].includes(kind) ||
    !['apps', 'extensions'].includes(info.resource.group)
  )
    throw new Error('restarting is not supported');
  if (kind === 'Deployment' && info.object.spec?.paused)
    throw new Error("can't restart paused deployment (run rollout resume first)");
  return {
    spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': rfc3339Now() } } } },
  };
};

function patchCommand(fn: PatchFn, verb: string) {
  return async (flags: Flags, session: () => Session): Promise<number> => {
    if (flags.args.length === 0 && flags.list('filename').length === 0)
      throw new KubectlError(
        `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`,
      );
    const s = session();
    const infos = await infosOf(s, flags);
    if (infos.length === 0) {
      process.stderr.write(`No resources found in ${s.namespace} namespace.\n`);
      return 0;
    }
    const errors: string[] = [];
    for (const info of infos) {
      let patch: Obj;
      try {
        patch = fn(info);
      } catch (e) {
        errors.push(`error: ${groupResource(info.resource)} "${info.name}" ${(e as Error).message}`);
        continue;
      }
      let updated: Obj;
      try {
        updated = await s.rest.json(
          'PATCH',
          resourcePath(info.resource, { namespace: info.namespace, name: info.name }),
          {
            body: patch,
            contentType: 'application/strategic-merge-patch+json',
            query: { fieldManager: flags.str('field-manager') },
          },
        );
      } catch (e) {
        if (e instanceof ApiStatusError) {
          errors.push(`failed to patch: ${e.status.message}`);
          continue;
        }
        throw e;
      }
      printResult(flags, info.resource, updated, verb, 'none');
    }
    if (errors.length === 1)
      throw new KubectlError(errors[0].startsWith('error: ') ? errors[0] : `error: ${errors[0]}`);
    if (errors.length > 1) throw new KubectlError(`error: [${errors.join(', ')}]`);
    return 0;
  };
}

// --- status -------------------------------------------------------------------------------------

interface StatusResult {
  message: string;
  done: boolean;
}

/** The status viewers of polymorphichelpers/rollout_status.go. */
export function rolloutStatus(kind: string, o: Obj, revision: number): StatusResult {
  const name = o.metadata?.name;
  const spec = o.spec ?? {};
  const status = o.status ?? {};
  const generation = o.metadata?.generation ?? 0;
  const observed = status.observedGeneration ?? 0;
  if (kind === 'Deployment') {
    if (revision > 0) {
      const current = revisionOf(o);
      if (current === undefined)
        throw new KubectlError(`error: cannot get the revision of deployment "${name}"`);
      if (current !== revision)
        throw new KubectlError(
          `error: desired revision (${revision}) is different from the running revision (${current})`,
        );
    }
    if (generation <= observed) {
      const progressing = (status.conditions ?? []).find((c: Obj) => c.type === 'Progressing');
      if (progressing?.reason === 'ProgressDeadlineExceeded')
        throw new KubectlError(`error: deployment "${name}" exceeded its progress deadline`);
      const updated = status.updatedReplicas ?? 0;
      if (spec.replicas !== undefined && updated < spec.replicas)
        return {
          message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${spec.replicas} new replicas have been updated...\n`,
          done: false,
        };
      const total = status.replicas ?? 0;
      if (total > updated)
        return {
          message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...\n`,
          done: false,
        };
      const available = status.availableReplicas ?? 0;
      if (available < updated)
        return {
          message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`,
          done: false,
        };
      return { message: `deployment "${name}" successfully rolled out\n`, done: true };
    }
    return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  if (kind === 'DaemonSet') {
    if (spec.updateStrategy?.type !== 'RollingUpdate')
      throw new KubectlError('error: rollout status is only available for RollingUpdate strategy type');
    if (generation <= observed) {
      const updated = status.updatedNumberScheduled ?? 0;
      const desired = status.desiredNumberScheduled ?? 0;
      if (updated < desired)
        return {
          message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`,
          done: false,
        };
      const available = status.numberAvailable ?? 0;
      if (available < desired)
        return {
          message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...\n`,
          done: false,
        };
      return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
    }
    return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  // StatefulSet
  if (spec.updateStrategy?.type !== 'RollingUpdate')
    throw new KubectlError('error: rollout status is only available for RollingUpdate strategy type');
  if (observed === 0 || generation > observed)
    return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const ready = status.readyReplicas ?? 0;
  if (spec.replicas !== undefined && ready < spec.replicas)
    return { message: `Waiting for ${spec.replicas - ready} pods to be ready...\n`, done: false };
  const updated = status.updatedReplicas ?? 0;
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru) {
    if (spec.replicas !== undefined && ru.partition !== undefined && updated < spec.replicas - ru.partition)
      return {
        message: `Waiting for partitioned roll out to finish: ${updated} out of ${spec.replicas - ru.partition} new pods have been updated...\n`,
        done: false,
      };
    return {
      message: `partitioned roll out complete: ${updated} new pods have been updated...\n`,
      done: true,
    };
  }
  if (status.updateRevision !== status.currentRevision)
    return {
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${status.updateRevision}...\n`,
      done: false,
    };
  return {
    message: `statefulset rolling update complete ${status.currentReplicas ?? 0} pods at revision ${status.currentRevision}...\n`,
    done: true,
  };
}

async function status(flags: Flags, session: () => Session): Promise<number> {
  const s = session();
  const revision = flags.int('revision');
  const watch = flags.bool('watch');
  const timeoutMs = parseDuration(flags.str('timeout'));
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : undefined;
  const noneFound = () => process.stderr.write(`No resources found in ${s.namespace} namespace.\n`);
  return visitContinuingOnError(
    s,
    flags,
    async (info) => {
      const kind =
        info.resource.group === 'apps' || info.resource.group === 'extensions' ? info.resource.kind : '';
      if (
        !['Deployment', 'DaemonSet', 'StatefulSet'].includes(kind) ||
        (kind === 'StatefulSet' && info.resource.group !== 'apps')
      )
        throw new KubectlError(
          `error: no status viewer has been implemented for ${groupKindString(info.resource)}`,
        );
      // UntilWithSync: list, judge the object listed, then watch from the list's resourceVersion;
      // a watch the server ends resumes from the last version seen, a watch error lists again.
      const path = resourcePath(info.resource, { namespace: info.namespace });
      const fieldSelector = `metadata.name=${info.name}`;
      const settled = (obj: Obj) => {
        const result = rolloutStatus(kind, obj, revision);
        process.stdout.write(result.message);
        return result.done || !watch;
      };
      const controller = new AbortController();
      let timedOut = false;
      const timer = deadline
        ? setTimeout(
            () => {
              timedOut = true;
              controller.abort();
            },
            Math.max(0, deadline - Date.now()),
          )
        : undefined;
      try {
        relist: while (!controller.signal.aborted) {
          const list = await s.rest.json('GET', path, { query: { fieldSelector } });
          const listed = list.items?.[0];
          if (listed && settled({ apiVersion: info.object.apiVersion, kind: info.object.kind, ...listed }))
            return;
          let resourceVersion = list.metadata?.resourceVersion;
          while (!controller.signal.aborted) {
            const events = s.rest.watch(path, {
              query: { fieldSelector, resourceVersion, allowWatchBookmarks: true },
              signal: controller.signal,
            });
            for await (const e of events) {
              if (e.type === 'ERROR') continue relist;
              resourceVersion = e.object?.metadata?.resourceVersion ?? resourceVersion;
              if (e.type === 'BOOKMARK') continue;
              if (e.type === 'DELETED') throw new KubectlError('error: object has been deleted');
              if (settled(e.object)) return;
            }
          }
        }
      } finally {
        if (timer) clearTimeout(timer);
      }
      if (timedOut) throw new KubectlError('error: timed out waiting for the condition');
      throw new KubectlError('error: watch closed before the rollout finished');
    },
    noneFound,
  );
}

// --- the command group --------------------------------------------------------------------------

const subcommands: Record<
  string,
  { specs: FlagSpec[]; body: (flags: Flags, session: () => Session) => Promise<number> }
> = {
  history: {
    specs: [...selectionFlags, ...printFlags, { name: 'revision', type: 'int', default: 0 }],
    body: history,
  },
  undo: {
    specs: [...selectionFlags, ...printFlags, dryRunFlag, { name: 'to-revision', type: 'int', default: 0 }],
    body: undo,
  },
  status: {
    specs: [
      ...selectionFlags,
      { name: 'revision', type: 'int', default: 0 },
      { name: 'timeout', type: 'string', default: '0s' },
      { name: 'watch', short: 'w', type: 'bool', default: true },
    ],
    body: status,
  },
  pause: {
    specs: [
      ...selectionFlags,
      ...printFlags,
      { name: 'field-manager', type: 'string', default: 'kubectl-rollout' },
    ],
    body: patchCommand(pauser, 'paused'),
  },
  resume: {
    specs: [
      ...selectionFlags,
      ...printFlags,
      { name: 'field-manager', type: 'string', default: 'kubectl-rollout' },
    ],
    body: patchCommand(resumer, 'resumed'),
  },
  restart: {
    specs: [
      ...selectionFlags,
      ...printFlags,
      { name: 'field-manager', type: 'string', default: 'kubectl-rollout' },
    ],
    body: patchCommand(restarter, 'restarted'),
  },
};

export async function runRollout(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'timeline') return (await import('./rollout-timeline.ts')).runRolloutTimeline(rest);
  const command = sub ? subcommands[sub] : undefined;
  if (!command)
    return runCommand('rollout', argv, [], async (flags) => {
      // cmdutil.DefaultSubCommandRun: the non-flag arguments, joined
      throw new KubectlError(
        `error: unknown command "${flags.args.join(' ')}"\nSee 'kubectl rollout -h' for help and examples`,
      );
    });
  return runCommand(`rollout ${sub}`, rest, command.specs, command.body);
}
