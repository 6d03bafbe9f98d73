/**
 * `kubectl auth can-i` (a SelfSubjectAccessReview, or with `--list` a SelfSubjectRulesReview
 * printed as kubectl's rbac helpers break down, compact and sort the rules) and `kubectl auth
 * whoami` (a SelfSubjectReview), with kubectl's warnings, usage errors and exit codes.
 */
import { type ApiResource, ApiStatusError } from '../../kube/client/index.ts';
import { alignTabs, parseOutputFormat, typedJsonText } from '../../kube/printers/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { printFlags, printGeneric } from './get.ts';
import { KubectlError, runCommand, type Session } from './session.ts';

type Obj = Record<string, any>;

const authHelp = `Inspect authorization.

Available Commands:
  can-i         Check whether an action is allowed
  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects
  whoami        Experimental: Check self subject attributes

Usage:
  kubectl auth [flags] [options]

Use "kubectl auth <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).`;

const resourceVerbs = new Set([
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'use',
  'bind',
  'impersonate',
  '*',
  'approve',
  'sign',
  'escalate',
  'attest',
]);
const nonResourceVerbs = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
/** Resources the server knows for the impersonate verb that discovery does not list. */
const nonStandardResources = new Set(['users', 'groups']);

/** kubectl's WarningPrinter: `Warning: ` and the message (which may end in its own newline). */
const warn = (message: string) => process.stderr.write(`Warning: ${message}\n`);

interface Gvr {
  group: string;
  version: string;
  resource: string;
}

/** CanIOptions.resourceFor: the argument resolved through discovery, or kept as typed (with a warning). */
async function resourceFor(session: Session, arg: string): Promise<{ gvr: Gvr; mapped?: ApiResource }> {
  if (arg === '*') return { gvr: { group: '', version: '', resource: '*' } };
  const lower = arg.toLowerCase();
  try {
    const r = await session.discovery.mappingFor(lower);
    return { gvr: { group: r.group, version: r.version, resource: r.resource }, mapped: r };
  } catch {
    const dot = lower.indexOf('.');
    const group = dot >= 0 ? lower.slice(dot + 1) : '';
    const resource = dot >= 0 ? lower.slice(0, dot) : lower;
    const groupResource = group ? `${resource}.${group}` : resource;
    if (!nonStandardResources.has(groupResource))
      warn(
        group
          ? `the server doesn't have a resource type '${resource}' in group '${group}'\n`
          : `the server doesn't have a resource type '${resource}'\n`,
      );
    return { gvr: { group: '', version: '', resource: arg } };
  }
}

/** A policy rule as rbacv1.PolicyRule holds it. */
interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

const rule = (r: Partial<Rule>): Rule => ({
  verbs: r.verbs ?? [],
  apiGroups: r.apiGroups ?? [],
  resources: r.resources ?? [],
  resourceNames: r.resourceNames ?? [],
  nonResourceURLs: r.nonResourceURLs ?? [],
});

/** rbac.BreakdownRule: one rule per group, resource, verb (and name); URLs per verb. */
function breakdown(r: Rule): Rule[] {
  const out: Rule[] = [];
  for (const group of r.apiGroups)
    for (const resource of r.resources)
      for (const verb of r.verbs) {
        if (r.resourceNames.length > 0)
          for (const name of r.resourceNames)
            out.push(
              rule({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] }),
            );
        else out.push(rule({ apiGroups: [group], resources: [resource], verbs: [verb] }));
      }
  for (const url of r.nonResourceURLs)
    for (const verb of r.verbs) out.push(rule({ nonResourceURLs: [url], verbs: [verb] }));
  return out;
}

/** rbac.CompactRules: single group/resource(/name) rules merged, their verbs appended in order. */
function compact(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    const isSimple =
      r.resourceNames.length <= 1 &&
      r.nonResourceURLs.length === 0 &&
      r.apiGroups.length === 1 &&
      r.resources.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([
      r.apiGroups[0],
      r.resources[0],
      r.resourceNames.length > 0,
      r.resourceNames[0] ?? '',
    ]);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...r.verbs];
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...out, ...simple.values()];
}

/** Go's `%v` of a []string. */
const goList = (list: string[]) => `[${list.join(' ')}]`;

