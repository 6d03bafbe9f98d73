/**
 * Rendering a release without a cluster, as `helm install --dry-run=client` and `helm template`
 * do (Helm's Install.RunWithContext + Configuration.renderResources): dependency processing,
 * kubeVersion check, render, NOTES.txt set aside, documents sorted into install order with hooks
 * apart, CRDs from crds/ on request, and the `---\n# Source: ...` manifest text.
 */
import {
  type Chart,
  isCompatibleRange,
  processDependencies,
  stderrWarn,
  validateValuesAgainstSchemas,
  type Warn,
} from '../chart/index.ts';
import type { GoMap } from '../template/index.ts';
import { type Capabilities, defaultCapabilities } from './capabilities.ts';
import { type Hook, INSTALL_ORDER, type Manifest, ManifestError, sortManifests } from './manifest.ts';
import { type ReleaseOptions, type RenderOptions, renderChart, toRenderValues } from './render.ts';

const NOTES_SUFFIX = 'NOTES.txt';

/** A failure after the release record exists: Helm then adds "Use --debug flag ..." in `template`. */
export class RenderError extends Error {
  /** what was rendered before the failure (the raw files when sorting failed) */
  constructor(
    message: string,
    readonly partialManifest: string,
  ) {
    super(message);
  }
}

export interface RenderedRelease {
  manifest: string;
  manifests: Manifest[];
  hooks: Hook[];
  notes: string;
  /** files to write for --output-dir, in writing order: [path, content, append] */
  crds: { filename: string; content: string }[];
}

export interface InstallRenderOptions extends RenderOptions {
  release: ReleaseOptions;
  capabilities?: Capabilities;
  includeCrds?: boolean;
  subNotes?: boolean;
  warn?: Warn;
  /** `--skip-schema-validation`: do not check values against values.schema.json files. */
  skipSchemaValidation?: boolean;
}

/** Renders a chart with user values into the release's manifest, hooks and notes. */
export function renderRelease(chart: Chart, userValues: GoMap, opts: InstallRenderOptions): RenderedRelease {
  const warn = opts.warn ?? stderrWarn;
  try {
    processDependencies(chart, userValues, warn);
  } catch (e) {
    throw new Error(`chart dependencies processing failed: ${(e as Error).message}`);
  }
  const caps = opts.capabilities ?? defaultCapabilities();
  const top = toRenderValues(chart, userValues, opts.release, caps, warn);
  if (!opts.skipSchemaValidation) {
    let problem: string | undefined;
    try {
      problem = validateValuesAgainstSchemas(chart, top.Values as GoMap);
    } catch (e) {
      problem = `${(e as Error).message}\n`;
    }
    if (problem !== undefined)
      throw new Error(
        `values don't meet the specifications of the schema(s) in the following chart(s):\n${problem}`,
      );
  }

  const kubeVersion = chart.metadata.kubeVersion;
  if (kubeVersion !== '' && !isCompatibleRange(kubeVersion, caps.kubeVersion.normalized)) {
    throw new RenderError(
      `chart requires kubeVersion: ${kubeVersion} which is incompatible with Kubernetes ${caps.kubeVersion.version}`,
      '',
    );
  }

  let files: Map<string, string>;
  try {
    files = renderChart(chart, top, opts);
  } catch (e) {
    throw new RenderError((e as Error).message, '');
  }

  const rootNotes = `${chart.name()}/templates/${NOTES_SUFFIX}`;
  const notes: string[] = [];
  for (const [k, v] of files) {
    if (!k.endsWith(NOTES_SUFFIX)) continue;
    if (opts.subNotes || k === rootNotes) notes.push(v);
    files.delete(k);
  }

  let sorted: { hooks: Hook[]; manifests: Manifest[] };
  try {
    sorted = sortManifests(files, INSTALL_ORDER, (hookTypes) =>
      warn(`level=INFO msg="skipping unknown hooks" hookTypes=${hookTypes}`),
    );
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    let raw = '';
    for (const [name, content] of files) {
      if (content.trim() === '') continue;
      raw += `---\n# Source: ${name}\n${content}\n`;
    }
    throw new RenderError(e.message, raw);
  }

  let manifest = '';
  const crds: { filename: string; content: string }[] = [];
  if (opts.includeCrds) {
    for (const crd of chart.crdObjects()) {
      const content = new TextDecoder().decode(crd.file.data);
      crds.push({ filename: crd.filename, content });
      manifest += `---\n# Source: ${crd.filename}\n${content}\n`;
    }
  }
  for (const m of sorted.manifests) manifest += `---\n# Source: ${m.name}\n${m.content}\n`;
  return { manifest, manifests: sorted.manifests, hooks: sorted.hooks, notes: notes.join('\n'), crds };
}
