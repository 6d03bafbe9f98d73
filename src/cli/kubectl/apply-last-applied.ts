/**
 * `kubectl apply view-last-applied | set-last-applied | edit-last-applied`: the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation read (as YAML, or as the
 * annotation's own JSON re-indented), set from a file (a merge patch of the annotation alone), or
 * edited in `$KUBE_EDITOR` and written back the same way. Any other `apply` goes to apply.ts.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiResource, groupResource, resourcePath } from '../../kube/client/index.ts';
import { jsonText, parseOutputFormat, yamlText } from '../../kube/printers/index.ts';
import { decodeYaml, encodeJson } from '../../template/index.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { printFlags } from './get.ts';
import { dryRunFlag, dryRunOf, printResult } from './objects.ts';
import { locate, readManifests, resolveResourceArgs, splitDocuments } from './resources.ts';
import { KubectlError, runCommand, type Session } from './session.ts';

type Obj = Record<string, any>;
type Runner = (argv: string[]) => Promise<void>;

const annotation = 'kubectl.kubernetes.io/last-applied-configuration';

const noResources = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

const fileFlags: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
];

interface Live {
  resource: ApiResource;
  object: Obj;
}

/** The live objects named by `-f`, by arguments, or by type with `-l`/`--all` (the builder's rules). */
async function liveObjects(session: Session, flags: Flags, selectable: boolean): Promise<Live[]> {
  const files = flags.list('filename');
  const out: Live[] = [];
  if (files.length > 0) {
    for (const m of readManifests(files, flags.bool('recursive'))) {
      const { resource, namespace, name } = await locate(session, m, true);
      out.push({
        resource,
        object: await session.rest.json('GET', resourcePath(resource, { namespace, name })),
      });
    }
    return out;
  }
  if (flags.args.length === 0) throw new KubectlError(noResources);
  const selector = selectable ? flags.str('selector') : '';
  const all = selectable && flags.bool('all');
  const resolved = await resolveResourceArgs(session, flags.args, { selector: Boolean(selector) || all });
  // with the namespace given, a bare type selects everything (ResourceTypeOrNameArgs(enforceNamespace))
  const everything = session.namespaceExplicit;
  if (all && (selector || (everything && resolved.targets.some((t) => t.name === undefined))))
    throw new KubectlError("error: setting 'all' parameter but found a non empty selector. ");
  for (const t of resolved.targets) {
    const namespace = t.resource.namespaced ? session.namespace : undefined;
    if (t.name !== undefined) {
      out.push({
        resource: t.resource,
        object: await session.rest.json('GET', resourcePath(t.resource, { namespace, name: t.name })),
      });
      continue;
    }
    if (!selector && !all && !everything)
      throw new KubectlError('error: resource(s) were provided, but no name was specified');
    const list = await session.rest.json('GET', resourcePath(t.resource, { namespace }), {
      query: { labelSelector: selector || undefined },
    });
    for (const item of list.items ?? []) out.push({ resource: t.resource, object: item });
  }
  return out;
}

/** json.Indent(src, "", "  "): the tokens as written, re-laid out; trailing whitespace kept. */
function indentJson(src: string): string {
  const body = src.replace(/^[ \t\r\n]+/, '');
  const trimmed = body.replace(/[ \t\r\n]+$/, '');
  const trailing = body.slice(trimmed.length);
  let out = '';
  let depth = 0;
  let i = 0;
  const newline = () => `\n${'  '.repeat(depth)}`;
  while (i < trimmed.length) {
    const c = trimmed[i];
    if (c === '"') {
      let j = i + 1;
      while (j < trimmed.length && trimmed[j] !== '"') j += trimmed[j] === '\\' ? 2 : 1;
      out += trimmed.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      // an empty object or array stays on one line
      let k = i + 1;
      while (k < trimmed.length && /\s/.test(trimmed[k])) k++;
      if (trimmed[k] === (c === '{' ? '}' : ']')) {
        out += c + trimmed[k];
        i = k + 1;
        continue;
      }
      depth++;
      out += c + newline();
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
    } else if (c === ',') out += `,${newline()}`;
    else if (c === ':') out += ': ';
    else out += c;
    i++;
  }
  return out + trailing;
}

const viewFlags: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string', default: 'yaml' },
  { name: 'all', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  ...fileFlags,
];

