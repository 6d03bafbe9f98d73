// The REST verbs over the object store: get, list, create, update, patch,
// delete, deletecollection and the status and scale subresources, with
// admission (defaults, validation, field validation), dry run and Tables.

import { randomUUID } from 'node:crypto';
import type { SchemaLookup } from '../../kube/schema.ts';
import type { Clock } from '../clock.ts';
import {
  budgetBeingProcessed,
  budgetsCovering,
  decideBudget,
  type EvictionRefusal,
  multipleBudgets,
  mustPinResourceVersion,
  podCanIgnoreBudget,
  scaleSelector,
} from '../registry/index.ts';
import type { FieldError, KubeObject, ResourceInfo, ResourceStrategy } from '../registry/types.ts';
import type { Preconditions, Store, StoredObject } from '../store/index.ts';
import { isStoreError } from '../store/index.ts';
import { apiVersionOf, qualifiedResource, type ResourceCatalog } from './catalog.ts';
import {
  ApplyConflictError,
  type FieldValidationMode,
  type OpenApi,
  PatchError,
  type Patcher,
  type ProtobufCodec,
  SelectorError,
  type Selectors,
} from './deps.ts';
import { decodeBody, mediaType, parseJson, parseYamlText, type ResourceTarget } from './request.ts';
import {
  ApiError,
  badRequest,
  conflict,
  forbidden,
  invalid,
  methodNotAllowed,
  namespaceNotFound,
  notFound,
  successStatus,
  unsupportedMediaType,
} from './status.ts';

export interface RestContext {
  store: Store;
  clock: Clock;
  catalog: ResourceCatalog;
  selectors: Selectors;
  patcher: Patcher;
  openapi?: OpenApi;
  protobuf?: ProtobufCodec;
  /** Told of every committed write (the server serves custom resources as their CRDs come and go). */
  afterWrite?: (
    info: ResourceInfo,
    obj: KubeObject,
    change: 'created' | 'updated' | 'deleted',
  ) => Promise<void> | void;
}

/** What the HTTP layer hands a verb: the parsed query, headers and body. */
export interface RestRequest {
  target: ResourceTarget;
  query: URLSearchParams;
  body: Buffer;
  contentType?: string;
  userAgent?: string;
  /** Warning headers to send back (field validation in Warn mode). */
  warnings: string[];
}

export interface RestResponse {
  code: number;
  body: unknown;
}

/** Namespaces that always exist and may not be deleted. */
export const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const undeletableNamespaces = new Set(['default', 'kube-system', 'kube-public']);

/** RFC 3339 at second precision, as metav1.Time marshals. */
export function timestamp(clock: Clock): string {
  return `${clock.date().toISOString().slice(0, 19)}Z`;
}

function objectKey(info: ResourceInfo, namespace: string | undefined, name: string) {
  return info.namespaced
    ? { resource: qualifiedResource(info), namespace, name }
    : { resource: qualifiedResource(info), name };
}

function labelsOf(obj: StoredObject): Record<string, string> {
  return (obj.metadata?.labels as Record<string, string> | undefined) ?? {};
}

