/**
 * Template conformance suite: every case in cases/<area>.yaml was rendered by the real helm
 * (scripts/record-conformance.mjs) through a throw-away chart; here each is rendered with our
 * engine, with the same file names and the same top-level objects, and compared with the
 * recording. One test per area prints one line per failing case and a summary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { capabilitiesObject, defaultCapabilities } from '../../../src/engine/index.ts';
import { decodeYaml } from '../../../src/template/encoding/yaml.ts';
import * as engine from '../../../src/template/index.ts';
import { GO, type GoObject, type GoObjectInfo, MAP_TYPE } from '../../../src/template/value.ts';

interface ConformanceCase {
  name: string;
  template: string;
  values?: string;
  helpers?: string;
  output?: string;
  output2?: string;
  error?: string;
  volatile?: boolean;
  /** A known difference from Go, with the reason; the case must still differ (so a fix is noticed). */
  divergence?: string;
}

/** The engine entry point the suite is written against (see test/template/conformance/README.md). */
type RenderTemplates = (
  files: Map<string, string>,
  data: Record<string, unknown>,
  opts?: Record<string, unknown>,
) => Map<string, string>;

const casesDir = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const NOTES = 't/templates/NOTES.txt';
const HELPERS = 't/templates/_helpers.tpl';

function loadArea(area: string): ConformanceCase[] {
  const cases = YAML.parse(readFileSync(join(casesDir, `${area}.yaml`), 'utf8')) as ConformanceCase[];
  if (!Array.isArray(cases)) throw new Error(`${area}.yaml: expected a list of cases`);
  return cases;
}

/** A Go value of a named non-map type (e.g. common.Values) is a map tagged with its type name. */
function typedMap<T extends object>(type: string, m: T): T {
  Object.defineProperty(m, MAP_TYPE, { value: type, enumerable: false, configurable: true });
  return m;
}

function goObject(info: GoObjectInfo): GoObject {
  return { [GO]: info };
}

/** Helm 4 passes .Chart as a map of the chart metadata (not the *chart.Metadata struct of Helm 3). */
function chartObject(): Record<string, unknown> {
  return {
    APIVersion: 'v2',
    // a nil map[string]string in Go: toYaml prints null
    Annotations: null,
    AppVersion: '',
    Condition: '',
    Dependencies: [],
    Deprecated: false,
    Description: '',
    Home: '',
    Icon: '',
    IsRoot: true,
    Keywords: [],
    KubeVersion: '',
    Maintainers: [],
    Name: 't',
    Sources: [],
    Tags: '',
    Type: '',
    Version: '0.1.0',
  };
}

/** The chart has no files besides its templates, so every lookup finds nothing. */
function filesObject(): GoObject {
  return goObject({
    type: 'engine.files',
    kind: 'map',
    method: (name) =>
      name === 'Get'
        ? () => ''
        : name === 'GetBytes'
          ? () => []
          : name === 'Glob'
            ? () => filesObject()
            : undefined,
  });
}

function renderData(values: string | undefined): Record<string, unknown> {
  const decoded = values === undefined ? null : decodeYaml(values);
  return {
    Values: typedMap('common.Values', (decoded ?? {}) as Record<string, unknown>),
    Release: {
      Name: 'x',
      Namespace: 'default',
      IsInstall: true,
      IsUpgrade: false,
      Revision: 1n,
      Service: 'Helm',
    },
    Chart: chartObject(),
    // helm v4.1.4's defaults without a cluster, as the engine room models them
    Capabilities: capabilitiesObject(defaultCapabilities()),
    Files: filesObject(),
    Subcharts: {},
  };
}

type Outcome = { output: string } | { error: string };

function render(render: RenderTemplates, c: ConformanceCase): Outcome {
  const files = new Map([[NOTES, `<<<${c.template}>>>`]]);
  if (c.helpers !== undefined) files.set(HELPERS, c.helpers);
  try {
    const out = render(files, renderData(c.values)).get(NOTES);
    if (out === undefined) return { error: `(bosun) no output for ${NOTES}` };
    return { output: out.startsWith('<<<') && out.endsWith('>>>') ? out.slice(3, -3) : out };
  } catch (e) {
    if (e instanceof Error && e.name === 'TemplateError') return { error: e.message.trim() };
    // values that fail to decode are helm errors too, but anything else is a crash of ours
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { error: `(bosun crash) ${msg}` };
  }
}

