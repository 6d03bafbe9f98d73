/**
 * `kubectl version`: the client's version (bosun speaks kubectl 1.35) and the server's from
 * `/version`, as text, `-o json` or `-o yaml`, with kubectl's warning when the two are more than
 * one minor version apart. Kustomize is not part of bosun, so there is no Kustomize line.
 */
import { yamlText } from '../../kube/printers/index.ts';
import type { FlagSpec } from './flags.ts';
import { errorText, KubectlError, runCommand } from './session.ts';

/** The kubectl release whose behaviour bosun kubectl reproduces. */
const kubectlRelease = { major: '1', minor: '35', gitVersion: 'v1.35.2' };

const versionSpecs: FlagSpec[] = [
  { name: 'client', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
];

/** What bosun knows about itself in the shape of k8s.io/apimachinery's version.Info. */
function clientInfo(): Record<string, string> {
  const arch: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' };
  return {
    ...kubectlRelease,
    gitCommit: '',
    gitTreeState: '',
    buildDate: '',
    goVersion: `node${process.versions.node}`,
    compiler: 'node',
    platform: `${process.platform}/${arch[process.arch] ?? process.arch}`,
  };
}

export function runVersion(argv: string[]): Promise<void> {
  return runCommand('version', argv, versionSpecs, async (flags, sessionOf) => {
    const output = flags.str('output');
    if (output && output !== 'yaml' && output !== 'json')
      throw new KubectlError("error: --output must be 'yaml' or 'json'");
    const info: Record<string, unknown> = { clientVersion: clientInfo() };
    let failure: unknown;
    if (!flags.bool('client')) {
      try {
        info.serverVersion = await sessionOf().rest.json('GET', '/version');
      } catch (e) {
        failure = e;
      }
    }
    const server = info.serverVersion as Record<string, string> | undefined;
    // json.MarshalIndent with two spaces, fields in version.Info's order
    if (output === 'json') process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
    // kubectl ends its YAML with an empty line
    else if (output === 'yaml') process.stdout.write(`${yamlText(info)}\n`);
    else {
      process.stdout.write(`Client Version: ${kubectlRelease.gitVersion}\n`);
      if (server) {
        process.stdout.write(`Server Version: ${server.gitVersion}\n`);
        const skew = Math.abs(Number.parseInt(server.minor, 10) - Number.parseInt(kubectlRelease.minor, 10));
        if (server.major === kubectlRelease.major && skew > 1)
          process.stderr.write(
            `WARNING: version difference between client (${kubectlRelease.major}.${kubectlRelease.minor}) and server (${server.major}.${Number.parseInt(server.minor, 10)}) exceeds the supported minor version skew of +/-1\n`,
          );
      }
    }
    if (failure) {
      process.stderr.write(`${errorText(failure)}\n`);
      return 1;
    }
    return 0;
  });
}
