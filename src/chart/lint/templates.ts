/**
 * The templates rule (Helm's lint/rules/template.go): the chart renders in lint mode (`required`
 * and `fail` only log, no cluster for `lookup`), then each YAML template of the chart itself is
 * checked: allowed extension, no leading indent, parseable documents, object names, deprecated
 * APIs, workload selectors, and `helm.sh/resource-policy` inside Lists.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Capabilities,
  defaultCapabilities,
  type KubeVersion,
  renderChart,
  type TemplateRenderer,
  toRenderValues,
} from '../../engine/index.ts';
import { type FuncMap, type GoMap, isMap, renderTemplates, sprintf } from '../../template/index.ts';
import type { Chart } from '../chart.ts';
import { processDependencies } from '../dependencies.ts';
import { loadChart } from '../load.ts';
import { coalesceValues, type Warn } from '../values.ts';
import { deprecationProblem } from './deprecations.ts';
import { decodeHeads, decodeMaps, type K8sHead } from './documents.ts';
import { validateValuesAgainstSchemas } from '../jsonschema.ts';
import { metadataNameProblem } from './names.ts';
import { type Linter, problemOf, Severity } from './support.ts';

const TEMPLATES_DIR = 'templates/';

export interface TemplateLintOptions {
  namespace: string;
  values: GoMap;
  kubeVersion?: KubeVersion;
  skipSchemaValidation: boolean;
  /** where Helm's log lines go (slog's text handler on stderr) */
  log: Warn;
}

export function lintTemplates(linter: Linter, opts: TemplateLintOptions): void {
  const dir = join(linter.chartDir, TEMPLATES_DIR);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    linter.rule(Severity.Warning, TEMPLATES_DIR, 'directory does not exist');
    return;
  }
  if (!linter.rule(Severity.Error, TEMPLATES_DIR, isDir ? undefined : 'not a directory')) return;

  let chart: Chart | undefined;
  const loadProblem = problemOf(() => {
    chart = loadChart(linter.chartDir);
  });
  if (!linter.rule(Severity.Error, TEMPLATES_DIR, loadProblem)) return;
  const c = chart!;

  const caps: Capabilities = defaultCapabilities();
  if (opts.kubeVersion) caps.kubeVersion = opts.kubeVersion;

  // lint ignores import-values; failures here end the rule silently, as in Helm
  let cvals: GoMap;
  try {
    processDependencies(c, opts.values, opts.log);
    cvals = coalesceValues(c, opts.values, opts.log);
  } catch {
    return;
  }
  const top = toRenderValues(
    c,
    cvals,
    { name: 'test-release', namespace: opts.namespace, revision: 0, isInstall: false, isUpgrade: false },
    caps,
    opts.log,
  );
  if (!opts.skipSchemaValidation) {
    let problem: string | undefined;
    try {
      problem = validateValuesAgainstSchemas(c, top.Values as GoMap);
    } catch (e) {
      problem = (e as Error).message;
    }
    if (problem !== undefined) {
      linter.rule(
        Severity.Error,
        TEMPLATES_DIR,
        `values don't meet the specifications of the schema(s) in the following chart(s):\n${problem}`,
      );
      return;
    }
  }

  let rendered: Map<string, string> | undefined;
  const renderProblem = problemOf(() => {
    rendered = renderChart(c, top, { renderer: lintRenderer(opts.log) });
  });
  if (!linter.rule(Severity.Error, TEMPLATES_DIR, renderProblem)) return;

  for (const t of c.templates) {
    const fileName = t.name;
    linter.rule(Severity.Error, fileName, extensionProblem(fileName));
    if (!isYamlFile(fileName)) continue;
    const content = rendered!.get(`${c.name()}/${fileName}`) ?? '';
    if (content.trim() === '') continue;
    linter.rule(Severity.Warning, fileName, topIndentProblem(content));
    const { heads, error } = decodeHeads(content);
    for (const head of heads) {
      if (head) checkObject(linter, fileName, head, content, opts.kubeVersion ?? caps.kubeVersion);
    }
    if (error !== undefined) {
      linter.rule(Severity.Error, fileName, `unable to parse YAML: ${error}`);
      return;
    }
  }
}