/** PolicyRule.String(), the key kubectl sorts the rules by. */
const ruleString = (r: Rule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** describe.CombineResourceGroup: `deployments.apps`, `pods/log`, `*.*`. */
function combineResourceGroup(resources: string[], groups: string[]): string {
  if (resources.length === 0) return '';
  const [resource, sub] = resources[0].split(/\/(.*)/s);
  let out = resource;
  if (groups.length > 0 && groups[0] !== '') out += `.${groups[0]}`;
  if (sub !== undefined) out += `/${sub}`;
  return out;
}

const byteCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function rulesTable(status: Obj, noHeaders: boolean): string {
  if (status.incomplete) warn(`the list may be incomplete: ${status.evaluationError ?? ''}`);
  const rules: Rule[] = [
    ...(status.resourceRules ?? []).map((r: Obj) =>
      rule({
        verbs: r.verbs,
        apiGroups: r.apiGroups,
        resources: r.resources,
        resourceNames: r.resourceNames,
      }),
    ),
    ...(status.nonResourceRules ?? []).map((r: Obj) =>
      rule({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs }),
    ),
  ];
  const sorted = compact(rules.flatMap(breakdown))
    .map((r) => ({ r, key: ruleString(r) }))
    .sort((a, b) => byteCompare(a.key, b.key))
    .map(({ r }) => r);
  const lines = noHeaders ? [] : ['Resources\tNon-Resource URLs\tResource Names\tVerbs'];
  for (const r of sorted)
    lines.push(
      `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}`,
    );
  return lines.length > 0 ? alignTabs(`${lines.join('\n')}\n`) : '';
}

const canIFlags: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'subresource', type: 'string' },
  { name: 'list', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
];

function runCanI(argv: string[]): Promise<void> {
  return runCommand('auth can-i', argv, canIFlags, async (flags, session) => {
    const args = flags.args;
    const list = flags.bool('list');
    const quiet = flags.bool('quiet');
    const allNamespaces = flags.bool('all-namespaces');
    const subresource = flags.str('subresource');
    let verb = '';
    let url = '';
    let gvr: Gvr = { group: '', version: '', resource: '' };
    let mapped: ApiResource | undefined;
    let name = '';
    if (list) {
      if (args.length !== 0) throw new KubectlError('error: list option must be specified with no arguments');
    } else {
      if (args.length !== 2)
        throw new KubectlError(
          "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.",
        );
      verb = args[0];
      if (args[1].startsWith('/')) url = args[1];
      else {
        const slash = args[1].indexOf('/');
        const type = slash >= 0 ? args[1].slice(0, slash) : args[1];
        if (slash >= 0) name = args[1].slice(slash + 1);
        ({ gvr, mapped } = await resourceFor(session(), type));
      }
    }
    const s = session();
    const namespace = allNamespaces ? '' : s.namespace;

    // CanIOptions.Validate
    if (list) {
      if (quiet || allNamespaces || subresource)
        throw new KubectlError(
          "error: list option can't be specified with neither quiet, all-namespaces nor subresource options",
        );
    } else if (url) {
      if (subresource) throw new KubectlError('error: --subresource can not be used with NonResourceURL');
      if (!nonResourceVerbs.has(verb)) warn(`verb '${verb}' is not a known verb\n`);
    } else if (gvr.resource && !allNamespaces) {
      if (mapped && gvr.resource !== '*' && !mapped.namespaced)
        warn(
          gvr.group
            ? `resource '${gvr.resource}' is not namespace scoped in group '${gvr.group}'\n`
            : `resource '${gvr.resource}' is not namespace scoped\n`,
        );
      if (!resourceVerbs.has(verb)) warn(`verb '${verb}' is not a known verb\n`);
    }
    if (!list && flags.bool('no-headers'))
      throw new KubectlError('error: --no-headers cannot be set without --list specified');

    if (list) {
      const review = await s.rest.json('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
        body: { kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', spec: { namespace } },
      });
      process.stdout.write(rulesTable(review.status ?? {}, flags.bool('no-headers')));
      return 0;
    }
    const spec = url
      ? { nonResourceAttributes: { path: url, verb } }
      : {
          resourceAttributes: {
            namespace,
            verb,
            group: gvr.group,
            version: gvr.version,
            resource: gvr.resource,
            subresource,
            name,
          },
        };
    const review = await s.rest.json('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      body: { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec },
    });
    const status = review.status ?? {};
    let line = status.allowed ? 'yes' : 'no';
    if (!status.allowed && status.reason) line += ` - ${status.reason}`;
    if (!status.allowed && status.evaluationError) line += ` - ${status.evaluationError}`;
    if (!quiet) process.stdout.write(`${line}\n`);
    return status.allowed ? 0 : 1;
  });
}

