/**
 * `bosun helm lint PATH...` (Helm's pkg/cmd/lint.go): flags, the optional walk into charts/,
 * and Helm's report: `==> Linting PATH`, one line per finding, then the summary, which becomes
 * the error when a chart failed. The lint rules load only when the command runs.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { ValueOptions } from '../../chart/index.ts';
import { UserError } from '../errors.ts';
import { addValuesFlags, valueOptions } from './values-flags.ts';

export interface LintCommandOptions {
  paths: string[];
  strict: boolean;
  withSubcharts: boolean;
  quiet: boolean;
  skipSchemaValidation: boolean;
  kubeVersion?: string;
  namespace: string;
  values: ValueOptions;
}

export function registerLint(cmd: Command): void {
  addValuesFlags(cmd)
    .usage('PATH [flags]')
    .argument('[paths...]')
    .option('--strict', 'fail on lint warnings')
    .option('--with-subcharts', 'lint dependent charts')
    .option('--quiet', 'print only warnings and errors')
    .option('--skip-schema-validation', 'if set, disables JSON schema validation')
    .option('--kube-version <version>', 'Kubernetes version used for capabilities and deprecation checks')
    .option('-n, --namespace <namespace>', 'namespace scope for this request')
    .action(async (paths: string[], o: Record<string, unknown>) => {
      const out = await runLintCommand({
        paths,
        strict: Boolean(o.strict),
        withSubcharts: Boolean(o.withSubcharts),
        quiet: Boolean(o.quiet),
        skipSchemaValidation: Boolean(o.skipSchemaValidation),
        kubeVersion: o.kubeVersion as string | undefined,
        namespace: (o.namespace as string | undefined) ?? process.env.HELM_NAMESPACE ?? 'default',
        values: valueOptions(o),
      });
      process.stdout.write(out.stdout);
      if (out.failure !== undefined) throw new UserError(out.failure);
    });
}

/** What the command prints on stdout, and the error it ends with when a chart failed. */
export async function runLintCommand(
  opts: LintCommandOptions,
  log?: (line: string) => void,
): Promise<{ stdout: string; failure?: string }> {
  if (opts.paths.length === 0)
    throw new UserError('"helm lint" requires at least 1 argument\n\nUsage:  helm lint PATH [flags]');
  const [{ Lint, hasWarningsOrErrors, formatMessage, Severity }, { parseKubeVersion }, { mergeUserValues }] =
    await Promise.all([
      import('../../chart/lint/index.ts'),
      import('../../engine/index.ts'),
      import('../../chart/index.ts'),
    ]);

  let kubeVersion: ReturnType<typeof parseKubeVersion> | undefined;
  if (opts.kubeVersion) {
    try {
      kubeVersion = parseKubeVersion(opts.kubeVersion);
    } catch (e) {
      throw new UserError(`invalid kube version '${opts.kubeVersion}': ${(e as Error).message}`);
    }
  }

  const paths = [...opts.paths];
  if (opts.withSubcharts) for (const p of opts.paths) paths.push(...subchartPaths(p));

  let vals: Record<string, unknown>;
  try {
    vals = mergeUserValues(opts.values);
  } catch (e) {
    throw new UserError((e as Error).message);
  }

  const lint = new Lint({
    strict: opts.strict,
    namespace: opts.namespace,
    skipSchemaValidation: opts.skipSchemaValidation,
    kubeVersion,
    log,
  });
  let out = '';
  let failed = 0;
  let withFindings = 0;
  for (const path of paths) {
    const result = lint.run([path], vals);
    const findings = hasWarningsOrErrors(result);
    if (findings) withFindings++;
    if (opts.quiet && !findings) continue;
    out += `==> Linting ${path}\n`;
    // a chart that could not be linted has only errors to show
    if (result.messages.length === 0) for (const e of result.errors) out += `Error ${e}\n`;
    for (const m of result.messages) {
      if (!opts.quiet || m.severity > Severity.Info) out += `${formatMessage(m)}\n`;
    }
    if (result.errors.length !== 0) failed++;
    out += '\n';
  }
  const summary = `${paths.length} chart(s) linted, ${failed} chart(s) failed`;
  if (failed > 0) return { stdout: out, failure: summary };
  if (!opts.quiet || withFindings > 0) out += `${summary}\n`;
  return { stdout: out };
}

/** The --with-subcharts walk of PATH/charts: chart directories and archives, in lexical order. */
function subchartPaths(root: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    let st: ReturnType<typeof lstatSync>;
    try {
      st = lstatSync(path);
    } catch {
      return;
    }
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (name === 'Chart.yaml') found.push(path.slice(0, path.lastIndexOf('/')));
    else if (path.endsWith('.tgz') || path.endsWith('.tar.gz')) found.push(path);
    if (!st.isDirectory()) return;
    let entries: string[];
    try {
      entries = readdirSync(path);
    } catch {
      return;
    }
    for (const e of entries.sort()) walk(join(path, e));
  };
  walk(join(root, 'charts'));
  return found;
}
