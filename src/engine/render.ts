/**
 * Chart + values -> rendered files (Helm's pkg/engine): one template set holding every chart's
 * templates under `chart/charts/sub/templates/x.yaml` names, each file executed with its own
 * chart's data (`.Values` scoped to the subchart, `.Chart`, `.Files`, `.Subcharts`, shared
 * `.Release` and `.Capabilities`).
 */
import {
  asValues,
  type Chart,
  coalesceValues,
  type Metadata,
  stderrWarn,
  valuesTable,
  type Warn,
} from '../chart/index.ts';
import {
  decodeParsedTemplates,
  encodeParsedTemplates,
  executeParsed,
  type GoMap,
  helmFuncMap,
  MAP_TYPE,
  type ParsedTemplates,
  parseHelmTemplates,
  renderTemplates,
} from '../template/index.ts';
import { type Capabilities, capabilitiesObject, defaultCapabilities } from './capabilities.ts';
import { diskCache } from './disk-cache.ts';
import { ChartFiles, type YamlEncoder } from './files.ts';

export interface ReleaseOptions {
  name: string;
  namespace: string;
  revision: number;
  isInstall: boolean;
  isUpgrade: boolean;
}

/**
 * What the engine needs from the template room: parse all files as one set, execute each
 * non-partial file with the data `dataFor(name)` returns (the renderer sets `.Template` on it),
 * drop `<no value>`, and throw errors worded as Helm words them.
 */
export type TemplateRenderer = (
  files: Map<string, string>,
  dataFor: (name: string) => Record<string, unknown>,
  opts: { strict?: boolean },
) => Map<string, string>;

/** The template room's renderer (Helm's engine.render), given each file's data through `dataFor`. */
export function defaultRenderer(): TemplateRenderer {
  return (files, dataFor, opts) => renderTemplates(files, {}, { strict: opts.strict, dataFor });
}

/** Helm's toYAML for `.Files.AsConfig`/`AsSecrets`: the template room's `toYaml` (no final newline). */
export function defaultYamlEncoder(): YamlEncoder {
  const toYaml = helmFuncMap().toYaml;
  if (!toYaml) throw new Error('the template room has no toYaml function');
  return (m) => String(toYaml.fn(m));
}

function tagMap<T extends object>(m: T, type: string): T {
  Object.defineProperty(m, MAP_TYPE, { value: type, enumerable: false, configurable: true });
  return m;
}

/** Metadata as Helm's structToMap builds it: Go field names, slices as []interface{}. */
export function metadataAsMap(md: Metadata): GoMap {
  const strings = (l: string[]) => [...l];
  return {
    Name: md.name,
    Home: md.home,
    Sources: strings(md.sources),
    Version: md.version,
    Description: md.description,
    Keywords: strings(md.keywords),
    Maintainers: md.maintainers.map((m) => (m ? { Name: m.name, Email: m.email, URL: m.url } : null)),
    Icon: md.icon,
    APIVersion: md.apiVersion,
    Condition: md.condition,
    Tags: md.tags,
    AppVersion: md.appVersion,
    Deprecated: md.deprecated,
    Annotations: md.annotations ? tagMap({ ...md.annotations }, 'map[string]string') : null,
    KubeVersion: md.kubeVersion,
    Dependencies: md.dependencies.map((d) =>
      d
        ? {
            Name: d.name,
            Version: d.version,
            Repository: d.repository,
            Condition: d.condition,
            Tags: [...d.tags],
            Enabled: d.enabled,
            ImportValues: d.importValues.map((iv) =>
              iv &&
              typeof iv === 'object' &&
              !Array.isArray(iv) &&
              Object.keys(iv).every((k) => k === 'child' || k === 'parent')
                ? tagMap({ ...(iv as object) }, 'map[string]string')
                : iv,
            ),
            Alias: d.alias,
          }
        : null,
    ),
    Type: md.type,
  };
}

/** chartutil.ToRenderValues (without schema validation): the top-level data of the root chart. */
export function toRenderValues(
  chart: Chart,
  userValues: GoMap,
  options: ReleaseOptions,
  caps: Capabilities = defaultCapabilities(),
  warn: Warn = stderrWarn,
): GoMap {
  return {
    Chart: metadataAsMap(chart.metadata),
    Capabilities: capabilitiesObject(caps),
    Release: {
      Name: options.name,
      Namespace: options.namespace,
      IsUpgrade: options.isUpgrade,
      IsInstall: options.isInstall,
      Revision: BigInt(options.revision),
      Service: 'Helm',
    },
    Values: asValues(coalesceValues(chart, userValues, warn)),
  };
}

interface Renderable {
  source: string;
  data: GoMap;
}

