/**
 * `kubectl edit`: the objects as YAML (or JSON) in a temp file, `$KUBE_EDITOR`/`$EDITOR` (else
 * `vi`) on it, and kubectl's edit loop: no change cancels, a file that does not parse or that
 * the server rejects is reopened with the reasons in its header, a reopened file left as it was
 * ends the edit with "no valid changes were saved", and each changed object gets a strategic
 * merge patch (a JSON merge patch for kinds without type facts).
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiResource, ApiStatusError, groupResource, resourcePath } from '../../kube/client/index.ts';
import {
  createMergePatch,
  createTwoWayMergePatch,
  deepEqualJSON,
  type JSONObject,
} from '../../kube/index.ts';
import { jsonText, parseOutputFormat, yamlText } from '../../kube/printers/index.ts';
import { decodeYaml } from '../../template/index.ts';
import { fieldValidation } from './create.ts';
import type { FlagSpec } from './flags.ts';
import { printFlags, stripManagedFields } from './get.ts';
import { printResult } from './objects.ts';
import { readManifests, resolveResourceArgs, splitDocuments } from './resources.ts';
import { KubectlError, runCommand, type Session } from './session.ts';

const editSpecs: FlagSpec[] = [
  ...printFlags,
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'output-patch', type: 'bool' },
  { name: 'windows-line-endings', type: 'bool' },
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict' },
  { name: 'field-manager', type: 'string', default: 'kubectl-edit' },
  { name: 'subresource', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
];

const header = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

interface Reason {
  head: string;
  other: string[];
}

/** The reasons a reopened file shows under the header (editHeader.writeTo). */
function reasonLines(reasons: Reason[]): string {
  const hashed = (s: string) => s.replaceAll('\n', '\n# ');
  let out = '';
  for (const r of reasons) {
    out += r.other.length > 0 ? `# ${hashed(r.head)}:\n` : `# ${hashed(r.head)}\n`;
    for (const o of r.other) out += `# * ${hashed(o)}\n`;
    out += '#\n';
  }
  return out;
}

/** The file without its comment lines (`#!` lines stay), as kubectl reopens it (ManualStrip). */
function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((l) => {
      const t = l.trim();
      return !t.startsWith('#') || t.startsWith('#!');
    })
    .join('\n');
}

/**
 * What kubectl compares to tell whether anything changed (StripComments): the document as JSON
 * when it parses, so formatting and comments do not count, else the text without comments.
 */
function comparable(text: string): string {
  try {
    return JSON.stringify(decodeYaml(text) ?? null);
  } catch {
    return manualStrip(text);
  }
}

interface Editable {
  resource: ApiResource;
  object: Record<string, any>;
}

async function objectsToEdit(session: Session, flags: import('./flags.ts').Flags): Promise<Editable[]> {
  const out: Editable[] = [];
  const files = flags.list('filename');
  if (files.length > 0) {
    for (const m of readManifests(files, flags.bool('recursive'))) {
      const resource = await session.discovery.forKind(m.object.apiVersion, m.object.kind);
      const namespace = resource.namespaced ? (m.object.metadata?.namespace ?? session.namespace) : undefined;
      const object = await session.rest.json(
        'GET',
        resourcePath(resource, { namespace, name: m.object.metadata?.name }),
      );
      out.push({ resource, object });
    }
    return out;
  }
  const resolved = await resolveResourceArgs(session, flags.args);
  if (resolved.targets.length === 0)
    throw new KubectlError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  for (const t of resolved.targets) {
    const namespace = t.resource.namespaced && !flags.bool('all-namespaces') ? session.namespace : undefined;
    if (t.name !== undefined) {
      const object = await session.rest.json('GET', resourcePath(t.resource, { namespace, name: t.name }));
      out.push({ resource: t.resource, object });
      continue;
    }
    const list = await session.rest.json('GET', resourcePath(t.resource, { namespace }), {
      query: { labelSelector: flags.str('selector') || undefined },
    });
    for (const item of list.items ?? [])
      out.push({
        resource: t.resource,
        object: { apiVersion: list.apiVersion, kind: t.resource.kind, ...item },
      });
  }
  return out;
}

/**
 * Runs the editor on `text` in a new temp file (edit.LaunchTempFile): a command without spaces
 * runs directly, a plain one is split on spaces, one with quotes goes through `sh -c`.
 */
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

function preserved(message: string, file: string): KubectlError {
  return new KubectlError(`${file ? `A copy of your changes has been stored to "${file}"\n` : ''}${message}`);
}

/** What the user saved, as objects: a List's items, or the documents of the file. */
function parseEdited(text: string, json: boolean): Record<string, any>[] {
  const values: unknown[] = json ? [JSON.parse(text)] : splitDocuments(text).map((d) => decodeYaml(d));
  const out: Record<string, any>[] = [];
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) throw new Error('invalid object to validate');
    const obj = v as Record<string, any>;
    if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items))
      out.push(...obj.items);
    else out.push(obj);
  }
  return out;
}

