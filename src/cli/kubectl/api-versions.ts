/** `kubectl api-versions`: every group/version the server serves, sorted, one a line. */
import { runCommand } from './session.ts';

export function runApiVersions(argv: string[]): Promise<void> {
  return runCommand('api-versions', argv, [], async (_flags, sessionOf) => {
    const session = sessionOf();
    const [core, groups] = await Promise.all([
      session.rest.json('GET', '/api', { accept: 'application/json' }),
      session.rest.json('GET', '/apis', { accept: 'application/json' }),
    ]);
    const versions: string[] = [...(core.versions ?? [])];
    for (const g of groups.groups ?? []) for (const v of g.versions ?? []) versions.push(v.groupVersion);
    // Go's sort.Strings: byte order
    versions.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    process.stdout.write(versions.map((v) => `${v}\n`).join(''));
    return 0;
  });
}