/** SelfSubjectReview as the typed client holds it: struct field order, empty fields left out. */
function typedReview(review: Obj): Obj {
  const user = review.status?.userInfo ?? {};
  const userInfo: Obj = {};
  if (user.username) userInfo.username = user.username;
  if (user.uid) userInfo.uid = user.uid;
  if (user.groups?.length) userInfo.groups = user.groups;
  if (user.extra && Object.keys(user.extra).length > 0) userInfo.extra = user.extra;
  return {
    kind: 'SelfSubjectReview',
    apiVersion: review.apiVersion ?? 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: review.metadata?.creationTimestamp ?? null, ...review.metadata },
    status: { userInfo },
  };
}

function whoamiTable(review: Obj): string {
  const user = review.status?.userInfo ?? {};
  const lines = ['ATTRIBUTE\tVALUE'];
  if (user.username) lines.push(`Username\t${user.username}`);
  if (user.uid) lines.push(`UID\t${user.uid}`);
  if (user.groups?.length) lines.push(`Groups\t${goList(user.groups)}`);
  for (const key of Object.keys(user.extra ?? {}).sort(byteCompare))
    lines.push(`Extra: ${key}\t${goList(user.extra[key])}`);
  return alignTabs(`${lines.join('\n')}\n`);
}

const whoamiFormats = [
  'go-template',
  'go-template-file',
  'json',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
  'kyaml',
  'name',
  'template',
  'templatefile',
  'yaml',
];

async function postReview(session: Session): Promise<Obj> {
  let lastError: unknown;
  for (const version of ['v1', 'v1beta1', 'v1alpha1']) {
    try {
      return await session.rest.json('POST', `/apis/authentication.k8s.io/${version}/selfsubjectreviews`, {
        body: { kind: 'SelfSubjectReview', apiVersion: `authentication.k8s.io/${version}`, metadata: {} },
      });
    } catch (e) {
      lastError = e;
      if (!(e instanceof ApiStatusError && e.status.code === 404)) break;
    }
  }
  if (lastError instanceof ApiStatusError && lastError.status.code === 403)
    throw new KubectlError(
      'error: the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it',
    );
  if (lastError instanceof ApiStatusError && lastError.status.code === 404)
    throw new KubectlError(
      'error: the selfsubjectreviews API is not enabled in the cluster\nenable APISelfSubjectReview feature gate and authentication.k8s.io/v1alpha1 or authentication.k8s.io/v1beta1 API',
    );
  throw lastError;
}

function runWhoami(argv: string[]): Promise<void> {
  return runCommand('auth whoami', argv, printFlags, async (flags: Flags, session) => {
    const output = flags.str('output');
    if (output) {
      try {
        parseOutputFormat(output, whoamiFormats);
      } catch (e) {
        throw new KubectlError(`error: ${(e as Error).message}`);
      }
    }
    const review = typedReview(await postReview(session()));
    if (!output) {
      process.stdout.write(whoamiTable(review));
      return 0;
    }
    const format = parseOutputFormat(output, whoamiFormats);
    if (format.kind === 'json') process.stdout.write(typedJsonText(review, undefined));
    else if (format.kind === 'name')
      process.stdout.write('selfsubjectreview.authentication.k8s.io/<unknown>\n');
    else process.stdout.write(printGeneric(flags, format, [review], true, []));
    return 0;
  });
}

export function runAuth(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'can-i') return runCanI(rest);
  if (sub === 'whoami') return runWhoami(rest);
  return runCommand('auth', argv, [], async (flags) => {
    if (flags.args[0] === 'reconcile')
      throw new KubectlError('error: bosun kubectl does not support "auth reconcile" yet', 2);
    if (flags.args.length > 0)
      throw new KubectlError(
        `error: unknown command "${flags.args.join(' ')}"\nSee 'kubectl auth -h' for help and examples`,
      );
    throw new KubectlError(authHelp);
  });
}