function checkObject(
  linter: Linter,
  fileName: string,
  head: K8sHead,
  content: string,
  kube: KubeVersion,
): void {
  linter.rule(Severity.Warning, fileName, metadataNameProblem(head.kind, head.name));
  linter.rule(
    Severity.Warning,
    fileName,
    deprecationProblem(head.apiVersion, head.kind, Number(kube.major), Number(kube.minor)),
  );
  linter.rule(Severity.Error, fileName, selectorProblem(head, content));
  linter.rule(Severity.Error, fileName, listAnnotationProblem(head, content));
}

/** Helm's engine with LintMode: `required` and `fail` log and yield "" instead of failing. */
function lintRenderer(log: Warn): TemplateRenderer {
  const funcs: FuncMap = {
    required: {
      fn: (warn: string, val: unknown) => {
        if (val === undefined || val === null) {
          log(`level=WARN msg="missing required value" message=${slogValue(warn)}`);
          return '';
        }
        if (val === '') {
          log(`level=WARN msg="missing required values" message=${slogValue(warn)}`);
          return '';
        }
        return val;
      },
      params: ['string', 'interface {}'],
    },
    fail: {
      fn: (msg: string) => {
        log(`level=INFO msg="funcMap fail" message=${slogValue(msg)}`);
        return '';
      },
      params: ['string'],
    },
  };
  return (files, dataFor, o) => renderTemplates(files, {}, { strict: o.strict, dataFor, funcs });
}

/** slog's text handler: a value is quoted when it is empty or has spaces, '=', '"' or controls. */
export function slogValue(s: string): string {
  return s === '' || /[\s="\u0000-\u001f\u007f]/.test(s) || !/^[\p{L}\p{M}\p{N}\p{P}\p{S}]*$/u.test(s)
    ? sprintf('%q', s)
    : s;
}

function extOf(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot);
}

function extensionProblem(fileName: string): string | undefined {
  const ext = extOf(fileName);
  if (['.yaml', '.yml', '.tpl', '.txt'].includes(ext)) return undefined;
  return `file extension '${ext}' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt`;
}

function isYamlFile(fileName: string): boolean {
  const ext = extOf(fileName).toLowerCase();
  return ext === '.yaml' || ext === '.yml';
}

/** validateTopIndentLevel: the first non-blank line must not be indented. */
function topIndentProblem(content: string): string | undefined {
  for (const raw of content.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    if (line.startsWith(' ') || line.startsWith('\t'))
      return `document starts with an illegal indent: ${sprintf('%q', line)}, which may cause parsing problems`;
    return undefined;
  }
  return undefined;
}

/** validateMatchSelector: a plain text search of the whole rendered file, as Helm does. */
function selectorProblem(head: K8sHead, content: string): string | undefined {
  if (!['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'].includes(head.kind)) return undefined;
  if (content.includes('matchLabels') || content.includes('matchExpressions')) return undefined;
  return `a ${head.kind} must contain matchLabels or matchExpressions, and ${sprintf('%q', head.name)} does not`;
}

/** validateListAnnotations: Helm reads the file's first document as the List. */
function listAnnotationProblem(head: K8sHead, content: string): string | undefined {
  if (head.kind !== 'List') return undefined;
  const first = decodeMaps(content)[0];
  const items = first ? fieldCI(first, 'items') : undefined;
  if (!Array.isArray(items)) return undefined;
  for (const item of items) {
    const md = isMap(item) ? fieldCI(item, 'metadata') : undefined;
    const ann = isMap(md) ? fieldCI(md, 'annotations') : undefined;
    if (isMap(ann) && Object.hasOwn(ann, 'helm.sh/resource-policy'))
      return "annotation 'helm.sh/resource-policy' within List objects are ignored";
  }
  return undefined;
}

function fieldCI(m: GoMap, name: string): unknown {
  if (Object.hasOwn(m, name)) return m[name];
  const key = Object.keys(m).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : m[key];
}