function runView(argv: string[]): Promise<void> {
  return runCommand('apply view-last-applied', argv, viewFlags, async (flags, sessionOf) => {
    // objects without the annotation are passed over (kubectl's AddSourceToErr of a nil error)
    const configs = (await liveObjects(sessionOf(), flags, true))
      .map((l) => l.object.metadata?.annotations?.[annotation] as string | undefined)
      .filter((c): c is string => c !== undefined);
    const output = flags.str('output');
    for (const config of configs) {
      if (output === 'json') process.stdout.write(indentJson(config));
      else if (output === 'yaml') process.stdout.write(yamlText(decodeYaml(config)));
      else
        throw new KubectlError(
          `error: Unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples`,
        );
    }
    return 0;
  });
}

/** GetApplyPatch: the object's own JSON (the new annotation) and the merge patch that sets it. */
function applyPatch(obj: Obj): { config: string; patch: Obj } {
  const config = `${encodeJson(obj)}\n`;
  return { config, patch: { metadata: { annotations: { [annotation]: config } } } };
}

/** StripComments' view of an annotation: the JSON document canonicalised, else the raw text. */
function canonical(text: string | undefined): string {
  if (text === undefined) return 'null';
  try {
    return encodeJson(decodeYaml(text) ?? null);
  } catch {
    return text;
  }
}

const setFlags: FlagSpec[] = [
  ...printFlags,
  dryRunFlag,
  { name: 'create-annotation', type: 'bool' },
  { name: 'filename', short: 'f', type: 'stringArray' },
];

function runSet(argv: string[]): Promise<void> {
  return runCommand('apply set-last-applied', argv, setFlags, async (flags, sessionOf) => {
    const dryRun = dryRunOf(flags);
    const output = flags.str('output');
    if (output) parseOutputFormat(output);
    const files = flags.list('filename');
    if (files.length === 0) throw new KubectlError(noResources);
    const session = sessionOf();
    const pending: { resource: ApiResource; name: string; live: Obj; patch: Obj }[] = [];
    for (const m of readManifests(files, false)) {
      const { resource, namespace, name } = await locate(session, m, true);
      const obj = resource.namespaced
        ? { ...m.object, metadata: { ...m.object.metadata, namespace } }
        : m.object;
      const { config, patch } = applyPatch(obj);
      const live = await session.rest.json('GET', resourcePath(resource, { namespace, name }));
      const current = live.metadata?.annotations?.[annotation] as string | undefined;
      if (current === undefined && !flags.bool('create-annotation'))
        throw new KubectlError(
          `error: no last-applied-configuration annotation found on resource: ${name}, to create the annotation, run the command with --create-annotation`,
        );
      if (canonical(current) === canonical(config))
        process.stdout.write(`set-last-applied ${name}: no changes required.\n`);
      else pending.push({ resource, name, live, patch });
    }
    for (const p of pending) {
      let result = p.live;
      if (dryRun !== 'client')
        result = await session.rest.json(
          'PATCH',
          resourcePath(p.resource, {
            namespace: p.resource.namespaced ? session.namespace : undefined,
            name: p.name,
          }),
          {
            body: JSON.stringify(p.patch),
            contentType: 'application/merge-patch+json',
            query: { dryRun: dryRun === 'server' ? 'All' : undefined },
          },
        );
      printResult(flags, p.resource, result, 'configured', dryRun);
    }
    return 0;
  });
}

const editHeader = `# Please edit the 'last-applied-configuration' annotations below.
# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.
#
`;

const editFlags: FlagSpec[] = [
  ...printFlags,
  ...fileFlags,
  { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'windows-line-endings', type: 'bool' },
];

/** The file without comment lines (`#!` lines stay), as kubectl's ManualStrip. */
function withoutComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trim().startsWith('#') || l.trim().startsWith('#!'))
    .join('\n');
}

/** What counts as a change: the document as JSON when it parses, else the text without comments. */
function comparable(text: string): string {
  try {
    return JSON.stringify(decodeYaml(text) ?? null);
  } catch {
    return withoutComments(text);
  }
}

/** edit.LaunchTempFile: `$KUBE_EDITOR`/`$EDITOR` (else vi) on a new temp file. */
function launchEditor(text: string, ext: string): { edited: string; file: string } {
  const file = join(tmpdir(), `kubectl-edit-${randomInt(1, 2 ** 31)}${ext}`);
  writeFileSync(file, text);
  const editor = process.env.KUBE_EDITOR || process.env.EDITOR || 'vi';
  let command: string[];
  if (!editor.includes(' ')) command = [editor, file];
  else if (!/["'\\]/.test(editor)) command = [...editor.split(' '), file];
  else command = [process.env.SHELL || '/bin/bash', '-c', `${editor} ${file}`];
  const run = spawnSync(command[0], command.slice(1), { stdio: 'inherit' });
  if (run.error || run.status !== 0)
    throw new KubectlError(
      `error: there was a problem with the editor "${editor}"${run.error ? `: ${run.error.message}` : ''}`,
    );
  return { edited: readFileSync(file, 'utf8'), file };
}

function parseEdited(text: string, json: boolean): Obj[] {
  const values: unknown[] = json ? [JSON.parse(text)] : splitDocuments(text).map((d) => decodeYaml(d));
  const out: Obj[] = [];
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) throw new Error('invalid object to validate');
    const obj = v as Obj;
    if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items))
      out.push(...obj.items);
    else out.push(obj);
  }
  if (out.length === 0) throw new Error('invalid object to validate');
  return out;
}

