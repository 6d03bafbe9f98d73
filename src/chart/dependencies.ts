/**
 * Dependency processing before rendering (Helm's chartutil.ProcessDependencies): aliases become
 * copies of the subchart under the alias name, tags and conditions switch subcharts off (a
 * condition's first bool wins over tags), and import-values pull child values up into the parent.
 */
import { type GoMap, isMap, sprint } from '../template/index.ts';
import type { Chart, Dependency } from './chart.ts';
import { isCompatibleRange } from './semver.ts';
import {
  coalesceTables,
  coalesceValues,
  deepCopy,
  mergeTables,
  mergeValues,
  pathValue,
  stderrWarn,
  valuesTable,
  type Warn,
} from './values.ts';

/** chartutil.ProcessDependencies; mutates the chart tree. */
export function processDependencies(c: Chart, vals: GoMap, warn: Warn = stderrWarn): void {
  processDependencyEnabled(c, vals, '', warn);
  processDependencyImportValues(c, true, warn);
}

function processDependencyConditions(reqs: Dependency[], cvals: GoMap, cpath: string, warn: Warn): void {
  for (const r of reqs) {
    for (const c of r.condition.trim().split(',')) {
      if (c.length === 0) continue;
      const pv = pathValue(cvals, cpath + c);
      if (!pv.found) continue;
      if (typeof pv.value === 'boolean') {
        r.enabled = pv.value;
        break;
      }
      warn(`level=WARN msg="returned non-bool value" path=${c} chart=${r.name}`);
    }
  }
}

function processDependencyTags(reqs: Dependency[], cvals: GoMap, warn: Warn): void {
  const vt = valuesTable(cvals, 'tags');
  if (!vt) return;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags) {
      if (!Object.hasOwn(vt, k)) continue;
      const b = vt[k];
      if (typeof b === 'boolean') {
        if (b) hasTrue = true;
        else hasFalse = true;
      } else {
        warn(`level=WARN msg="returned non-bool value" tag=${k} chart=${r.name}`);
      }
    }
    if (!hasTrue && hasFalse) r.enabled = false;
    else r.enabled = true;
  }
}

function getAliasDependency(charts: Chart[], dep: Dependency): Chart | undefined {
  for (const c of charts) {
    if (c.name() !== dep.name) continue;
    if (!isCompatibleRange(dep.version, c.metadata.version)) continue;
    const out = c.copy();
    out.setDependencies(...c.dependencies.map((d) => d.copyShallow()));
    if (dep.alias !== '') out.metadata.name = dep.alias;
    return out;
  }
  return undefined;
}

function processDependencyEnabled(c: Chart, v: GoMap, path: string, warn: Warn): void {
  const reqs = c.metadata.dependencies.filter((d): d is Dependency => d !== null);
  // Go tests for a nil slice; an empty list behaves the same for every chart we meet
  if (c.metadata.dependencies.length === 0) return;

  const chartDependencies: Chart[] = [];
  // subcharts that no Chart.yaml entry claims stay as they are
  for (const existing of c.dependencies) {
    const claimed = reqs.some(
      (req) => existing.name() === req.name && isCompatibleRange(req.version, existing.metadata.version),
    );
    if (!claimed) chartDependencies.push(existing);
  }
  for (const req of reqs) {
    const dep = getAliasDependency(c.dependencies, req);
    if (dep) chartDependencies.push(dep);
    if (req.alias !== '') req.name = req.alias;
  }
  c.setDependencies(...chartDependencies);

  for (const r of reqs) r.enabled = true;
  const cvals = coalesceValues(c, v, warn);
  processDependencyTags(reqs, cvals, warn);
  processDependencyConditions(reqs, cvals, path, warn);

  const disabled = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name));
  const kept = c.dependencies.filter((d) => !disabled.has(d.metadata.name));
  const keptMeta = reqs.filter((r) => !disabled.has(r.name));
  for (const t of kept) processDependencyEnabled(t, cvals, `${path}${t.metadata.name}.`, warn);
  c.metadata.dependencies = keptMeta;
  c.setDependencies(...kept);
}

/** `parent` as a nested map holding `data` at that dotted path ("." is the root). */
function pathToMap(path: string, data: GoMap): GoMap {
  if (path === '.') return data;
  let cur: GoMap = data;
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) cur = { [parts[i]!]: cur };
  return cur;
}

function processImportValues(c: Chart, merge: boolean, warn: Warn): void {
  if (c.metadata.dependencies.length === 0) return;
  let cvals = merge ? mergeValues(c, null, warn) : coalesceValues(c, null, warn);
  let b: GoMap = {};
  for (const r of c.metadata.dependencies) {
    if (!r) continue;
    const outiv: unknown[] = [];
    for (const riv of r.importValues) {
      if (isMap(riv)) {
        const child = sprint(riv.child ?? null);
        const parent = sprint(riv.parent ?? null);
        outiv.push({ child, parent });
        const vv = valuesTable(cvals, `${r.name}.${child}`);
        if (!vv) {
          warn(
            `level=WARN msg="ImportValues missing table from chart" chart=${r.name} error=${JSON.stringify(`${JSON.stringify(tableMissKey(cvals, `${r.name}.${child}`))} is not a table`)}`,
          );
          continue;
        }
        const m = pathToMap(parent, deepCopy(vv));
        b = merge ? mergeTables(b, m, warn) : coalesceTables(b, m, warn);
      } else if (typeof riv === 'string') {
        const child = `exports.${riv}`;
        outiv.push({ child, parent: '.' });
        const vm = valuesTable(cvals, `${r.name}.${child}`);
        if (!vm) {
          warn(
            `level=WARN msg="ImportValues missing table" error=${JSON.stringify(`${JSON.stringify(tableMissKey(cvals, `${r.name}.${child}`))} is not a table`)}`,
          );
          continue;
        }
        b = merge ? mergeTables(b, deepCopy(vm), warn) : coalesceTables(b, deepCopy(vm), warn);
      }
    }
    r.importValues = outiv;
  }
  if (merge) {
    cvals = deepCopy(cvals);
    c.values = mergeTables(cvals, b, warn);
  } else {
    c.values = coalesceTables(trimNilValues(cvals), b, warn);
  }
}

/** The first key along a dotted path that is missing or not a table (Values.Table's ErrNoTable key). */
function tableMissKey(v: GoMap, path: string): string {
  let cur: unknown = v;
  for (const part of path.split('.')) {
    if (!isMap(cur) || !Object.hasOwn(cur, part) || !isMap(cur[part])) return part;
    cur = cur[part];
  }
  return path;
}

function trimNilValues(vals: GoMap): GoMap {
  const out = deepCopy(vals);
  for (const key of Object.keys(out)) {
    const v = out[key];
    if (v === null) delete out[key];
    else if (isMap(v)) out[key] = trimNilValues(v);
  }
  return out;
}

function processDependencyImportValues(c: Chart, merge: boolean, warn: Warn): void {
  for (const d of c.dependencies) processDependencyImportValues(d, merge, warn);
  processImportValues(c, merge, warn);
}
