/**
 * Chart.yaml rules (Helm's lint/rules/chartfile.go): parse, strict parse, name, apiVersion,
 * version (type, SemVer, > 0.0.0-0, strict SemVer 2), appVersion type, maintainers, sources,
 * icon, and the v2-only `type` and `dependencies`.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { typeOf } from '../../template/index.ts';
import { API_VERSION_V1, API_VERSION_V2, decodeMetadata, emptyMetadata, type Metadata } from '../chart.ts';
import { parseVersion } from '../semver.ts';
import { decodeYaml } from '../yaml.ts';
import { type Linter, problemOf, Severity } from './support.ts';
import { isEmail, isRequestUrl, isUrl } from './urls.ts';

const CHART_FILE = 'Chart.yaml';

export function lintChartfile(linter: Linter): void {
  const path = join(linter.chartDir, CHART_FILE);
  linter.rule(Severity.Error, CHART_FILE, notDirectory(path));

  let text = '';
  let md: Metadata | undefined;
  const loadProblem = problemOf(() => {
    text = readFileSync(path, 'utf8');
    md = decodeMetadata(text, emptyMetadata());
  });
  if (!linter.rule(Severity.Error, CHART_FILE, loadProblem && `unable to parse YAML\n\t${loadProblem}`))
    return;
  const meta = md!;

  const unknown = unknownField(text);
  linter.rule(
    Severity.Warning,
    CHART_FILE,
    unknown && `failed to strictly parse chart metadata file\n\t${unknown}`,
  );

  let raw: Record<string, unknown> = {};
  try {
    const v = decodeYaml(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) raw = v as Record<string, unknown>;
  } catch {
    // a parse error was reported above
  }

  linter.rule(Severity.Error, CHART_FILE, nameProblem(meta));
  linter.rule(Severity.Error, CHART_FILE, apiVersionProblem(meta));
  linter.rule(Severity.Error, CHART_FILE, stringTypeProblem(raw, 'version'));
  linter.rule(Severity.Error, CHART_FILE, versionProblem(meta));
  linter.rule(Severity.Error, CHART_FILE, stringTypeProblem(raw, 'appVersion'));
  linter.rule(Severity.Error, CHART_FILE, maintainerProblem(meta));
  linter.rule(Severity.Error, CHART_FILE, sourcesProblem(meta));
  linter.rule(Severity.Info, CHART_FILE, meta.icon === '' ? 'icon is recommended' : undefined);
  linter.rule(
    Severity.Error,
    CHART_FILE,
    meta.icon !== '' && !isRequestUrl(meta.icon) ? `invalid icon URL '${meta.icon}'` : undefined,
  );
  linter.rule(Severity.Error, CHART_FILE, typeProblem(meta));
  linter.rule(Severity.Error, CHART_FILE, dependenciesProblem(meta));
  linter.rule(
    Severity.Warning,
    CHART_FILE,
    isStrictSemver(meta.version) ? undefined : `version '${meta.version}' is not a valid SemVerV2`,
  );
}

function notDirectory(path: string): string | undefined {
  try {
    return statSync(path).isDirectory() ? 'should be a file, not a directory' : undefined;
  } catch {
    return undefined;
  }
}

const METADATA_FIELDS = new Set([
  'name',
  'home',
  'sources',
  'version',
  'description',
  'keywords',
  'maintainers',
  'icon',
  'apiversion',
  'condition',
  'tags',
  'appversion',
  'deprecated',
  'annotations',
  'kubeversion',
  'dependencies',
  'type',
]);
const MAINTAINER_FIELDS = new Set(['name', 'email', 'url']);
const DEPENDENCY_FIELDS = new Set([
  'name',
  'version',
  'repository',
  'condition',
  'tags',
  'enabled',
  'import-values',
  'alias',
]);

/**
 * yaml.UnmarshalStrict's unknown-field error. sigs.k8s.io/yaml goes through JSON with sorted
 * keys, and encoding/json matches field names case-insensitively, so the first unknown key in
 * sorted order (recursing into maintainers and dependencies as they come) is the one reported.
 */
