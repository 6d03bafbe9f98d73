/**
 * Flags of `bosun helm template`. Cheap to load: the rendering code is imported by the action.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import type { TemplateOptions } from './template.ts';
import { addValuesFlags, collect, collectSlice, valueOptions } from './values-flags.ts';

export function registerTemplate(cmd: Command): void {
  addValuesFlags(cmd)
    .usage('[NAME] [CHART] [flags]')
    .argument('[args...]')
    .allowExcessArguments(true)
    .option('-n, --namespace <namespace>', 'namespace scope for this request')
    .option(
      '-s, --show-only <template>',
      'only show manifests rendered from the given templates',
      collect,
      [],
    )
    .option('--include-crds', 'include CRDs in the templated output')
    .option('--skip-crds', 'if set, no CRDs will be installed')
    .option('--output-dir <dir>', 'writes the executed templates to files in output-dir instead of stdout')
    .option('--release-name', 'use release name in the output-dir path.')
    .option('--is-upgrade', 'set .Release.IsUpgrade instead of .Release.IsInstall')
    .option('--kube-version <version>', 'Kubernetes version used for Capabilities.KubeVersion')
    .option(
      '-a, --api-versions <versions>',
      'Kubernetes api versions used for Capabilities.APIVersions',
      collectSlice,
      [],
    )
    .option('--no-hooks', 'prevent hooks from running during install')
    .option('--skip-tests', 'skip tests from templated output')
    .option('--dry-run [mode]', 'client (the only mode without a cluster)')
    .option('--skip-schema-validation', 'disable JSON schema validation')
    .action(async (args: string[], o: Record<string, unknown>) => {
      // the chart, engine and template rooms load only when the command runs
      const { runTemplate } = await import('./template.ts');
      const result = runTemplate(templateOptionsFrom(args, o));
      for (const w of result.writes) {
        mkdirSync(dirname(w.path), { recursive: true });
        if (w.append) appendFileSync(w.path, w.content);
        else writeFileSync(w.path, w.content);
        process.stdout.write(`wrote ${w.path}\n`);
      }
      process.stdout.write(result.stdout);
    });
}

/** Parsed arguments and flags -> the template action's options (NameAndChart's argument rules). */
export function templateOptionsFrom(args: string[], o: Record<string, unknown>): TemplateOptions {
  if (args.length === 0) throw new UserError('"helm template" requires at least 1 argument');
  if (args.length > 2) {
    throw new UserError(`expected at most two arguments, unexpected arguments: ${args.slice(2).join(', ')}`);
  }
  const [releaseName, chartRef] = args.length === 2 ? [args[0], args[1]!] : [undefined, args[0]!];
  return {
    releaseName,
    chartRef,
    namespace: (o.namespace as string | undefined) ?? process.env.HELM_NAMESPACE ?? 'default',
    values: valueOptions(o),
    showOnly: o.showOnly as string[],
    includeCrds: Boolean(o.includeCrds),
    skipCrds: Boolean(o.skipCrds),
    outputDir: o.outputDir as string | undefined,
    useReleaseName: Boolean(o.releaseName),
    isUpgrade: Boolean(o.isUpgrade),
    kubeVersion: o.kubeVersion as string | undefined,
    apiVersions: o.apiVersions as string[],
    // commander turns --no-hooks into hooks=false
    noHooks: o.hooks === false,
    skipTests: Boolean(o.skipTests),
    skipSchemaValidation: Boolean(o.skipSchemaValidation),
  };
}