const RANDOM_CHAR = /[A-Za-z0-9+/=_-]/;

/**
 * Two recordings that differ come from random functions: the output must keep what both runs
 * share at the edges (minus random-looking characters that matched by chance) and have a length
 * within the two runs' range.
 */
function matchesTwoRun(got: string, a: string, b: string): boolean {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  while (p > 0 && RANDOM_CHAR.test(a[p - 1]!)) p--;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  while (s > 0 && RANDOM_CHAR.test(a[a.length - s]!)) s--;
  const min = Math.min(a.length, b.length);
  const max = Math.max(a.length, b.length);
  return (
    got.startsWith(a.slice(0, p)) &&
    got.endsWith(a.slice(a.length - s)) &&
    got.length >= min &&
    got.length <= max
  );
}

/** Why the case fails, or undefined when it passes. */
function check(c: ConformanceCase, got: Outcome): string | undefined {
  if (c.output === undefined && c.error === undefined)
    return 'not recorded (run node scripts/record-conformance.mjs)';
  const show = (s: string) => JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}...` : s);
  if (c.volatile) {
    const wantError = c.error !== undefined;
    return wantError === 'error' in got
      ? undefined
      : `volatile: expected ${wantError ? 'an error' : 'output'}`;
  }
  if (c.error !== undefined) {
    if ('error' in got)
      return got.error === c.error ? undefined : `error ${show(got.error)}, want ${show(c.error)}`;
    return `output ${show(got.output)}, want error ${show(c.error)}`;
  }
  if ('error' in got) return `error ${show(got.error)}, want output ${show(c.output!)}`;
  if (c.output2 !== undefined)
    return matchesTwoRun(got.output, c.output!, c.output2)
      ? undefined
      : `output ${show(got.output)}, want like ${show(c.output!)} / ${show(c.output2)}`;
  return got.output === c.output ? undefined : `output ${show(got.output)}, want ${show(c.output!)}`;
}

const areas = readdirSync(casesDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();
const totals = { passed: 0, failed: 0, volatile: 0, divergent: 0 };

describe('template conformance (recorded from helm v4.1.4)', () => {
  afterAll(() => {
    console.log(
      `conformance total: ${totals.passed} passed, ${totals.failed} failed` +
        (totals.volatile ? ` (${totals.volatile} volatile, not counted)` : '') +
        (totals.divergent ? `, ${totals.divergent} known divergences (see their divergence: notes)` : ''),
    );
  });

  it.each(areas)(
    '%s',
    (area) => {
      const cases = loadArea(area);
      const names = new Set<string>();
      const renderTemplates = (engine as Record<string, unknown>).renderTemplates as
        | RenderTemplates
        | undefined;
      if (!renderTemplates) {
        totals.failed += cases.length;
        throw new Error(
          `renderTemplates is not exported by src/template/index.ts yet (${cases.length} cases)`,
        );
      }
      const failures: string[] = [];
      let passed = 0;
      for (const c of cases) {
        if (names.has(c.name)) failures.push(`${area}/${c.name}: duplicate case name`);
        names.add(c.name);
        const why = check(c, render(renderTemplates, c));
        if (c.divergence !== undefined) {
          totals.divergent++;
          if (why === undefined) failures.push(`${area}/${c.name}: passes now; remove its divergence note`);
          continue;
        }
        if (c.volatile) totals.volatile++;
        if (why === undefined) {
          if (!c.volatile) passed++;
        } else failures.push(`${area}/${c.name}: ${why}`);
      }
      totals.passed += passed;
      totals.failed += failures.length;
      const counted = cases.filter((c) => !c.volatile && c.divergence === undefined).length;
      if (failures.length) console.log(failures.join('\n'));
      console.log(`${area}: ${passed} passed, ${failures.length} failed of ${counted}`);
      // the list is printed above; the assertion only names the count, to keep the report short
      expect(failures.length, `${failures.length} failing ${area} cases`).toBe(0);
    },
    300_000,
  );
});