function unknownField(text: string): string | undefined {
  const dups = duplicateKeys(text);
  if (dups !== undefined) return dups;
  let doc: unknown;
  try {
    doc = decodeYaml(text);
  } catch {
    return undefined;
  }
  const first = (
    obj: unknown,
    fields: Set<string>,
    nested?: Record<string, Set<string>>,
  ): string | undefined => {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
    for (const k of Object.keys(obj).sort()) {
      if (!fields.has(k.toLowerCase())) return k;
      const inner = nested?.[k.toLowerCase()];
      const v = (obj as Record<string, unknown>)[k];
      if (inner && Array.isArray(v)) {
        for (const item of v) {
          const u = first(item, inner);
          if (u !== undefined) return u;
        }
      }
    }
    return undefined;
  };
  const u = first(doc, METADATA_FIELDS, { maintainers: MAINTAINER_FIELDS, dependencies: DEPENDENCY_FIELDS });
  return u === undefined
    ? undefined
    : `error unmarshaling JSON: while decoding JSON: json: unknown field ${JSON.stringify(u)}`;
}

function nameProblem(md: Metadata): string | undefined {
  if (md.name === '') return 'name is required';
  // filepath.Base: the last element, trailing slashes removed
  const trimmed = md.name.replace(/\/+$/, '');
  const base = trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
  if (base !== md.name) return `chart name ${JSON.stringify(md.name)} is invalid`;
  return undefined;
}

function apiVersionProblem(md: Metadata): string | undefined {
  if (md.apiVersion === '') return 'apiVersion is required. The value must be either "v1" or "v2"';
  if (md.apiVersion !== API_VERSION_V1 && md.apiVersion !== API_VERSION_V2)
    return `apiVersion '${md.apiVersion}' is not valid. The value must be either "v1" or "v2"`;
  return undefined;
}

function stringTypeProblem(raw: Record<string, unknown>, key: string): string | undefined {
  if (!Object.hasOwn(raw, key)) return undefined;
  const t = typeOf(raw[key]);
  return t === 'string' ? undefined : `${key} should be of type string but it's of type ${t}`;
}

function versionProblem(md: Metadata): string | undefined {
  if (md.version === '') return 'version is required';
  const v = parseVersion(md.version);
  if (!v) return `version '${md.version}' is not a valid SemVer`;
  // the constraint ">0.0.0-0" rejects only 0.0.0-0 itself
  if (v.major === 0n && v.minor === 0n && v.patch === 0n && v.pre === '0')
    return `version ${md.version} is less than or equal to 0.0.0-0`;
  return undefined;
}

const STRICT_SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function isStrictSemver(v: string): boolean {
  return STRICT_SEMVER.test(v);
}

function maintainerProblem(md: Metadata): string | undefined {
  for (const m of md.maintainers) {
    if (!m) return 'a maintainer entry is empty';
    if (m.name === '') return 'each maintainer requires a name';
    if (m.email !== '' && !isEmail(m.email)) return `invalid email '${m.email}' for maintainer '${m.name}'`;
    if (m.url !== '' && !isUrl(m.url)) return `invalid url '${m.url}' for maintainer '${m.name}'`;
  }
  return undefined;
}

function sourcesProblem(md: Metadata): string | undefined {
  for (const s of md.sources) {
    if (s === '' || !isRequestUrl(s)) return `invalid source URL '${s}'`;
  }
  return undefined;
}

function typeProblem(md: Metadata): string | undefined {
  if (md.type !== '' && md.apiVersion !== API_VERSION_V2)
    return `chart type is not valid in apiVersion '${md.apiVersion}'. It is valid in apiVersion '${API_VERSION_V2}'`;
  return undefined;
}

function dependenciesProblem(md: Metadata): string | undefined {
  if (md.dependencies.length > 0 && md.apiVersion !== API_VERSION_V2)
    return `dependencies are not valid in the Chart file with apiVersion '${md.apiVersion}'. They are valid in apiVersion '${API_VERSION_V2}'`;
  return undefined;
}

/** go-yaml's strict mode: every key repeated within one mapping, by line. */
function duplicateKeys(text: string): string | undefined {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, version: '1.1' });
  const lines = doc.errors
    .filter((e) => e.code === 'DUPLICATE_KEY')
    .map((e) => {
      const key = /^([^\n]*?):/.exec(text.slice(e.pos[0]))?.[1]?.trim() ?? '';
      return `  line ${lc.linePos(e.pos[0]).line}: key ${JSON.stringify(key)} already set in map`;
    });
  return lines.length === 0
    ? undefined
    : `error converting YAML to JSON: yaml: unmarshal errors:\n${lines.join('\n')}`;
}