export function runEdit(argv: string[]): Promise<void> {
  return runCommand('edit', argv, editSpecs, async (flags, sessionOf) => {
    // the editor gets YAML or JSON, nothing else
    const output = flags.str('output');
    if (output) parseOutputFormat(output, ['json', 'kyaml', 'yaml']);
    const json = output !== '' && parseOutputFormat(output).kind === 'json';
    const session = sessionOf();
    const originals = await objectsToEdit(session, flags);
    if (originals.length === 0) return 0;
    const shown = originals.map((o) => stripManagedFields(o.object));
    // several objects are edited as one List (with empty list metadata, as kubectl prints it)
    const data =
      shown.length === 1 ? shown[0] : { apiVersion: 'v1', items: shown, kind: 'List', metadata: {} };
    const printed = json ? jsonText(data) : yamlText(data);
    const crlf = (s: string) => (flags.bool('windows-line-endings') ? s.replace(/\r?\n/g, '\r\n') : s);

    let containsError = false;
    let reasons: Reason[] = [];
    let edited = '';
    let previousFile = '';
    for (;;) {
      const top = json ? '' : header + reasonLines(reasons);
      const text = crlf(containsError ? top + manualStrip(edited) : top + printed);
      const before = edited;
      const launched = launchEditor(text, json ? '.json' : '.yaml');
      edited = launched.edited.replace(/\r\n/g, '\n');
      const file = launched.file;
      if (containsError && comparable(before) === comparable(edited))
        throw preserved('error: Edit cancelled, no valid changes were saved.', file);
      if (previousFile) rmSync(previousFile, { force: true });
      previousFile = file;

      // a file that does not parse goes back to the user with the reason
      let objects: Record<string, any>[];
      try {
        const stripped = manualStrip(edited);
        objects = parseEdited(stripped, json);
        if (objects.length === 0) throw new Error('invalid object to validate');
      } catch (e) {
        const first = originals[0];
        containsError = true;
        reasons = [
          {
            head: `${groupResource(first.resource)} "${first.object.metadata?.name}" was not valid`,
            other: [`<nil>: Invalid value: "The edited file failed validation": ${(e as Error).message}`],
          },
        ];
        process.stderr.write(
          `error: ${groupResource(first.resource)} "${first.object.metadata?.name}" is invalid\n`,
        );
        continue;
      }
      if (comparable(printed) === comparable(edited)) {
        rmSync(file, { force: true });
        process.stderr.write('Edit cancelled, no changes made.\n');
        return 0;
      }

      reasons = [];
      let invalid = 0;
      let retryable = 0;
      let notFound = 0;
      for (const after of objects) {
        const original = originals.find((o) => o.object.metadata?.uid === after.metadata?.uid);
        if (!original) throw preserved(`error: no original object found for ${JSON.stringify(after)}`, file);
        const name = original.object.metadata?.name;
        const before = stripManagedFields(original.object) as JSONObject;
        let patched = after as JSONObject;
        const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';
        if (
          flags.bool('save-config') ||
          (before.metadata && (before.metadata as any).annotations?.[lastApplied])
        ) {
          const { withLastApplied } = await import('./apply.ts');
          patched = withLastApplied(after) as JSONObject;
        }
        if (deepEqualJSON(before, patched)) {
          printResult(flags, original.resource, after, 'skipped', 'none');
          continue;
        }
        for (const key of ['apiVersion', 'kind'] as const)
          if (before[key] !== patched[key])
            throw preserved('error: At least one of apiVersion, kind and name was changed', file);
        if ((patched.metadata as any)?.name !== name)
          throw preserved('error: At least one of apiVersion, kind and name was changed', file);
        const schema = await session.openapi.schemaFor(before.apiVersion as string, before.kind as string);
        const [patch, contentType] = schema
          ? [createTwoWayMergePatch(before, patched, schema), 'application/strategic-merge-patch+json']
          : [createMergePatch(before, patched), 'application/merge-patch+json'];
        if (flags.bool('output-patch')) process.stdout.write(`Patch: ${JSON.stringify(patch)}\n`);
        const where = groupResource(original.resource);
        try {
          const result = await session.rest.json(
            'PATCH',
            resourcePath(original.resource, {
              namespace: original.object.metadata?.namespace,
              name,
              subresource: flags.str('subresource') || undefined,
            }),
            {
              body: JSON.stringify(patch),
              contentType,
              query: { fieldManager: flags.str('field-manager'), fieldValidation: fieldValidation(flags) },
            },
          );
          printResult(flags, original.resource, result, 'edited', 'none');
        } catch (e) {
          if (!(e instanceof ApiStatusError)) throw e;
          if (e.reason === 'Invalid') {
            invalid++;
            reasons.push({
              head: `${where} "${name}" was not valid`,
              other: (e.status.details?.causes ?? []).map(
                (c: { field?: string; message?: string }) => `${c.field ?? ''}: ${c.message ?? ''}`,
              ),
            });
            process.stderr.write(`error: ${where} "${name}" is invalid\n`);
          } else if (e.code === 404) {
            notFound++;
            process.stderr.write(`error: ${where} "${name}" could not be found on the server\n`);
          } else {
            retryable++;
            process.stderr.write(`error: ${where} "${name}" could not be patched: ${e.message}\n`);
          }
        }
      }
      if (retryable > 0) {
        process.stderr.write(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
        return 1;
      }
      if (notFound > 0) {
        process.stderr.write(`The edits you made on deleted resources have been saved to "${file}"\n`);
        return 1;
      }
      if (invalid === 0) {
        rmSync(file, { force: true });
        return 0;
      }
      containsError = true;
    }
  });
}
