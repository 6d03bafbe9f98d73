/**
 * `kubectl diff -f`: the live object against the object as the server would store it after an
 * apply (a server dry run of client-side apply's three-way patch, of a create, or of a
 * server-side apply), both written as YAML into `LIVE-*` and `MERGED-*` temp dirs under
 * kubectl's file names and compared by `diff -u -N` or $KUBECTL_EXTERNAL_DIFF.
 * Exit codes as kubectl's: 0 no differences, 1 differences, 2 (or the diff program's >1) errors.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { type ApiResource, ApiStatusError, RestClient, resourcePath } from '../../kube/client/index.ts';
import { createThreeWayJSONMergePatch, createThreeWayMergePatch, type JSONObject } from '../../kube/index.ts';
import { yamlText } from '../../kube/printers/index.ts';
import { filterBySelector, lastAppliedAnnotation, strategicPatchSchema, warnIfDeleting } from './apply.ts';
import { FlagError, type FlagSpec, type Flags, parseFlags } from './flags.ts';
import { locate, type Manifest, readManifests } from './resources.ts';
import { errorText, KubectlError, runCommand, type Session } from './session.ts';

type Obj = Record<string, any>;

const diffSpecs: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'server-side', type: 'bool' },
  { name: 'force-conflicts', type: 'bool' },
  { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'prune', type: 'bool' },
  { name: 'prune-allowlist', type: 'stringArray' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'concurrency', type: 'int', default: 1 },
];

/** How kubectl diff reports a usage mistake (cmdutil.UsageErrorf through CheckDiffErr). */
function usageError(message: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee 'kubectl diff -h' for help and examples`, 2);
}

// The masks kubectl puts over a Secret's data (diff.go's Masker).
const maskDefault = '***';
const maskBefore = '*** (before)';
const maskAfter = '*** (after)';

/**
 * Masks `data` of a Secret on both sides: equal values become `***` on both, changed ones
 * `*** (before)` / `*** (after)`, values on one side only `***`. A missing side stays missing
 * but is printed as `null` (upstream turns it into a typed nil pointer, which YAML-encodes so).
 */
export function maskSecretData(live: Obj | undefined, merged: Obj): { live: Obj | null; merged: Obj } {
  const dataOf = (o: Obj | undefined): Obj | undefined => {
    const d = o?.data;
    return d !== null && typeof d === 'object' && !Array.isArray(d) ? { ...d } : undefined;
  };
  const from = dataOf(live);
  const to = dataOf(merged);
  for (const k of Object.keys(from ?? {})) {
    if (to && k in to) {
      if (from![k] !== to[k]) {
        from![k] = maskBefore;
        to[k] = maskAfter;
        continue;
      }
      to[k] = maskDefault;
    }
    from![k] = maskDefault;
  }
  for (const k of Object.keys(to ?? {})) if (!from || !(k in from)) to![k] = maskDefault;
  return {
    live: live ? (from ? { ...live, data: from } : live) : null,
    merged: to ? { ...merged, data: to } : merged,
  };
}

/** `apps.v1.Deployment.ns.name`, `v1.Namespace..name`: the file kubectl writes an object to. */
export function diffFileName(resource: ApiResource, namespace: string | undefined, name: string): string {
  const group = resource.group ? `${resource.group}.` : '';
  return `${group}${resource.version}.${resource.kind}.${namespace ?? ''}.${name}`;
}

function withoutManagedFields(obj: Obj | undefined): Obj | undefined {
  if (!obj?.metadata || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** A temp dir named as Go's os.MkdirTemp names it: the prefix, a dash, a random uint32. */
function makeTempDir(prefix: string): string {
  for (;;) {
    const dir = join(tmpdir(), `${prefix}-${randomInt(0, 2 ** 32)}`);
    try {
      mkdirSync(dir, { mode: 0o700 });
      return dir;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/**
 * The diff program and its arguments: $KUBECTL_EXTERNAL_DIFF split on single spaces, keeping only
 * arguments made of letters, digits, `-` and `=` (the rest are dropped silently), else `diff -u -N`.
 */
export function diffCommand(env: string | undefined, from: string, to: string): [string, string[]] {
  if (!env) return ['diff', ['-u', '-N', from, to]];
  const [program, ...rest] = env.split(' ');
  return [program, [from, to, ...rest.filter((a) => /^[a-zA-Z0-9=-]+$/.test(a))]];
}

/** Runs the diff program with our stdout/stderr; its exit code, or kubectl's error for a failed start. */
function runDiffProgram(from: string, to: string): Promise<number> {
  const [program, args] = diffCommand(process.env.KUBECTL_EXTERNAL_DIFF, from, to);
  return new Promise((done, fail) => {
    const child = spawn(program, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (e: NodeJS.ErrnoException) => {
      // k8s.io/utils/exec looks the program up first (a path too) and reports only that it is missing
      const reason =
        e.code === 'ENOENT'
          ? 'executable file not found in $PATH'
          : e.code === 'EACCES'
            ? `fork/exec ${program}: permission denied`
            : e.message;
      fail(new KubectlError(`error: failed to run "${program}": ${reason}`, 2));
    });
    child.on('exit', (code, signal) => {
      if (signal)
        fail(new KubectlError(`error: failed to run "${program}": signal: ${signalName(signal)}`, 2));
      else if (code !== null && code > 1)
        fail(new KubectlError(`error: failed to run "${program}": exit status ${code}`, 2));
      else done(code ?? 0);
    });
  });
}

/** Go's names for the signals a diff program may die of. */
function signalName(signal: NodeJS.Signals): string {
  const names: Partial<Record<NodeJS.Signals, string>> = {
    SIGKILL: 'killed',
    SIGTERM: 'terminated',
    SIGINT: 'interrupt',
    SIGSEGV: 'segmentation fault',
    SIGPIPE: 'broken pipe',
    SIGABRT: 'aborted',
  };
  return names[signal] ?? signal;
}

interface DiffOptions {
  serverSide: boolean;
  forceConflicts: boolean;
  fieldManager: string;
}

/** kubectl's resource.Helper patch/create with dryRun=All; API errors become ApiStatusError. */
async function dryRunRequest(
  session: Session,
  method: 'POST' | 'PATCH',
  path: string,
  body: string,
  contentType: string,
  query: Record<string, string | undefined>,
): Promise<Obj> {
  const reply = await session.rest.request(method, path, {
    body,
    contentType,
    query: { dryRun: 'All', ...query },
  });
  session.warn(RestClient.warnings(reply));
  if (reply.status > 299) throw new ApiStatusError(JSON.parse(reply.text));
  return JSON.parse(reply.text);
}

const maxDiffAttempts = 4;

/** A klog warning line as kubectl writes it (`W1125 12:04:02.614344   24183 diff.go:721] ...`). */
function klogWarning(message: string): void {
  const now = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  const micros = String(now.getMilliseconds() * 1000).padStart(6, '0');
  const stamp = `${two(now.getMonth() + 1)}${two(now.getDate())} ${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}.${micros}`;
  process.stderr.write(`W${stamp} ${String(process.pid).padStart(7)} diff.go:721] ${message}\n`);
}

/**
 * The object as it would be after client-side apply (apply's Patcher with a dry run): the
 * three-way patch from the last-applied annotation, the manifest (without the annotation) and
 * the live object, pinned to the live resourceVersion unless `unlocked` (a conflict is retried
 * by the caller with the object read again). An empty patch means the live object.
 */
async function mergedByPatch(
  session: Session,
  path: string,
  local: Obj,
  live: Obj,
  source: string,
  fieldManager: string,
  unlocked: boolean,
): Promise<Obj> {
  const annotations = { ...(local.metadata?.annotations ?? {}) };
  delete annotations[lastAppliedAnnotation];
  const modified = { ...local, metadata: { ...local.metadata, annotations } } as JSONObject;
  const schema = await strategicPatchSchema(session, local.apiVersion, local.kind);
  const recorded: string | undefined = live.metadata?.annotations?.[lastAppliedAnnotation];
  const original = recorded ? (JSON.parse(recorded) as JSONObject) : undefined;
  const patch: Obj = schema
    ? createThreeWayMergePatch(original ?? {}, modified, live as JSONObject, schema, true)
    : createThreeWayJSONMergePatch(original, modified, live as JSONObject);
  if (Object.keys(patch).length === 0) return live;
  if (!unlocked)
    patch.metadata = { ...(patch.metadata ?? {}), resourceVersion: live.metadata?.resourceVersion };
  try {
    return await dryRunRequest(
      session,
      'PATCH',
      path,
      JSON.stringify(patch),
      schema ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json',
      { fieldManager },
    );
  } catch (e) {
    if (e instanceof ApiStatusError)
      e.status.message = `error when patching "${source}": ${e.status.message}`;
    throw e;
  }
}

/** The would-be object: a dry-run server-side apply, create, or client-side apply patch. */
async function mergedObject(
  session: Session,
  resource: ApiResource,
  m: Manifest,
  local: Obj,
  live: Obj | undefined,
  namespace: string | undefined,
  name: string,
  o: DiffOptions,
  unlocked: boolean,
): Promise<Obj> {
  const path = resourcePath(resource, { namespace, name });
  if (o.serverSide)
    return dryRunRequest(session, 'PATCH', path, JSON.stringify(local), 'application/apply-patch+yaml', {
      fieldManager: o.fieldManager,
      force: o.forceConflicts ? 'true' : 'false',
    });
  if (!live)
    return dryRunRequest(
      session,
      'POST',
      resourcePath(resource, { namespace }),
      JSON.stringify(local),
      'application/json',
      { fieldManager: o.fieldManager },
    );
  return mergedByPatch(session, path, local, live, m.source, o.fieldManager, unlocked);
}

export function runDiff(argv: string[]): Promise<void> {
  // A flag mistake is exit 2 with the usage hint (diff's SetFlagErrorFunc), not pflag's exit 1.
  try {
    parseFlags(argv, diffSpecs);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    process.stderr.write(`${usageError(e.message).message}\n`);
    return Promise.reject(new CommanderError(2, 'kubectl.flags', e.message));
  }
  return runCommand('diff', argv, diffSpecs, async (flags, sessionOf) => {
    try {
      return await diff(flags, sessionOf);
    } catch (e) {
      // every failure of kubectl diff exits 2: 1 means "differences found"
      if (e instanceof KubectlError && e.exitCode === 2) throw e;
      throw new KubectlError(errorText(e), 2);
    }
  });
}

async function diff(flags: Flags, sessionOf: () => Session): Promise<number> {
  if (flags.args.length > 0) throw usageError(`Unexpected args: [${flags.args.join(' ')}]`);
  const files = flags.list('filename');
  const kustomize = flags.str('kustomize');
  if (files.length === 0 && !kustomize) throw new KubectlError('error: must specify one of -f and -k', 2);
  const serverSide = flags.bool('server-side');
  const o: DiffOptions = {
    serverSide,
    forceConflicts: flags.bool('force-conflicts'),
    fieldManager: flags.changed('field-manager')
      ? flags.str('field-manager')
      : serverSide
        ? 'kubectl'
        : 'kubectl-client-side-apply',
  };
  if (o.forceConflicts && !serverSide)
    throw new KubectlError('error: --force-conflicts only works with --server-side', 2);
  if (kustomize) throw new KubectlError('error: -k (kustomize) is not supported by bosun yet', 2);
  if (flags.bool('prune')) throw new KubectlError('error: diff --prune is not supported by bosun yet', 2);
  const session = sessionOf();
  const manifests = filterBySelector(
    readDiffManifests(files, flags.bool('recursive')),
    flags.str('selector'),
  );

  const liveDir = makeTempDir('LIVE');
  let mergedDir: string | undefined;
  try {
    mergedDir = makeTempDir('MERGED');
    for (const m of manifests) {
      const { resource, namespace, name } = await locate(session, m, true);
      const local = resource.namespaced
        ? { ...m.object, metadata: { ...m.object.metadata, namespace } }
        : m.object;
      const path = resourcePath(resource, { namespace, name });
      let live: Obj | undefined;
      let merged: Obj;
      // a conflict means the object changed meanwhile: read it again, the last time without the lock
      for (let attempt = 1; ; attempt++) {
        live = undefined;
        try {
          live = await session.rest.json('GET', path);
        } catch (e) {
          if (!(e instanceof ApiStatusError && e.code === 404)) throw e;
        }
        const force = attempt === maxDiffAttempts;
        if (force)
          klogWarning(
            `Object (${resource.group}/${resource.version}, Kind=${resource.kind}: ${name}) keeps changing, diffing without lock`,
          );
        try {
          merged = await mergedObject(session, resource, m, local, live, namespace, name, o, force);
          break;
        } catch (e) {
          if (force || !(e instanceof ApiStatusError && e.status.reason === 'Conflict')) throw e;
        }
      }
      let shownLive: Obj | null | undefined = live;
      if (!flags.bool('show-managed-fields')) {
        shownLive = withoutManagedFields(live);
        merged = withoutManagedFields(merged)!;
      }
      // upstream checks the version and kind only, not the group
      if (String(merged.apiVersion).split('/').pop() === 'v1' && merged.kind === 'Secret') {
        const masked = maskSecretData(shownLive ?? undefined, merged);
        shownLive = masked.live;
        merged = masked.merged;
      }
      const file = diffFileName(resource, namespace, name);
      // an absent live object leaves an empty file (a Secret's prints `null`, as upstream)
      writeFileSync(join(liveDir, file), shownLive === undefined ? '' : yamlText(shownLive), { mode: 0o700 });
      writeFileSync(join(mergedDir, file), yamlText(merged), { mode: 0o700 });
      if (live) warnIfDeleting(live);
    }
    return await runDiffProgram(liveDir, mergedDir);
  } finally {
    rmSync(liveDir, { recursive: true, force: true });
    if (mergedDir) rmSync(mergedDir, { recursive: true, force: true });
  }
}

/** readManifests, except that input without objects is nothing to diff rather than an error. */
function readDiffManifests(files: string[], recursive: boolean): Manifest[] {
  try {
    return readManifests(files, recursive);
  } catch (e) {
    if (e instanceof KubectlError && e.message === 'error: no objects passed to apply') return [];
    throw e;
  }
}
