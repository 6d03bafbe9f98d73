/**
 * The CRDs rule (Helm's lint/rules/crds.go): files under crds/ are plain YAML (never templates)
 * declaring apiextensions.k8s.io CustomResourceDefinitions.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Chart } from '../chart.ts';
import { loadChart } from '../load.ts';
import { decodeHeads } from './documents.ts';
import { type Linter, problemOf, Severity } from './support.ts';

const CRDS_DIR = 'crds/';

export function lintCrds(linter: Linter): void {
  const dir = join(linter.chartDir, CRDS_DIR);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // crds/ is optional
    return;
  }
  if (!linter.rule(Severity.Error, CRDS_DIR, isDir ? undefined : 'not a directory')) return;

  let chart: Chart | undefined;
  const loadProblem = problemOf(() => {
    chart = loadChart(linter.chartDir);
  });
  if (!linter.rule(Severity.Error, CRDS_DIR, loadProblem)) return;

  for (const crd of chart!.crdObjects()) {
    const { heads, error } = decodeHeads(new TextDecoder().decode(crd.file.data));
    for (const head of heads) {
      if (!head) continue;
      linter.rule(
        Severity.Error,
        crd.name,
        head.apiVersion.startsWith('apiextensions.k8s.io')
          ? undefined
          : "apiVersion is not in 'apiextensions.k8s.io'",
      );
      linter.rule(
        Severity.Error,
        crd.name,
        head.kind === 'CustomResourceDefinition'
          ? undefined
          : "object kind is not 'CustomResourceDefinition'",
      );
    }
    if (error !== undefined) {
      linter.rule(Severity.Error, crd.name, `unable to parse YAML: ${error}`);
      return;
    }
  }
}
