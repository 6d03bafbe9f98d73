/**
 * `bosun helm package CHART_PATH...`: package chart directories into versioned archives.
 * Cheap to load: the chart room is imported by the action.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';

export interface PackageCliOptions {
  version?: string;
  appVersion?: string;
  destination?: string;
  dependencyUpdate?: boolean;
  sign?: boolean;
}

export function registerPackage(cmd: Command): void {
  cmd
    .usage('[CHART_PATH] [...] [flags]')
    .argument('[paths...]')
    .option('--sign', 'use a PGP private key to sign this package')
    .option('--key <key>', 'name of the key to use when signing. Used if --sign is true')
    .option('--keyring <path>', 'location of a public keyring')
    .option(
      '--passphrase-file <path>',
      'location of a file which contains the passphrase for the signing key',
    )
    .option('--version <version>', 'set the version on the chart to this semver version')
    .option('--app-version <version>', 'set the appVersion on the chart to this version')
    .option('-d, --destination <dir>', 'location to write the chart.', '.')
    .option(
      '-u, --dependency-update',
      'update dependencies from "Chart.yaml" to dir "charts/" before packaging',
    )
    .option('--username <name>', 'chart repository username where to locate the requested chart')
    .option('--password <password>', 'chart repository password where to locate the requested chart')
    .option('--cert-file <file>', 'identify HTTPS client using this SSL certificate file')
    .option('--key-file <file>', 'identify HTTPS client using this SSL key file')
    .option('--ca-file <file>', 'verify certificates of HTTPS-enabled servers using this CA bundle')
    .option('--insecure-skip-tls-verify', 'skip tls certificate checks for the chart download')
    .option('--plain-http', 'use insecure HTTP connections for the chart download')
    .action(async (paths: string[], o: PackageCliOptions) => {
      await runPackage(paths, o, (text) => process.stdout.write(text));
    });
}

/** The package command: prints each archive's path as it is written; throws UserError on failure. */
export async function runPackage(
  paths: string[],
  o: PackageCliOptions,
  write: (text: string) => void,
): Promise<void> {
  if (paths.length === 0) throw new UserError('need at least one argument, the path to the chart');
  if (o.sign) throw new UserError('signing packages (--sign) is not supported by bosun yet');
  const { Package } = await import('../../chart/save/index.ts');
  const { Manager } = await import('../../chart/deps/index.ts');
  for (const arg of paths) {
    const path = resolve(arg);
    try {
      statSync(arg);
    } catch {
      throw new UserError(`stat ${arg}: no such file or directory`);
    }
    try {
      // Helm discards the manager's progress output here
      if (o.dependencyUpdate) new Manager(path).update();
      const p = new Package();
      p.version = o.version ?? '';
      p.appVersion = o.appVersion ?? '';
      p.destination = o.destination ?? '.';
      const saved = p.run(path);
      write(`Successfully packaged chart and saved it to: ${saved}\n`);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
  }
}
