/** `bosun helm get all|hooks|manifest|metadata|notes|values RELEASE`. */
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import {
  addNamespaceFlag,
  addOutputFlag,
  intFlag,
  outputFormat,
  requireOneArg,
  withCluster,
} from './release-flags.ts';

type Print = typeof import('./release-print.ts');

type Room = typeof import('../../release/index.ts');
type Release = import('../../release/index.ts').Release;

function revisionFlag(cmd: Command): Command {
  return addNamespaceFlag(cmd)
    .usage('RELEASE_NAME [flags]')
    .argument('[args...]')
    .allowExcessArguments(true)
    .option('--revision <int>', 'get the named release with revision', '0');
}

/** A `get` subcommand: fetch the revision, print what `show` makes of it. */
function sub(
  parent: Command,
  name: string,
  summary: string,
  show: (room: Room, r: Release, o: Record<string, unknown>, p: Print) => string,
  extra: (c: Command) => Command = (c) => c,
): void {
  const cmd = extra(revisionFlag(parent.command(name).description(summary)));
  cmd.action(async (args: string[], o: Record<string, unknown>) => {
    const release = requireOneArg(args, `get ${name}`);
    const revision = intFlag(o.revision, '--revision');
    if (o.output !== undefined) outputFormat(o.output);
    const p = await import('./release-print.ts');
    const text = await withCluster(o, '', async ({ release: room, cfg }) =>
      show(room, await room.releaseContent(cfg, release, revision), o, p),
    );
    process.stdout.write(text);
  });
}

function labelsText(labels: Record<string, string> | null | undefined): string {
  return Object.keys(labels ?? {})
    .sort()
    .map((k) => `${k}=${labels![k]}`)
    .join(',');
}

/** DeployedAt: time.RFC3339, no fraction, in the record's offset. */
function rfc3339(text: string | undefined): string {
  if (!text) return '0001-01-01T00:00:00Z';
  return text.replace(/\.\d+(?=Z|[+-]\d\d:\d\d$)/, '');
}

function metadataJson(room: Room, r: Release, encodeJson: Print['encodeJson']): string {
  const md = room.chartMetadata(r) as Record<string, any>;
  const fields: string[] = [];
  const add = (k: string, v: unknown) => fields.push(`${encodeJson(k)}:${encodeJson(v)}`);
  add('name', r.name);
  add('chart', md.name ?? '');
  add('version', md.version ?? '');
  add('appVersion', md.appVersion ?? '');
  if (md.annotations && Object.keys(md.annotations).length) add('annotations', md.annotations);
  if (Object.keys(r.labels).length) add('labels', r.labels);
  if (Array.isArray(md.dependencies) && md.dependencies.length)
    fields.push(`"dependencies":${room.dependenciesJson(r)}`);
  add('namespace', r.namespace);
  add('revision', BigInt(r.version));
  add('status', r.info.status);
  add('deployedAt', rfc3339(r.info.lastDeployed));
  if (r.applyMethod) add('applyMethod', r.applyMethod);
  return `{${fields.join(',')}}`;
}

function applyMethodText(m: string | undefined): string {
  if (!m) return 'client-side apply (defaulted)';
  if (m === 'csa') return 'client-side apply';
  if (m === 'ssa') return 'server-side apply';
  return `unknown (${JSON.stringify(m)})`;
}

export function registerGet(cmd: Command): void {
  cmd.usage('[command]').action(() => {
    throw new UserError('"helm get" requires a subcommand: all, hooks, manifest, metadata, notes or values');
  });
  sub(
    cmd,
    'all',
    'download all information for a named release',
    (room, r, o, p) => {
      if (o.template) throw new UserError('--template is not supported by bosun yet');
      return p.statusText(
        room,
        r,
        { showMetadata: true, debug: true, hideNotes: false },
        room.releaseValues(r, true),
      );
    },
    (c) => c.option('--template <string>', 'go template for formatting the output, eg: {{.Release.Name}}'),
  );
  sub(cmd, 'hooks', 'download all hooks for a named release', (_room, r) =>
    r.hooks.map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join(''),
  );
  sub(cmd, 'manifest', 'download the manifest for a named release', (_room, r) => `${r.manifest}\n`);
  sub(cmd, 'notes', 'download the notes for a named release', (_room, r) =>
    r.info.notes.length > 0 ? `NOTES:\n${r.info.notes}\n` : '',
  );
  sub(
    cmd,
    'values',
    'download the values file for a named release',
    (room, r, o, p) => {
      const format = outputFormat(o.output);
      const values = room.releaseValues(r, Boolean(o.all));
      const json = p.encodeJson(values);
      if (format === 'json') return `${json}\n`;
      const yaml = p.yamlOf(json);
      if (format === 'yaml') return yaml;
      return `${o.all ? 'COMPUTED VALUES:' : 'USER-SUPPLIED VALUES:'}\n${yaml}`;
    },
    (c) => addOutputFlag(c.option('-a, --all', 'dump all (computed) values')),
  );
  sub(
    cmd,
    'metadata',
    'This command fetches metadata for a given release',
    (room, r, o, p) => {
      const format = outputFormat(o.output);
      if (format !== 'table') return p.formatted(metadataJson(room, r, p.encodeJson), format);
      const md = room.chartMetadata(r) as Record<string, any>;
      const deps = (Array.isArray(md.dependencies) ? md.dependencies : [])
        .map((d: Record<string, any>) => String(d?.name ?? ''))
        .sort()
        .join(',');
      return [
        `NAME: ${r.name}`,
        `CHART: ${md.name ?? ''}`,
        `VERSION: ${md.version ?? ''}`,
        `APP_VERSION: ${md.appVersion ?? ''}`,
        `ANNOTATIONS: ${labelsText(md.annotations)}`,
        `LABELS: ${labelsText(r.labels)}`,
        `DEPENDENCIES: ${deps}`,
        `NAMESPACE: ${r.namespace}`,
        `REVISION: ${r.version}`,
        `STATUS: ${r.info.status}`,
        `DEPLOYED_AT: ${rfc3339(r.info.lastDeployed)}`,
        `APPLY_METHOD: ${applyMethodText(r.applyMethod)}`,
        '',
      ].join('\n');
    },
    addOutputFlag,
  );
}
