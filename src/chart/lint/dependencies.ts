/**
 * The dependencies rule (Helm's lint/rules/dependencies.go): every dependency in Chart.yaml has
 * a chart under charts/ and the other way round, and no two share a name or alias.
 */
import type { Chart } from '../chart.ts';
import { loadDir } from '../load.ts';
import { type Linter, Severity } from './support.ts';

export function lintDependencies(linter: Linter): void {
  let chart: Chart;
  try {
    chart = loadDir(linter.chartDir);
  } catch (e) {
    linter.rule(Severity.Error, '', `unable to load chart\n\t${(e as Error).message}`);
    return;
  }
  const declared = chart.metadata.dependencies.filter((d) => d !== null);
  const present = new Set(chart.dependencies.map((d) => d.name()));
  const names = new Set(declared.map((d) => d.name));

  const notDeclared = chart.dependencies.map((d) => d.name()).filter((n) => !names.has(n));
  linter.rule(
    Severity.Error,
    linter.chartDir,
    notDeclared.length > 0
      ? `chart metadata is missing these dependencies: ${notDeclared.join(',')}`
      : undefined,
  );

  const seen = new Set<string>();
  const shadowing: string[] = [];
  for (const d of declared) {
    const key = d.alias !== '' ? d.alias : d.name;
    if (seen.has(key)) shadowing.push(key);
    seen.add(key);
  }
  linter.rule(
    Severity.Error,
    linter.chartDir,
    shadowing.length > 0 ? `multiple dependencies with name or alias: ${shadowing.join(',')}` : undefined,
  );

  const missing = declared.map((d) => d.name).filter((n) => !present.has(n));
  linter.rule(
    Severity.Warning,
    linter.chartDir,
    missing.length > 0 ? `chart directory is missing these dependencies: ${missing.join(',')}` : undefined,
  );
}