function getPath(obj: KubeObject, path: string): unknown {
  let node: unknown = obj;
  for (const part of path.replace(/^\./, '').split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function setPath(obj: KubeObject, path: string, value: unknown): void {
  const parts = path.replace(/^\./, '').split('.');
  let node = obj as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/** The random suffix of generateName: five characters from Kubernetes' unambiguous alphabet. */
function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < 5; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

/** The manager name upstream derives from the User-Agent when a write names none. */
function defaultManager(userAgent: string | undefined): string {
  const agent = userAgent ?? '';
  const slash = agent.indexOf('/');
  return (slash < 0 ? agent : agent.slice(0, slash)).slice(0, 128);
}

function parseDryRun(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const v of values) {
    if (v !== 'All') throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  }
  return values.length > 0;
}

function parseFieldValidation(query: URLSearchParams): FieldValidationMode {
  const value = query.get('fieldValidation') ?? 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw badRequest(
    `fieldValidation: Unsupported value: "${value}": supported values: "Ignore", "Strict", "Warn"`,
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class ResourceHandlers {
  constructor(private readonly ctx: RestContext) {}

  /** What create-time admission reads (the DefaultStorageClass plugin lists StorageClasses). */
  private readonly admissionLookup = {
    list: async (resource: string) => (await this.ctx.store.list(resource)).items as KubeObject[],
  };

  private get schema(): SchemaLookup {
    return this.ctx.openapi?.schema ?? (() => undefined);
  }

  // --- reads ------------------------------------------------------------------------------

  async get(req: RestRequest): Promise<RestResponse> {
    const { strategy, namespace, name, subresource } = req.target;
    const info = strategy.info;
    // a subresource the resource does not serve is a path the API has no handler for
    const served =
      subresource === undefined ||
      (subresource === 'status' && info.subresources.status) ||
      (subresource === 'scale' && info.subresources.scale) ||
      (subresource === 'log' && isPods(info));
    if (!served) throw pathNotFoundFor();
    const obj = await this.read(info, namespace, name!);
    if (subresource === 'scale') return { code: 200, body: this.scaleOf(strategy, obj) };
    if (subresource === 'log') return this.podLog(req, obj);
    return { code: 200, body: obj };
  }

  /** A predicate from labelSelector/fieldSelector, or undefined when neither is set. */
  selectorPredicate(
    strategy: ResourceStrategy,
    query: URLSearchParams,
  ): ((obj: StoredObject) => boolean) | undefined {
    const labelText = query.get('labelSelector') ?? '';
    const fieldText = query.get('fieldSelector') ?? '';
    if (!labelText && !fieldText) return undefined;
    try {
      const labels = this.ctx.selectors.labelSelector(labelText);
      const fields = this.ctx.selectors.fieldSelector(fieldText);
      for (const field of fields.fields) {
        if (field === 'metadata.name' || field === 'metadata.namespace') continue;
        const supported = strategy.fieldLabels ? Object.keys(strategy.fieldLabels({ metadata: {} })) : [];
        if (!supported.includes(field)) throw badRequest(`field label not supported: ${field}`);
      }
      return (obj) => {
        if (!labels(labelsOf(obj))) return false;
        if (fields.fields.length === 0) return true;
        const values: Record<string, string> = {
          'metadata.name': String(obj.metadata?.name ?? ''),
          'metadata.namespace': String(obj.metadata?.namespace ?? ''),
          ...(strategy.fieldLabels?.(obj as KubeObject) ?? {}),
        };
        return fields.matches(values);
      };
    } catch (err) {
      if (err instanceof SelectorError) throw badRequest(err.message);
      throw err;
    }
  }

  async list(
    req: RestRequest,
  ): Promise<RestResponse & { items: StoredObject[]; meta: Record<string, unknown> }> {
    const { strategy, namespace } = req.target;
    const info = strategy.info;
    const limit = Number(req.query.get('limit') ?? 0);
    const match = req.query.get('resourceVersionMatch') ?? undefined;
    const result = await this.ctx.store.list(qualifiedResource(info), {
      namespace,
      limit: Number.isFinite(limit) && limit > 0 ? limit : undefined,
      continue: req.query.get('continue') || undefined,
      resourceVersion: req.query.get('resourceVersion') ?? undefined,
      resourceVersionMatch: match as 'NotOlderThan' | 'Exact' | undefined,
      predicate: this.selectorPredicate(strategy, req.query),
    });
    const meta: Record<string, unknown> = { resourceVersion: result.resourceVersion };
    if (result.continue) meta.continue = result.continue;
    if (result.remainingItemCount !== undefined) meta.remainingItemCount = result.remainingItemCount;
    // Items of a typed list carry no TypeMeta in upstream's JSON.
    const items = result.items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
    return {
      code: 200,
      body: { kind: info.listKind, apiVersion: apiVersionOf(info), metadata: meta, items },
      items: result.items,
      meta,
    };
  }

  // --- writes -----------------------------------------------------------------------------

  async create(req: RestRequest): Promise<RestResponse> {
    const { strategy, namespace, subresource } = req.target;
    if (subresource === 'binding' && isPods(strategy.info) && req.target.name !== undefined)
      return this.bind(req);
    if (subresource === 'eviction' && strategy.info.subresources.eviction && req.target.name !== undefined)
      return this.evict(req);
    if (subresource !== undefined || req.target.name !== undefined) throw methodNotAllowed();
    const info = strategy.info;
    const dryRun = parseDryRun(req.query);
    const obj = this.decodeObject(req, info);
    this.validateFields(req, info, obj);
    this.prune(obj, info);
    const meta = (obj.metadata ??= {});
    if (info.namespaced) this.bindNamespace(obj, namespace);
    else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix()}`;
    const created = await this.admitCreate(strategy, obj, req, dryRun);
    return { code: 201, body: created };
  }

  async update(req: RestRequest): Promise<RestResponse> {
    const { strategy, namespace, name, subresource } = req.target;
    const info = strategy.info;
    if (name === undefined) throw methodNotAllowed();
    if (subresource === 'scale') return this.writeScale(req, (current) => this.decodeScale(req, current));
    if (subresource !== undefined && subresource !== 'status') throw methodNotAllowed();
    if (subresource === 'status' && !info.subresources.status) throw methodNotAllowed();
    const dryRun = parseDryRun(req.query);
    const obj = this.decodeObject(req, info);
    this.validateFields(req, info, obj);
    this.prune(obj, info);
    const meta = (obj.metadata ??= {});
    if (meta.name !== undefined && meta.name !== name) {
      throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    }
    meta.name = name;
    if (info.namespaced) this.bindNamespace(obj, namespace);
    const old = await this.read(info, namespace, name);
    const updated = await this.admitUpdate(
      strategy,
      obj,
      old,
      req,
      dryRun,
      subresource as 'status' | undefined,
    );
    return { code: 200, body: updated };
  }

  async patch(req: RestRequest): Promise<RestResponse> {
    const { strategy, namespace, name, subresource } = req.target;
    const info = strategy.info;
    if (name === undefined) throw methodNotAllowed();
    const type = mediaType(req.contentType);
    const patchBody = this.decodePatch(req.body, type);
    if (subresource === 'scale') {
      return this.writeScale(
        req,
        (current) => this.applyPatch(type, current, patchBody, req, undefined) as KubeObject,
      );
    }
    if (subresource !== undefined && subresource !== 'status') throw methodNotAllowed();
    if (subresource === 'status' && !info.subresources.status) throw methodNotAllowed();
    const dryRun = parseDryRun(req.query);
    if (type === 'application/apply-patch+yaml' && !req.query.get('fieldManager')) {
      throw badRequest('PATCH requests with apply content type require the fieldManager query parameter');
    }
    let old: KubeObject | undefined;
    try {
      old = await this.read(info, namespace, name);
    } catch (err) {
      // Server-side apply creates what does not exist yet.
      if (!(type === 'application/apply-patch+yaml' && err instanceof ApiError && err.code === 404))
        throw err;
    }
    const next = this.applyPatch(type, old, patchBody, req, info) as KubeObject;
    this.validatePatched(req, info, type, patchBody, next);
    this.prune(next, info);
    const meta = (next.metadata ??= {});
    if (meta.name !== undefined && meta.name !== name) {
      throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    }
    meta.name = name;
    if (info.namespaced) this.bindNamespace(next, namespace);
    next.apiVersion = apiVersionOf(info);
    next.kind = info.kind;
    if (!old) return { code: 201, body: await this.admitCreate(strategy, next, req, dryRun) };
    // The patch applies to the state it was computed from: a concurrent write is a conflict.
    next.metadata.resourceVersion = old.metadata?.resourceVersion;
    const updated = await this.admitUpdate(
      strategy,
      next,
      old,
      req,
      dryRun,
      subresource as 'status' | undefined,
    );
    return { code: 200, body: updated };
  }

  async delete(req: RestRequest): Promise<RestResponse> {
    const { strategy, namespace, name, subresource } = req.target;
    const info = strategy.info;
    if (name === undefined || subresource !== undefined) throw methodNotAllowed();
    const options = this.deleteOptions(req);
    const dryRun = parseDryRun(req.query) || (Array.isArray(options.dryRun) && options.dryRun.length > 0);
    const preconditions = options.preconditions as Preconditions | undefined;
    const current = await this.read(info, namespace, name);
    if (info.group === '' && info.plural === 'namespaces')
      return this.deleteNamespace(current, preconditions, dryRun);
    const plan = planDeletion(info, current, options, this.ctx.clock.now());
    if (plan.kind === 'pending') return { code: 200, body: current };
    if (plan.kind === 'mark') {
      if (dryRun) return { code: 200, body: plan.marked };
      const key = objectKey(info, namespace, name);
      const stored = (await this.ctx.store.update(key, plan.marked, { preconditions })) as KubeObject;
      const held = (stored.metadata?.finalizers as string[] | undefined)?.length ?? 0;
      // A pod whose grace period came down to 0 goes now, unless finalizers hold it.
      if (stored.metadata?.deletionGracePeriodSeconds !== 0 || held > 0) {
        await this.ctx.afterWrite?.(info, stored, 'updated');
        return { code: 200, body: stored };
      }
      await this.ctx.store.delete(key, {
        preconditions: { resourceVersion: stored.metadata?.resourceVersion as string },
      });
      await this.ctx.afterWrite?.(info, stored, 'deleted');
      return { code: 200, body: successStatus(info, name, current.metadata?.uid) };
    }
    if (dryRun) return { code: 200, body: successStatus(info, name, current.metadata?.uid) };
    await this.ctx.store.delete(objectKey(info, namespace, name), { preconditions });
    await this.ctx.afterWrite?.(info, current, 'deleted');
    return { code: 200, body: successStatus(info, name, current.metadata?.uid) };
  }

  /**
   * GET pods/{name}/log: the simulated containers write nothing, so a container that has run has an
   * empty log. The rest are the errors kube-apiserver (which container) and the kubelet (what
   * state it is in) give, as BadRequest; an unscheduled pod has no log location, so an empty body.
   */
  podLog(req: RestRequest, pod: KubeObject): RestResponse {
    const name = String(pod.metadata?.name ?? '');
    const spec = (pod.spec ?? {}) as { containers?: { name: string }[]; initContainers?: { name: string }[] };
    const names = (list?: { name: string }[]) => (list ?? []).map((c) => c.name);
    const containers = names(spec.containers);
    const inits = names(spec.initContainers);
    const ephemerals = names((pod.spec as { ephemeralContainers?: { name: string }[] })?.ephemeralContainers);
    let container = req.query.get('container') ?? '';
    if (container === '') {
      if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
      if (containers.length > 1) {
        let text = `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`;
        if (inits.length > 0) text += ` or one of the init containers: [${inits.join(' ')}]`;
        if (ephemerals.length > 0) text += ` or one of the ephemeral containers: [${ephemerals.join(' ')}]`;
        throw badRequest(text);
      }
      container = containers[0];
    } else if (![...containers, ...inits, ...ephemerals].includes(container)) {
      throw badRequest(`container ${container} is not valid for pod ${name}`);
    }
    if (!(pod.spec as { nodeName?: string })?.nodeName) return { code: 200, body: '' };
    type State = { running?: object; waiting?: { reason?: string }; terminated?: { containerID?: string } };
    type ContainerStatus = { name: string; state?: State; lastState?: State };
    const status = (pod.status ?? {}) as Record<string, ContainerStatus[] | undefined>;
    const found = [
      ...(status.containerStatuses ?? []),
      ...(status.initContainerStatuses ?? []),
      ...(status.ephemeralContainerStatuses ?? []),
    ].find((c) => c.name === container);
    const where = `container "${container}" in pod "${name}"`;
    if (!found) throw badRequest(`${where} is not available`);
    const state = found.state ?? {};
    const last = found.lastState?.terminated;
    const terminatedGone = `${where} is terminated`;
    if (req.query.get('previous') === 'true') {
      if (!last?.containerID) throw badRequest(`previous terminated ${where} not found`);
    } else if (state.running) {
      // running: its (empty) log
    } else if (state.terminated) {
      if (!state.terminated.containerID && !last?.containerID) throw badRequest(terminatedGone);
    } else if (last) {
      if (!last.containerID) throw badRequest(terminatedGone);
    } else if (state.waiting) {
      const reason = state.waiting.reason ?? '';
      if (reason === 'ErrImagePull') throw badRequest(`${where} is waiting to start: image can't be pulled`);
      if (reason === 'ImagePullBackOff')
        throw badRequest(`${where} is waiting to start: trying and failing to pull image`);
      throw badRequest(`${where} is waiting to start: ${reason}`);
    } else {
      throw badRequest(`${where} is waiting to start - no logs yet`);
    }
    return { code: 200, body: '' };
  }

  /**
   * POST pods/{name}/binding: the scheduler's write of spec.nodeName (a pod's
   * spec is otherwise immutable), with the PodScheduled condition.
   */
  async bind(req: RestRequest): Promise<RestResponse> {
    const { strategy, namespace, name } = req.target;
    const info = strategy.info;
    const binding = decodeBody(req.body, req.contentType, this.ctx.protobuf);
    const nodeName = (binding.target as { name?: unknown } | undefined)?.name;
    if (typeof nodeName !== 'string' || nodeName === '') {
      throw invalid({ ...info, kind: 'Binding', group: '' }, String(name), [
        { reason: 'FieldValueRequired', field: 'target.name', message: 'target.name: Required value' },
      ]);
    }
    if (parseDryRun(req.query)) return { code: 201, body: successStatus(info, name!, undefined) };
    const now = timestamp(this.ctx.clock);
    try {
      const updated = await this.ctx.store.guaranteedUpdate(objectKey(info, namespace, name!), (stored) => {
        const pod = stored as KubeObject;
        if (pod.metadata?.deletionTimestamp)
          throw conflict(info, name!, 'pod is being deleted, cannot be assigned to a host');
        if (pod.spec?.nodeName)
          throw conflict(info, name!, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
        const next = structuredClone(pod);
        next.spec = { ...(next.spec ?? {}), nodeName };
        const status = (next.status ??= {});
        const conditions = ((status.conditions ?? []) as KubeObject[]).filter(
          (c) => c.type !== 'PodScheduled',
        );
        conditions.push({
          type: 'PodScheduled',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: now,
        });
        status.conditions = conditions;
        return next;
      });
      await this.ctx.afterWrite?.(info, updated as KubeObject, 'updated');
    } catch (err) {
      if (isStoreError(err, 'NotFound')) throw notFound(info, name!);
      throw err;
    }
    const ok = successStatus(info, name!, undefined);
    return { code: 201, body: { ...ok, details: undefined, code: 201 } };
  }

  /**
   * POST pods/{name}/eviction (policy/v1 Eviction, kube-apiserver's EvictionREST): the pod is
   * deleted with the eviction's deleteOptions unless the one PodDisruptionBudget covering it has no
   * disruption to spare (429 TooManyRequests); an allowed eviction first takes one from the budget
   * and records the pod under status.disruptedPods for the disruption controller.
   */
  async evict(req: RestRequest): Promise<RestResponse> {
    const { strategy, namespace, name } = req.target;
    const info = strategy.info;
    const eviction = decodeBody(req.body, req.contentType, this.ctx.protobuf);
    if (eviction.metadata?.name !== name)
      throw badRequest('name in URL does not match name in Eviction object');
    const queryDryRun = req.query.getAll('dryRun');
    parseDryRun(req.query);
    const options: Record<string, unknown> = { ...((eviction.deleteOptions as object | undefined) ?? {}) };
    const bodyDryRun = Array.isArray(options.dryRun) ? (options.dryRun as string[]) : [];
    if (bodyDryRun.length === 0) {
      if (queryDryRun.length > 0) options.dryRun = queryDryRun;
    } else if (queryDryRun.length > 0 && !sameJson(queryDryRun, bodyDryRun)) {
      throw badRequest(
        `Non-matching dry-run options in request and content: [${queryDryRun.join(' ')}] and [${bodyDryRun.join(' ')}]`,
      );
    }
    const dryRun = Array.isArray(options.dryRun) && (options.dryRun as unknown[]).length > 0;
    const callerPinned = (options.preconditions as { resourceVersion?: unknown } | undefined)
      ?.resourceVersion;
    const success = {
      code: 201,
      body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 },
    };
    const deletePod = async (pinTo?: string) => {
      const body = pinTo
        ? {
            ...options,
            preconditions: { ...((options.preconditions as object) ?? {}), resourceVersion: pinTo },
          }
        : options;
      await this.delete({
        ...req,
        target: { ...req.target, subresource: undefined },
        query: new URLSearchParams(),
        body: Buffer.from(JSON.stringify(body)),
        contentType: 'application/json',
      });
    };
    // Terminal, pending and deleting pods go at once; conflicts retry (unless the caller pinned a version).
    let pod: KubeObject | undefined;
    for (let attempt = 0; ; attempt++) {
      pod = await this.read(info, namespace, name!);
      if (!podCanIgnoreBudget(pod)) break;
      try {
        const pin = mustPinResourceVersion(pod) && !callerPinned ? pod.metadata?.resourceVersion : undefined;
        await deletePod(pin);
        return success;
      } catch (err) {
        if (callerPinned || attempt >= 19 || !(err instanceof ApiError && err.code === 409)) throw err;
      }
    }
    const budgets = (
      await this.ctx.store.list('poddisruptionbudgets.policy', { namespace: pod.metadata?.namespace })
    ).items as KubeObject[];
    const covering = budgetsCovering(pod, budgets);
    if (covering.length > 1) throw new ApiError(500, '', multipleBudgets);
    let spareUnhealthy = false;
    if (covering.length === 1) {
      let pdb = covering[0]!;
      const pdbName = String(pdb.metadata?.name);
      const pdbKey = {
        resource: 'poddisruptionbudgets.policy',
        namespace: pod.metadata?.namespace,
        name: pdbName,
      };
      for (let attempt = 0; ; attempt++) {
        const decision = decideBudget(pod, pdb, timestamp(this.ctx.clock), dryRun);
        if (decision.kind === 'refuse') throw refusalError(decision.refusal);
        if (decision.kind === 'spare-unhealthy') {
          spareUnhealthy = true;
          break;
        }
        if (dryRun) break;
        try {
          const written = (await this.ctx.store.update(pdbKey, {
            ...pdb,
            status: decision.status,
          })) as KubeObject;
          const pdbInfo = this.ctx.catalog.lookup('policy', 'v1', 'poddisruptionbudgets')?.info;
          if (pdbInfo) await this.ctx.afterWrite?.(pdbInfo, written, 'updated');
          break;
        } catch (err) {
          if (!isStoreError(err, 'Conflict')) throw err;
          if (attempt >= 19)
            throw new ApiError(
              504,
              'Timeout',
              `Timeout: couldn't update PodDisruptionBudget "${pdbName}" due to conflicts`,
              { retryAfterSeconds: 10 },
            );
          pdb = (await this.ctx.store.get(pdbKey)) as KubeObject;
        }
      }
      try {
        await deletePod(spareUnhealthy && !callerPinned ? pod.metadata?.resourceVersion : undefined);
      } catch (err) {
        if (spareUnhealthy && !callerPinned && err instanceof ApiError && err.code === 409)
          throw refusalError(budgetBeingProcessed(pdbName));
        throw err;
      }
      return success;
    }
    await deletePod();
    return success;
  }

  async deleteCollection(req: RestRequest): Promise<RestResponse> {
    const { strategy } = req.target;
    const info = strategy.info;
    if (!info.verbs.includes('deletecollection')) throw methodNotAllowed();
    const dryRun = parseDryRun(req.query);
    const { items, meta } = await this.list({
      ...req,
      query: new URLSearchParams([...req.query].filter(([k]) => k !== 'limit' && k !== 'continue')),
    });
    const deleted: StoredObject[] = [];
    for (const item of items) {
      const name = String(item.metadata?.name);
      const ns = item.metadata?.namespace as string | undefined;
      try {
        const sub: RestRequest = {
          ...req,
          target: { ...req.target, name, namespace: ns },
          body: Buffer.alloc(0),
        };
        if (!dryRun) await this.delete(sub);
        const { apiVersion: _a, kind: _k, ...rest } = item;
        deleted.push(rest);
      } catch (err) {
        if (!isStoreError(err, 'NotFound') && !(err instanceof ApiError && err.code === 404)) throw err;
      }
    }
    return {
      code: 200,
      body: { kind: info.listKind, apiVersion: apiVersionOf(info), metadata: meta, items: deleted },
    };
  }

  // --- admission --------------------------------------------------------------------------

  private async admitCreate(
    strategy: ResourceStrategy,
    input: KubeObject,
    req: RestRequest,
    dryRun: boolean,
  ): Promise<KubeObject> {
    const info = strategy.info;
    let obj = input;
    const meta = obj.metadata!;
    if (info.namespaced) await this.checkNamespaceOpen(info, meta.namespace, meta.name);
    strategy.applyDefaults(obj);
    await strategy.admitCreate?.(obj, this.admissionLookup);
    // System fields are the server's: what a client sends there is dropped.
    meta.uid = randomUUID();
    meta.creationTimestamp = timestamp(this.ctx.clock);
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.selfLink;
    if (meta.generation !== undefined) delete meta.generation;
    strategy.prepareForCreate(obj);
    const errors = uniqueErrors(strategy.validateCreate(obj));
    if (errors.length > 0) throw invalid(info, String(meta.name ?? ''), errors);
    obj = this.recordManager(strategy, undefined, obj, req, undefined);
    if (dryRun) {
      // A dry run is refused like the real create would be.
      if (await this.exists(info, meta.namespace, meta.name)) {
        const d: Record<string, unknown> = { name: meta.name, kind: info.plural };
        if (info.group) d.group = info.group;
        throw new ApiError(
          409,
          'AlreadyExists',
          `${qualifiedResource(info)} "${meta.name}" already exists`,
          d,
        );
      }
      return obj;
    }
    try {
      const created = (await this.ctx.store.create(
        objectKey(info, meta.namespace, meta.name),
        obj,
      )) as KubeObject;
      await this.ctx.afterWrite?.(info, created, 'created');
      return created;
    } catch (err) {
      if (isStoreError(err, 'BadRequest')) throw badRequest(err.message);
      throw err;
    }
  }

  private async admitUpdate(
    strategy: ResourceStrategy,
    input: KubeObject,
    old: KubeObject,
    req: RestRequest,
    dryRun: boolean,
    subresource: 'status' | undefined,
    /** The endpoint written through, for managedFields (`scale` writes update the main object). */
    endpoint: string | undefined = subresource,
  ): Promise<KubeObject> {
    const info = strategy.info;
    let obj = input;
    const meta = obj.metadata!;
    obj.apiVersion ??= apiVersionOf(info);
    obj.kind ??= info.kind;
    strategy.applyDefaults(obj);
    const oldMeta = old.metadata ?? {};
    if (meta.uid !== undefined && meta.uid !== '' && meta.uid !== oldMeta.uid) {
      throw conflict(
        info,
        String(meta.name),
        `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${oldMeta.uid}`,
      );
    }
    meta.uid = oldMeta.uid;
    meta.creationTimestamp = oldMeta.creationTimestamp;
    if (oldMeta.deletionTimestamp) {
      meta.deletionTimestamp = oldMeta.deletionTimestamp;
      meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (oldMeta.generation !== undefined) meta.generation = oldMeta.generation;
    else delete meta.generation;
    strategy.prepareForUpdate(obj, old, subresource);
    const errors = uniqueErrors(strategy.validateUpdate(obj, old));
    if (errors.length > 0) throw invalid(info, String(meta.name), errors);
    obj = this.recordManager(strategy, old, obj, req, endpoint);
    if (dryRun) return obj;
    const key = objectKey(info, meta.namespace, meta.name);
    // An object marked for deletion goes once its last finalizer is removed (a pod only once
    // its grace period is over too: upstream's pod ShouldDeleteDuringUpdate).
    const hadFinalizers = ((oldMeta.finalizers as unknown[] | undefined)?.length ?? 0) > 0;
    if (
      meta.deletionTimestamp &&
      hadFinalizers &&
      !(meta.finalizers as unknown[] | undefined)?.length &&
      (!isPods(info) || !meta.deletionGracePeriodSeconds)
    ) {
      const stored = await this.ctx.store.update(key, obj);
      await this.ctx.store.delete(key, {
        preconditions: { resourceVersion: stored.metadata?.resourceVersion },
      });
      await this.ctx.afterWrite?.(info, stored as KubeObject, 'deleted');
      return stored as KubeObject;
    }
    const updated = (await this.ctx.store.update(key, obj)) as KubeObject;
    await this.ctx.afterWrite?.(info, updated, 'updated');
    return updated;
  }

  /** Paths a write through this endpoint resets, which nobody writing through it owns. */
  private resetFields(strategy: ResourceStrategy, subresource: string | undefined): string[][] {
    if (!strategy.info.subresources.status) return [];
    return subresource === 'status' ? [['spec']] : [['status']];
  }

  /** managedFields for an ordinary write (apply writes have theirs from the field manager). */
  private recordManager(
    strategy: ResourceStrategy,
    old: KubeObject | undefined,
    obj: KubeObject,
    req: RestRequest,
    subresource: string | undefined,
  ): KubeObject {
    const type = mediaType(req.contentType);
    if (type === 'application/apply-patch+yaml' || !this.ctx.patcher.recordUpdate) return obj;
    const manager = req.query.get('fieldManager') || defaultManager(req.userAgent);
    return this.ctx.patcher.recordUpdate(old, obj, manager, this.schema, {
      now: this.ctx.clock.date(),
      subresource,
      resetFields: this.resetFields(strategy, subresource),
    });
  }

  private async checkNamespaceOpen(info: ResourceInfo, namespace: string, name: string): Promise<void> {
    let ns: StoredObject;
    try {
      ns = await this.ctx.store.get({ resource: 'namespaces', name: namespace });
    } catch (err) {
      if (isStoreError(err, 'NotFound')) throw namespaceNotFound(namespace);
      throw err;
    }
    if (ns.metadata?.deletionTimestamp) {
      throw forbidden(
        info,
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  private bindNamespace(obj: KubeObject, namespace: string | undefined): void {
    const meta = obj.metadata!;
    if (namespace === undefined)
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    meta.namespace = namespace;
  }

  /**
   * Field validation of a create/update body: Strict fails with the decoder's 400
   * (`Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ...`),
   * Warn answers with one Warning header per problem.
   */
  private validateFields(req: RestRequest, info: ResourceInfo, decoded: KubeObject): void {
    const mode = parseFieldValidation(req.query);
    const validate = this.ctx.openapi?.validateFields;
    if (mode === 'Ignore' || !validate) return;
    const type = mediaType(req.contentType);
    // Protobuf bodies cannot carry unknown fields; YAML comes parsed (duplicates already refused).
    if (type === 'application/vnd.kubernetes.protobuf') return;
    const json = type === '' || type === 'application/json' || type === '*/*';
    const scale = req.target.subresource === 'scale';
    const kind = scale ? 'Scale' : info.kind;
    const { problems } = validate(
      json ? req.body.toString('utf8') : decoded,
      scale ? 'autoscaling/v1' : apiVersionOf(info),
      kind,
    );
    if (problems.length === 0) return;
    if (mode === 'Warn') {
      req.warnings.push(...problems);
      return;
    }
    const version = scale ? 'v1' : info.version;
    throw badRequest(
      `${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${problems.join(', ')}`,
    );
  }

  /** Drops what the kind's schema does not declare (a Scale body is checked, not stored). */
  private prune(obj: KubeObject, info: ResourceInfo): void {
    this.ctx.openapi?.prune?.(obj, apiVersionOf(info), info.kind);
  }

  /**
   * Field validation of a patch's result, as the patch handler decodes it: Strict fails with a
   * 422 naming the patch (its result for JSON and merge patches, Go's %+v of the patch map for
   * strategic merge patches), Warn adds Warning headers.
   */
  private validatePatched(
    req: RestRequest,
    info: ResourceInfo,
    type: string,
    patch: unknown,
    next: KubeObject,
  ): void {
    const mode = parseFieldValidation(req.query);
    const check = this.ctx.openapi?.unknownFields;
    // Apply configurations are checked against the schema by the field manager.
    if (mode === 'Ignore' || !check || type === 'application/apply-patch+yaml') return;
    const { problems } = check(next, apiVersionOf(info), info.kind);
    if (problems.length === 0) return;
    if (mode === 'Warn') {
      req.warnings.push(...problems);
      return;
    }
    const value = type === 'application/strategic-merge-patch+json' ? goPrint(patch) : JSON.stringify(next);
    const detail = `Invalid value: ${JSON.stringify(value)}: strict decoding error: ${problems.join(', ')}`;
    throw new ApiError(422, 'Invalid', ` "" is invalid: patch: ${detail}`, {
      causes: [{ reason: 'FieldValueInvalid', message: detail, field: 'patch' }],
    });
  }

  // --- bodies -----------------------------------------------------------------------------

  private decodeObject(req: RestRequest, info: ResourceInfo): KubeObject {
    const obj = decodeBody(req.body, req.contentType, this.ctx.protobuf);
    const expected = req.target.subresource === 'scale' ? 'autoscaling/v1' : apiVersionOf(info);
    const kind = req.target.subresource === 'scale' ? 'Scale' : info.kind;
    if (obj.apiVersion !== undefined && obj.apiVersion !== expected) {
      throw badRequest(
        `the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`,
      );
    }
    if (obj.kind !== undefined && obj.kind !== kind) {
      throw badRequest(
        `${obj.kind} in version "${info.version}" cannot be handled as a ${kind}: no kind "${obj.kind}" is registered for version "${expected}" in scheme "pkg/api/legacyscheme/scheme.go:30"`,
      );
    }
    obj.apiVersion = expected;
    obj.kind = kind;
    if (obj.metadata !== undefined && (typeof obj.metadata !== 'object' || obj.metadata === null)) {
      throw badRequest('json: cannot unmarshal into Go struct field .metadata of type v1.ObjectMeta');
    }
    return obj;
  }

  private decodePatch(body: Buffer, type: string): unknown {
    switch (type) {
      case 'application/json-patch+json':
      case 'application/merge-patch+json':
      case 'application/strategic-merge-patch+json':
        return parseJson(body.toString('utf8'));
      case 'application/apply-patch+yaml':
      case 'application/apply-patch+cbor':
        return parseYamlText(body.toString('utf8'));
      default:
        throw unsupportedMediaType(type);
    }
  }

  private applyPatch(
    type: string,
    current: KubeObject | undefined,
    patch: unknown,
    req: RestRequest,
    info: ResourceInfo | undefined,
  ): unknown {
    const patcher = this.ctx.patcher;
    try {
      switch (type) {
        case 'application/json-patch+json':
          return patcher.jsonPatch(current!, patch);
        case 'application/merge-patch+json':
          return patcher.mergePatch(current!, patch);
        case 'application/strategic-merge-patch+json':
          if (info && info.group !== '' && !isBuiltinGroup(info.group)) {
            throw new ApiError(
              415,
              'UnsupportedMediaType',
              'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
            );
          }
          return patcher.strategicMergePatch(current!, patch, this.schema);
        default: {
          const applied = patch as KubeObject;
          if (typeof applied !== 'object' || applied === null || Array.isArray(applied))
            throw badRequest('apply patch must be an object');
          if (info) {
            if (applied.apiVersion !== apiVersionOf(info)) {
              throw badRequest(
                `the API version in the data (${applied.apiVersion ?? ''}) does not match the expected API version (${apiVersionOf(info)})`,
              );
            }
            if (applied.kind !== info.kind) {
              throw badRequest(
                `the kind in the data (${applied.kind ?? ''}) does not match the expected kind (${info.kind})`,
              );
            }
          }
          const force = req.query.get('force') === 'true';
          const subresource = req.target.subresource;
          return patcher.apply(current, applied, {
            manager: req.query.get('fieldManager') ?? '',
            force,
            schema: this.schema,
            now: this.ctx.clock.date(),
            subresource,
            resetFields: this.resetFields(req.target.strategy, subresource),
          });
        }
      }
    } catch (err) {
      if (err instanceof PatchError) throw patchStatus(err);
      if (err instanceof ApplyConflictError) {
        const name = String(req.target.name);
        const reqInfo = req.target.strategy.info;
        throw new ApiError(409, 'Conflict', err.message, {
          ...(reqInfo.group ? { group: reqInfo.group } : {}),
          name,
          kind: reqInfo.plural,
          causes: err.conflicts.map((c) => ({
            reason: 'FieldManagerConflict',
            message: c.message,
            field: c.field,
          })),
        });
      }
      throw err;
    }
  }

  private deleteOptions(req: RestRequest): Record<string, unknown> {
    const options: Record<string, unknown> = {};
    if (req.body.length > 0) {
      const decoded = decodeBody(req.body, req.contentType, this.ctx.protobuf);
      Object.assign(options, decoded);
    }
    const grace = req.query.get('gracePeriodSeconds');
    if (grace !== null) options.gracePeriodSeconds = Number(grace);
    const policy = req.query.get('propagationPolicy');
    if (policy !== null) options.propagationPolicy = policy;
    const p = options.propagationPolicy;
    if (p !== undefined && p !== 'Orphan' && p !== 'Background' && p !== 'Foreground') {
      throw badRequest(
        `propagationPolicy: Unsupported value: "${String(p)}": supported values: "Foreground", "Background", "Orphan", "nil"`,
      );
    }
    return options;
  }

  // --- namespaces -------------------------------------------------------------------------

  /**
   * Deleting a namespace removes everything in it, then the namespace. Upstream's
   * namespace controller does this asynchronously; here it happens before the reply,
   * which still carries the namespace as Terminating, as upstream answers.
   */
  private async deleteNamespace(
    ns: KubeObject,
    preconditions: Preconditions | undefined,
    dryRun: boolean,
  ): Promise<RestResponse> {
    const name = String(ns.metadata?.name);
    const nsInfo = this.ctx.catalog.lookup('', 'v1', 'namespaces')!.info;
    if (undeletableNamespaces.has(name)) throw forbidden(nsInfo, name, 'this namespace may not be deleted');
    const terminating = structuredClone(ns);
    terminating.metadata!.deletionTimestamp ??= timestamp(this.ctx.clock);
    terminating.status = { ...(terminating.status ?? {}), phase: 'Terminating' };
    if (dryRun) return { code: 200, body: terminating };
    const key = { resource: 'namespaces', name };
    const marked = (await this.ctx.store.update(key, terminating, { preconditions })) as KubeObject;
    for (const strategy of this.ctx.catalog.namespaced()) {
      const resource = qualifiedResource(strategy.info);
      const { items } = await this.ctx.store.list(resource, { namespace: name });
      for (const item of items) {
        try {
          await this.ctx.store.delete({ resource, namespace: name, name: String(item.metadata?.name) });
        } catch (err) {
          if (!isStoreError(err, 'NotFound')) throw err;
        }
      }
    }
    await this.ctx.store.delete(key);
    return { code: 200, body: marked };
  }

  // --- scale ------------------------------------------------------------------------------

  private scaleOf(strategy: ResourceStrategy, obj: KubeObject): KubeObject {
    const scale = strategy.info.subresources.scale;
    if (!scale) throw pathNotFoundFor();
    const meta = obj.metadata ?? {};
    const status: Record<string, unknown> = { replicas: getPath(obj, scale.statusReplicasPath) ?? 0 };
    // Custom resources name where their selector is; built-in kinds serialize spec.selector.
    const selector = scale.labelSelectorPath
      ? getPath(obj, scale.labelSelectorPath)
      : isBuiltinGroup(strategy.info.group) || strategy.info.group === ''
        ? scaleSelector(obj)
        : undefined;
    if (selector) status.selector = selector;
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: meta.name,
        namespace: meta.namespace,
        uid: meta.uid,
        resourceVersion: meta.resourceVersion,
        creationTimestamp: meta.creationTimestamp,
      },
      spec: { replicas: getPath(obj, scale.specReplicasPath) ?? 0 },
      status,
    };
  }

  private decodeScale(req: RestRequest, _current: KubeObject): KubeObject {
    const obj = decodeBody(req.body, req.contentType, this.ctx.protobuf);
    if (obj.kind !== undefined && obj.kind !== 'Scale') throw badRequest(`${obj.kind} is not a Scale`);
    return obj;
  }

  private async writeScale(
    req: RestRequest,
    compute: (current: KubeObject) => KubeObject,
  ): Promise<RestResponse> {
    const { strategy, namespace, name } = req.target;
    const info = strategy.info;
    const scaleInfo = info.subresources.scale;
    if (!scaleInfo) throw pathNotFoundFor();
    const dryRun = parseDryRun(req.query);
    const old = await this.read(info, namespace, name!);
    const currentScale = this.scaleOf(strategy, old);
    const next = compute(currentScale);
    const replicas = next.spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw new ApiError(
        422,
        'Invalid',
        `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`,
        {
          name,
          group: 'autoscaling',
          kind: 'Scale',
          causes: [
            {
              reason: 'FieldValueInvalid',
              message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`,
              field: 'spec.replicas',
            },
          ],
        },
      );
    }
    const rv = next.metadata?.resourceVersion;
    if (rv && rv !== old.metadata?.resourceVersion) {
      throw conflict(
        info,
        name!,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    const updatedParent = structuredClone(old);
    setPath(updatedParent, scaleInfo.specReplicasPath, replicas);
    if (sameJson(updatedParent, old)) return { code: 200, body: currentScale };
    const stored = await this.admitUpdate(
      strategy,
      updatedParent,
      old,
      { ...req, contentType: 'application/json' },
      dryRun,
      undefined,
      'scale',
    );
    return { code: 200, body: this.scaleOf(strategy, stored) };
  }

  // --- helpers ----------------------------------------------------------------------------

  private async exists(info: ResourceInfo, namespace: string | undefined, name: string): Promise<boolean> {
    try {
      await this.ctx.store.get(objectKey(info, namespace, name));
      return true;
    } catch (err) {
      if (isStoreError(err, 'NotFound')) return false;
      throw err;
    }
  }

  private async read(info: ResourceInfo, namespace: string | undefined, name: string): Promise<KubeObject> {
    try {
      return (await this.ctx.store.get(objectKey(info, namespace, name))) as KubeObject;
    } catch (err) {
      if (isStoreError(err, 'NotFound')) throw notFound(info, name);
      throw err;
    }
  }
}

function isPods(info: ResourceInfo): boolean {
  return info.group === '' && info.plural === 'pods';
}

type DeletionPlan =
  /** Removed from the store now. */
  | { kind: 'now' }
  /** Already being deleted gracefully with no shorter grace asked: nothing changes. */
  | { kind: 'pending' }
  /** Marked with deletionTimestamp (and finalizers); removed later by the kubelet or the GC. */
  | { kind: 'mark'; marked: KubeObject };

/**
 * How a DELETE proceeds, as upstream's BeforeDelete and the finalizer update decide:
 * a pod on a node that is still running gets a grace period (the request's, else its
 * terminationGracePeriodSeconds, else 30; an already deleting pod may only have it
 * shortened); Orphan/Foreground propagation holds the object with the `orphan` /
 * `foregroundDeletion` finalizer for the garbage collector.
 */
function planDeletion(
  info: ResourceInfo,
  current: KubeObject,
  options: Record<string, unknown>,
  nowMs: number,
): DeletionPlan {
  const meta = current.metadata ?? {};
  const finalizers = [...((meta.finalizers as string[] | undefined) ?? [])];
  const policy = options.propagationPolicy ?? (options.orphanDependents === true ? 'Orphan' : undefined);
  const wanted = policy === 'Orphan' ? 'orphan' : policy === 'Foreground' ? 'foregroundDeletion' : undefined;
  if (wanted && !finalizers.includes(wanted)) finalizers.push(wanted);
  // Background (or an explicit orphanDependents=false) drops a pending orphan finalizer.
  if (policy === 'Background' || policy === 'Foreground') {
    const at = finalizers.indexOf('orphan');
    if (at >= 0) finalizers.splice(at, 1);
  }
  const requested = typeof options.gracePeriodSeconds === 'number' ? options.gracePeriodSeconds : undefined;
  const marked = structuredClone(current);
  const markedMeta = marked.metadata!;
  if (finalizers.length > 0) markedMeta.finalizers = finalizers;
  if (meta.deletionTimestamp) {
    const existing = meta.deletionGracePeriodSeconds as number | undefined;
    if (existing === undefined || existing === 0) {
      if (finalizers.length > 0)
        return sameJson(marked, current) ? { kind: 'pending' } : { kind: 'mark', marked };
      return { kind: 'now' };
    }
    if (requested === undefined || requested >= existing) {
      return sameJson(marked, current) ? { kind: 'pending' } : { kind: 'mark', marked };
    }
    // Only a shorter grace period may be asked for: the deadline moves closer by the difference.
    const deadline = Date.parse(String(meta.deletionTimestamp)) - (existing - requested) * 1000;
    markedMeta.deletionTimestamp = rfc3339(deadline);
    markedMeta.deletionGracePeriodSeconds = requested;
    return { kind: 'mark', marked };
  }
  let grace = 0;
  if (isPods(info)) {
    const spec = (current.spec ?? {}) as Record<string, unknown>;
    const phase = (current.status as Record<string, unknown> | undefined)?.phase;
    grace = requested ?? (spec.terminationGracePeriodSeconds as number | undefined) ?? 30;
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
  }
  if (grace === 0 && finalizers.length === 0) return { kind: 'now' };
  markedMeta.deletionTimestamp = rfc3339(nowMs + grace * 1000);
  markedMeta.deletionGracePeriodSeconds = grace;
  if (typeof meta.generation === 'number' && meta.generation > 0) markedMeta.generation = meta.generation + 1;
  return { kind: 'mark', marked };
}

function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function refusalError(r: EvictionRefusal): ApiError {
  return new ApiError(r.code, r.reason, r.message, r.details);
}

function pathNotFoundFor(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

const builtinGroups = new Set([
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'apiextensions.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'node.k8s.io',
  'admissionregistration.k8s.io',
  'certificates.k8s.io',
  'flowcontrol.apiserver.k8s.io',
]);

/** Strategic merge patch needs Go struct tags: custom resources accept only JSON and merge patches. */
function isBuiltinGroup(group: string): boolean {
  return builtinGroups.has(group);
}

/** The registry's validators check ObjectMeta too: an error both report is reported once. */
function uniqueErrors(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.message) && seen.add(e.message) !== undefined);
}

/** The Status of a patch the patch libraries refuse, with the codes upstream's patch handler gives. */
function patchStatus(err: PatchError): ApiError {
  if (err.kind === 'BadRequest') return badRequest(err.message);
  // A plain Go error reaches the client as a 500 with no reason (apierrors.ErrorToAPIStatus).
  if (err.kind === 'Internal') return new ApiError(500, '', err.message);
  // apierrors.NewGenericServerResponse(422, ...): a fixed message; the library's text is lost.
  return new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
}

/** Go's %+v of a decoded JSON value (map[string]interface{}, []interface{}, float64...). */
function goPrint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goPrint).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${k}:${goPrint((value as Record<string, unknown>)[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  if (typeof value === 'number') {
    const abs = Math.abs(value);
    if (abs !== 0 && (abs < 1e-4 || abs >= 1e21))
      return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
    return String(value);
  }
  return String(value);
}
