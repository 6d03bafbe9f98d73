/**
 * `helm lint`: Helm's chart lint rules (Chart.yaml, values and schema, templates rendered in lint
 * mode, dependencies, CRDs) with Helm's messages.
 */

export {
  hasWarningsOrErrors,
  isArchivePath,
  Lint,
  type LintOptions,
  type LintResult,
  runAllRules,
} from './lint.ts';
export { formatMessage, Linter, type LintMessage, Severity } from './support.ts';