function runEditLastApplied(argv: string[]): Promise<void> {
  return runCommand('apply edit-last-applied', argv, editFlags, async (flags, sessionOf) => {
    const output = flags.str('output');
    if (output) parseOutputFormat(output, ['json', 'kyaml', 'yaml']);
    const json = output !== '' && parseOutputFormat(output).kind === 'json';
    const session = sessionOf();
    const originals = (await liveObjects(session, flags, false)).filter(
      (l) => l.object.metadata?.annotations?.[annotation] !== undefined,
    );
    if (originals.length === 0)
      throw new KubectlError(
        'error: no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`',
      );
    const shown = originals.map((o) => decodeYaml(o.object.metadata.annotations[annotation]) as Obj);
    const data =
      shown.length === 1 ? shown[0] : { apiVersion: 'v1', items: shown, kind: 'List', metadata: {} };
    const printed = json ? jsonText(data) : yamlText(data);
    const crlf = (s: string) => (flags.bool('windows-line-endings') ? s.replace(/\r?\n/g, '\r\n') : s);
    const first = originals[0];
    const firstRef = `${groupResource(first.resource)} "${first.object.metadata?.name}"`;

    let reason = '';
    let containsError = false;
    let edited = '';
    let previousFile = '';
    for (;;) {
      const top = json ? '' : editHeader + reason;
      const before = edited;
      const launched = launchEditor(
        crlf(containsError ? top + withoutComments(edited) : top + printed),
        json ? '.json' : '.yaml',
      );
      edited = launched.edited.replace(/\r\n/g, '\n');
      const file = launched.file;
      const keep = (message: string) =>
        new KubectlError(`A copy of your changes has been stored to "${file}"\n${message}`);
      if (containsError && comparable(before) === comparable(edited))
        throw keep('error: Edit cancelled, no valid changes were saved.');
      if (previousFile) rmSync(previousFile, { force: true });
      previousFile = file;

      let objects: Obj[];
      try {
        objects = parseEdited(withoutComments(edited), json);
      } catch (e) {
        containsError = true;
        reason = `# ${firstRef} was not valid:\n# * <nil>: Invalid value: "The edited file failed validation": ${(e as Error).message}\n#\n`;
        process.stderr.write(`error: ${firstRef} is invalid\n`);
        continue;
      }
      if (comparable(printed) === comparable(edited)) {
        rmSync(file, { force: true });
        process.stderr.write('Edit cancelled, no changes made.\n');
        return 0;
      }
      for (const obj of objects) {
        const resource = await session.discovery.forKind(obj.apiVersion, obj.kind);
        const name = obj.metadata?.name ?? '';
        const before = shown.find((o) => o.kind === obj.kind && o.metadata?.name === name);
        if (before && encodeJson(before) === encodeJson(obj)) {
          printResult(flags, resource, obj, 'skipped', 'none');
          continue;
        }
        try {
          await session.rest.json(
            'PATCH',
            resourcePath(resource, { namespace: resource.namespaced ? session.namespace : undefined, name }),
            {
              body: JSON.stringify(applyPatch(obj).patch),
              contentType: 'application/merge-patch+json',
              query: { fieldManager: flags.str('field-manager') },
            },
          );
        } catch (e) {
          throw keep((await import('./session.ts')).errorText(e));
        }
        printResult(flags, resource, obj, 'edited', 'none');
      }
      rmSync(file, { force: true });
      return 0;
    }
  });
}

/** `apply` with its last-applied subcommands in front of the rest of apply. */
export function withLastAppliedCommands(runApply: Runner): Runner {
  return (argv) => {
    const [sub, ...rest] = argv;
    if (sub === 'view-last-applied') return runView(rest);
    if (sub === 'set-last-applied') return runSet(rest);
    if (sub === 'edit-last-applied') return runEditLastApplied(rest);
    return runApply(argv);
  };
}