/** engine.recAllTpls: every template of the chart tree with the data its chart sees. */
function collectTemplates(
  chart: Chart,
  top: GoMap,
  out: Map<string, Renderable>,
  toYaml: YamlEncoder,
): GoMap {
  const subcharts: GoMap = {};
  const chartMap = metadataAsMap(chart.metadata);
  chartMap.IsRoot = chart.isRoot();
  const next: GoMap = {
    Chart: chartMap,
    Files: ChartFiles.of(chart.files, toYaml),
    Release: top.Release,
    Capabilities: top.Capabilities,
    Values: asValues({}),
    Subcharts: subcharts,
  };
  if (chart.isRoot()) next.Values = top.Values;
  else {
    const scoped = valuesTable(top as GoMap, `Values.${chart.name()}`);
    if (scoped) next.Values = asValues(scoped);
  }
  for (const child of chart.dependencies) {
    subcharts[child.name()] = collectTemplates(child, next, out, toYaml);
  }
  const parentId = chart.fullPath();
  for (const t of chart.templates) {
    // a library chart contributes only its partials
    if (chart.isLibrary() && !baseName(t.name).startsWith('_')) continue;
    out.set(joinPath(parentId, t.name), { source: templateText(t.data), data: next });
  }
  return next;
}

/**
 * A template file's text, decoded once per loaded file: rendering the same chart again finds
 * the same strings (which also makes the parse cache's comparison cheap).
 */
const decodedTemplates = new WeakMap<Uint8Array, string>();
const utf8 = new TextDecoder();

function templateText(data: Uint8Array): string {
  let text = decodedTemplates.get(data);
  if (text === undefined) {
    text = utf8.decode(data);
    decodedTemplates.set(data, text);
  }
  return text;
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function joinPath(a: string, b: string): string {
  return `${a}/${b}`.replace(/\/+/g, '/');
}

export interface RenderOptions {
  strict?: boolean;
  renderer?: TemplateRenderer;
  toYaml?: YamlEncoder;
}

/** engine.Render: rendered text by template name (partials excluded, NOTES.txt included). */
export function renderChart(chart: Chart, top: GoMap, opts: RenderOptions = {}): Map<string, string> {
  const renderables = new Map<string, Renderable>();
  let encoder: YamlEncoder | undefined;
  const toYaml: YamlEncoder = opts.toYaml ?? ((m) => (encoder ??= defaultYamlEncoder())(m));
  collectTemplates(chart, top, renderables, toYaml);
  const sources = new Map<string, string>();
  for (const [name, r] of renderables) sources.set(name, r.source);
  const dataFor = (name: string) => renderables.get(name)!.data;
  if (opts.renderer) return opts.renderer(sources, dataFor, { strict: opts.strict });
  return executeParsed(parsedFor(sources, Boolean(opts.strict)), {}, { dataFor });
}

/**
 * Parsed templates of the last few renders, by content: rendering the same files again (a
 * library caller's loop, whether it reloads the chart or not) skips the parse. Executing a
 * parsed set leaves it unchanged, so one set serves any number of renders.
 */
const parsedCache: { strict: boolean; sources: Map<string, string>; parsed: ParsedTemplates }[] = [];
const PARSED_CACHE_ENTRIES = 8;

function parsedFor(sources: Map<string, string>, strict: boolean): ParsedTemplates {
  const at = parsedCache.findIndex((e) => e.strict === strict && sameSources(e.sources, sources));
  if (at >= 0) {
    const [hit] = parsedCache.splice(at, 1);
    parsedCache.unshift(hit!);
    return hit!.parsed;
  }
  const parsed = loadParsed(sources, strict);
  parsedCache.unshift({ strict, sources, parsed });
  parsedCache.length = Math.min(parsedCache.length, PARSED_CACHE_ENTRIES);
  return parsed;
}

/**
 * The parsed set from the on-disk cache when this build parsed the same files before (decoding
 * is several times faster than parsing: contour 8 ms against 45), else parsed and stored.
 */
function loadParsed(sources: Map<string, string>, strict: boolean): ParsedTemplates {
  const disk = diskCache('templates', 64, 64 << 20);
  if (!disk) return parseHelmTemplates(sources, { strict });
  const parts: string[] = [];
  for (const [name, text] of sources) parts.push(name, text);
  const key = disk.key(parts);
  const bytes = disk.read(key);
  const cached = bytes && decodeParsedTemplates(bytes, sources, { strict });
  if (cached) return cached;
  const parsed = parseHelmTemplates(sources, { strict });
  let encoded: Uint8Array | undefined;
  try {
    encoded = encodeParsedTemplates(parsed, sources);
  } catch {
    // a set the codec cannot hold is parsed every time
  }
  if (encoded) disk.write(key, encoded);
  return parsed;
}

function sameSources(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
