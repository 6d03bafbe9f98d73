/**
 * `bosun helm install [NAME] [CHART]`: Helm v4's flags, its name and chart rules, and the status
 * block it prints (or `-o json|yaml`). Errors come out as `INSTALLATION FAILED: ...`.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import {
  addNamespaceFlag,
  addOutputFlag,
  type Cluster,
  impliedValues,
  openCluster,
  outputFormat,
  parseGoDuration,
  parseLabelsFlag,
} from './release-flags.ts';
import { addValuesFlags, collect, collectSlice, valueOptions } from './values-flags.ts';

const WAIT_STRATEGIES = ['watcher', 'hookOnly', 'legacy'];

/** slog's text handler line for a warning helm logs (no time: helm's handler drops it). */
export function slogWarn(msg: string): string {
  return `level=WARN msg=${JSON.stringify(msg)}\n`;
}

export function registerInstall(cmd: Command): void {
  addOutputFlag(addNamespaceFlag(addValuesFlags(cmd)))
    .usage('[NAME] [CHART] [flags]')
    .argument('[args...]')
    .allowExcessArguments(true)
    .option('--create-namespace', 'create the release namespace if not present')
    .option(
      '--dry-run <mode>',
      'simulates the operation without persisting changes: "none", "client" or "server"',
    )
    .option('--no-hooks', 'prevent hooks from running during install')
    .option(
      '--timeout <duration>',
      'time to wait for any individual Kubernetes operation (like Jobs for hooks)',
      '5m0s',
    )
    .option(
      '--wait <strategy>',
      "if specified, wait until resources are ready (up to --timeout). Values: 'watcher', 'hookOnly', and 'legacy'.",
    )
    .option('--wait-for-jobs', 'if set and --wait enabled, will wait until all Jobs have been completed')
    .option('-g, --generate-name', 'generate the name (and omit the NAME parameter)')
    .option('--description <text>', 'add a custom description')
    .option('--rollback-on-failure', 'if set, Helm will rollback (uninstall) the installation upon failure')
    .option('--atomic', 'deprecated')
    .option('--skip-crds', 'if set, no CRDs will be installed')
    .option('--render-subchart-notes', 'if set, render subchart notes along with the parent')
    .option('--skip-schema-validation', 'if set, disables JSON schema validation')
    .option(
      '-l, --labels <labels>',
      'Labels that would be added to release metadata. Should be divided by comma.',
      collect,
      [],
    )
    .option('--hide-notes', 'if set, do not show notes in install output')
    .option('--server-side [bool]', 'object updates run in the server instead of the client')
    .option('--kube-version <version>', 'Kubernetes version used for Capabilities.KubeVersion')
    .option(
      '-a, --api-versions <versions>',
      'Kubernetes api versions used for Capabilities.APIVersions',
      collectSlice,
      [],
    )
    .option('--version <constraint>', 'specify a version constraint for the chart version to use')
    .action(async (args: string[], o: Record<string, unknown>) => {
      const { out, err } = await runInstallCommand(args, o);
      process.stderr.write(err);
      process.stdout.write(out);
    });
  impliedValues(cmd, { '--dry-run': 'unset', '--wait': 'watcher' });
}

function dryRunStrategy(v: unknown, warnings: string[]): 'none' | 'client' | 'server' {
  const s = v === undefined ? 'none' : String(v);
  if (s === 'unset') {
    warnings.push(slogWarn("--dry-run is deprecated and should be replaced with '--dry-run=client'"));
    return 'client';
  }
  if (s === 'client' || s === 'server' || s === 'none') return s;
  const bool = {
    '1': true,
    t: true,
    T: true,
    TRUE: true,
    true: true,
    True: true,
    '0': false,
    f: false,
    F: false,
    FALSE: false,
    false: false,
    False: false,
  }[s];
  if (bool === undefined)
    throw new UserError(
      `invalid dry-run value (${JSON.stringify(s)}). Must be "none", "server", or "client"`,
    );
  const result = bool ? 'client' : 'none';
  warnings.push(
    slogWarn(`boolean '--dry-run=${s}' flag is deprecated and must be replaced with '--dry-run=${result}'`),
  );
  return result;
}

function waitStrategy(v: unknown, warnings: string[]): 'watcher' | 'hookOnly' | 'legacy' {
  if (v === undefined) return 'hookOnly';
  const s = String(v);
  if (WAIT_STRATEGIES.includes(s)) return s as 'watcher' | 'hookOnly' | 'legacy';
  if (s === 'true') {
    warnings.push(
      slogWarn('--wait=true is deprecated (boolean value) and can be replaced with --wait=watcher'),
    );
    return 'watcher';
  }
  if (s === 'false') {
    warnings.push(
      slogWarn('--wait=false is deprecated (boolean value) and can be replaced with --wait=hookOnly'),
    );
    return 'hookOnly';
  }
  throw new UserError(
    `invalid argument "${s}" for "--wait" flag: invalid wait input "${s}". Valid inputs are watcher, hookOnly, and legacy`,
  );
}

