/**
 * `bosun helm template [NAME] CHART`: render a local chart as `helm template` does and print
 * (or write under --output-dir) the manifests, then the hooks.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Chart, goMatch, loadChart, mergeUserValues, type ValueOptions } from '../../chart/index.ts';
import {
  type Capabilities,
  defaultCapabilities,
  parseKubeVersion,
  RenderError,
  type RenderedRelease,
  renderRelease,
  splitManifests,
  type TemplateRenderer,
} from '../../engine/index.ts';
import { UserError } from '../errors.ts';

export interface TemplateOptions {
  releaseName?: string;
  chartRef: string;
  namespace: string;
  values: ValueOptions;
  showOnly: string[];
  includeCrds: boolean;
  /** --skip-schema-validation */
  skipSchemaValidation?: boolean;
  skipCrds: boolean;
  outputDir?: string;
  useReleaseName: boolean;
  isUpgrade: boolean;
  kubeVersion?: string;
  apiVersions: string[];
  noHooks: boolean;
  skipTests: boolean;
  /** the template executor; the template room's by default (tests pass a stand-in) */
  renderer?: TemplateRenderer;
  warn?: (msg: string) => void;
}

export interface TemplateResult {
  stdout: string;
  /** files for --output-dir: path, content, whether to append */
  writes: { path: string; content: string; append: boolean }[];
}

/** Helm's `# Source: <chart>/<path>` matcher for --show-only. */
const SOURCE_RE = /# Source: [^/]+\/(.+)/;

/** helm's runInstall up to the point `template` prints; pure apart from reading the chart and value files. */
export function runTemplate(opts: TemplateOptions): TemplateResult {
  let caps: Capabilities = defaultCapabilities();
  if (opts.kubeVersion) {
    try {
      caps = { ...caps, kubeVersion: parseKubeVersion(opts.kubeVersion) };
    } catch (e) {
      throw new UserError(`invalid kube version '${opts.kubeVersion}': ${(e as Error).message}`);
    }
  }
  caps = { ...caps, apiVersions: [...caps.apiVersions, ...opts.apiVersions] };

  const chartPath = locateChart(opts.chartRef);
  const vals = mergeUserValues(opts.values);
  const chart = loadChart(chartPath);
  checkInstallable(chart);
  checkDependencies(chart);

  const isUpgrade = opts.isUpgrade;
  let rel: RenderedRelease;
  try {
    rel = renderRelease(chart, vals, {
      release: {
        name: opts.releaseName ?? 'release-name',
        namespace: opts.namespace,
        revision: 1,
        isInstall: !isUpgrade,
        isUpgrade,
      },
      capabilities: caps,
      includeCrds: opts.includeCrds,
      skipSchemaValidation: opts.skipSchemaValidation,
      renderer: opts.renderer,
      warn: opts.warn,
    });
  } catch (e) {
    if (e instanceof RenderError)
      throw new UserError(`${e.message}\n\nUse --debug flag to render out invalid YAML`);
    throw e;
  }

  const writes: TemplateResult['writes'] = [];
  const written = new Set<string>();
  const outDir = opts.outputDir
    ? opts.useReleaseName
      ? `${opts.outputDir}/${opts.releaseName ?? 'release-name'}`
      : opts.outputDir
    : undefined;
  const write = (name: string, content: string) => {
    writes.push({
      path: `${outDir}/${name}`,
      content: `---\n# Source: ${name}\n${content}\n`,
      append: written.has(name),
    });
    written.add(name);
  };

  let manifest = rel.manifest;
  if (outDir) {
    // with --output-dir Helm writes CRDs (unprefixed by the release name) and manifests instead of printing them
    for (const crd of rel.crds) {
      writes.push({
        path: `${opts.outputDir}/${crd.filename}`,
        content: `---\n# Source: ${crd.filename}\n${crd.content}\n`,
        append: written.has(crd.filename),
      });
      written.add(crd.filename);
    }
    for (const m of rel.manifests) write(m.name, m.content);
    manifest = '';
  }

  let out = `${manifest.trim()}\n`;
  if (!opts.noHooks) {
    for (const h of rel.hooks) {
      if (opts.skipTests && h.events.includes('test')) continue;
      if (!outDir) out += `---\n# Source: ${h.path}\n${h.manifest}\n`;
      else {
        if (existsSync(`${outDir}/${h.path}`)) written.add(h.path);
        write(h.path, h.manifest);
      }
    }
  }

  if (opts.showOnly.length > 0) {
    const docs = splitManifests(out);
    let shown = '';
    for (const raw of opts.showOnly) {
      const f = raw.replace(/\\/g, '/');
      let missing = true;
      for (const doc of docs) {
        const m = SOURCE_RE.exec(doc);
        if (!m) continue;
        let matched = false;
        try {
          matched = goMatch(f, m[1]!);
        } catch {
          matched = false;
        }
        if (!matched) continue;
        shown += `---\n${doc}\n`;
        missing = false;
      }
      if (missing) throw new UserError(`could not find template ${raw} in chart`);
    }
    return { stdout: shown, writes };
  }
  return { stdout: out, writes };
}

/** The local part of Install.LocateChart. */
function locateChart(ref: string): string {
  const path = resolve(ref);
  if (existsSync(path)) return path;
  if (ref.startsWith('.') || ref.startsWith('/')) throw new UserError(`path "${ref}" not found`);
  if (/^(oci|https?):\/\//.test(ref))
    throw new UserError(`fetching charts from ${ref} is not supported by bosun yet`);
  throw new UserError(`non-absolute URLs should be in form of repo_name/path_to_chart, got: ${ref}`);
}

function checkInstallable(chart: Chart): void {
  const t = chart.metadata.type;
  if (t === '' || t === 'application') return;
  throw new UserError(`${t} charts are not installable`);
}

/** action.CheckDependencies: every Chart.yaml dependency must be present under charts/. */
function checkDependencies(chart: Chart): void {
  const reqs = chart.metadata.dependencies.filter((d) => d !== null);
  if (reqs.length === 0) return;
  const present = new Set(chart.dependencies.map((d) => d.name()));
  const missing = reqs.filter((r) => !present.has(r.name)).map((r) => r.name);
  if (missing.length > 0) {
    throw new UserError(
      `an error occurred while checking for chart dependencies. You may need to run \`helm dependency build\` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`,
    );
  }
}