/** Install.NameAndChart. */
function nameAndChart(args: string[], generateName: boolean): [string, string] {
  if (args.length === 0)
    throw new UserError(
      `"helm install" requires at least 1 argument\n\nUsage:  helm install [NAME] [CHART] [flags]`,
    );
  if (args.length > 2)
    throw new UserError(
      `INSTALLATION FAILED: expected at most two arguments, unexpected arguments: ${args.slice(2).join(', ')}`,
    );
  if (args.length === 2) {
    if (generateName)
      throw new UserError('INSTALLATION FAILED: cannot set --generate-name and also specify a name');
    return [args[0]!, args[1]!];
  }
  if (!generateName)
    throw new UserError('INSTALLATION FAILED: must either provide a name or specify --generate-name');
  let base = basename(args[0]!);
  if (base === '.' || base === '') base = 'chart';
  const dot = base.indexOf('.');
  if (dot !== -1) base = base.slice(0, dot);
  return [`${base}-${Math.floor(Date.now() / 1000)}`, args[0]!];
}

/** `--dry-run=client` touches no cluster: records in memory, the namespace from flags or kubeconfig. */
async function offlineCluster(o: Record<string, unknown>): Promise<Cluster> {
  const release = await import('../../release/index.ts');
  let namespace = (o.namespace as string | undefined) || process.env.HELM_NAMESPACE || '';
  if (!namespace) {
    const { loadClientConfig } = await import('../../kube/client/index.ts');
    try {
      namespace = loadClientConfig({
        kubeconfig: o.kubeconfig as string | undefined,
        context: o.kubeContext as string | undefined,
      }).namespace;
    } catch {
      namespace = 'default';
    }
  }
  const cfg = release.configuration(new release.Storage(new release.MemoryDriver(namespace)));
  return { release, cfg, namespace, close: () => {} };
}

export async function runInstallCommand(
  args: string[],
  o: Record<string, unknown>,
): Promise<{ out: string; err: string }> {
  const warnings: string[] = [];
  // pflag's notice for a deprecated flag, as it parses
  if (o.atomic)
    process.stderr.write('Flag --atomic has been deprecated, use --rollback-on-failure instead\n');
  const format = outputFormat(o.output);
  const dryRun = dryRunStrategy(o.dryRun, warnings);
  const wait = waitStrategy(o.wait, warnings);
  const timeoutMs = parseGoDuration(String(o.timeout ?? '5m0s'), '--timeout');
  const labels = parseLabelsFlag((o.labels as string[]) ?? []);
  const [releaseName, chartRef] = nameAndChart(args, Boolean(o.generateName));
  const fail = (e: unknown): never => {
    throw new UserError(`INSTALLATION FAILED: ${(e as Error).message}`);
  };

  const { loadReleaseChart } = await import('./release-chart.ts');
  const { formatted, statusText } = await import('./release-print.ts');
  let loaded: Awaited<ReturnType<typeof loadReleaseChart>>;
  try {
    loaded = await loadReleaseChart(chartRef, valueOptions(o));
  } catch (e) {
    return fail(e);
  }
  const cluster = dryRun === 'client' ? await offlineCluster(o) : await openCluster(o).catch(fail);
  try {
    const { release, cfg, namespace } = cluster;
    const { parseKubeVersion } = await import('../../engine/index.ts');
    const stderr: string[] = [];
    cfg.warn = (m) => stderr.push(`${m}\n`);
    const rollbackOnFailure = Boolean(o.rollbackOnFailure || o.atomic);
    const install = new release.Install(cfg, {
      releaseName,
      namespace,
      dryRun,
      createNamespace: Boolean(o.createNamespace),
      description: (o.description as string | undefined) ?? '',
      disableHooks: o.hooks === false,
      skipCrds: Boolean(o.skipCrds),
      // --rollback-on-failure waits with the watcher unless told otherwise
      waitStrategy: wait === 'hookOnly' && rollbackOnFailure ? 'watcher' : wait,
      waitForJobs: Boolean(o.waitForJobs),
      timeoutMs,
      rollbackOnFailure,
      labels,
      subNotes: Boolean(o.renderSubchartNotes),
      skipSchemaValidation: Boolean(o.skipSchemaValidation),
      kubeVersion: o.kubeVersion ? parseKubeVersion(String(o.kubeVersion)) : undefined,
      apiVersions: (o.apiVersions as string[]) ?? [],
    });
    let rel: import('../../release/index.ts').Release;
    try {
      rel = await install.run(loaded.chart, loaded.values, loaded.modTime);
    } catch (e) {
      process.stderr.write(warnings.join('') + stderr.join(''));
      return fail(e);
    }
    const err = warnings.join('') + stderr.join('');
    if (format !== 'table') return { out: formatted(release.releaseJson(rel), format), err };
    const out = statusText(
      release,
      rel,
      {
        showMetadata: false,
        debug: Boolean(o.debug),
        hideNotes: Boolean(o.hideNotes),
      },
      o.debug ? release.releaseValues(rel, true) : undefined,
    );
    return { out, err };
  } finally {
    cluster.close();
  }
}
