/**
 * Helm's storage layer over a driver: records by name and revision, the history of a name,
 * the last and the deployed revision, and pruning to --history-max.
 */
import type { Release } from '../record.ts';
import { type Driver, NoDeployedReleasesError, ReleaseNotFoundError, releaseKey } from './driver.ts';

const byRevision = (a: Release, b: Release) => a.version - b.version;

export class Storage {
  /** 0 keeps every revision */
  maxHistory = 0;

  constructor(readonly driver: Driver) {}

  get(name: string, version: number): Promise<Release> {
    return this.driver.get(releaseKey(name, version));
  }

  async create(r: Release): Promise<void> {
    if (this.maxHistory > 0) {
      try {
        await this.removeLeastRecent(r.name, this.maxHistory - 1);
      } catch (e) {
        if (!(e instanceof ReleaseNotFoundError)) throw e;
      }
    }
    await this.driver.create(releaseKey(r.name, r.version), r);
  }

  update(r: Release): Promise<void> {
    return this.driver.update(releaseKey(r.name, r.version), r);
  }

  delete(name: string, version: number): Promise<Release> {
    return this.driver.delete(releaseKey(name, version));
  }

  list(filter: (r: Release) => boolean = () => true): Promise<Release[]> {
    return this.driver.list(filter);
  }

  /** Every revision of `name`, in the order the driver returns them; ReleaseNotFoundError when none. */
  history(name: string): Promise<Release[]> {
    return this.driver.query({ name, owner: 'helm' });
  }

  async deployedAll(name: string): Promise<Release[]> {
    try {
      return await this.driver.query({ name, owner: 'helm', status: 'deployed' });
    } catch (e) {
      if ((e as Error).message.includes('not found')) throw new NoDeployedReleasesError(name);
      throw e;
    }
  }

  async deployed(name: string): Promise<Release> {
    const all = await this.deployedAll(name);
    if (all.length === 0) throw new NoDeployedReleasesError(name);
    return all.sort(byRevision)[all.length - 1]!;
  }

  /** The highest revision of `name`. */
  async last(name: string): Promise<Release> {
    const h = await this.history(name);
    if (h.length === 0) throw new ReleaseNotFoundError();
    return h.sort(byRevision)[h.length - 1]!;
  }

  private async removeLeastRecent(name: string, maximum: number): Promise<void> {
    if (maximum < 0) return;
    const h = (await this.history(name)).sort(byRevision);
    if (h.length <= maximum) return;
    let lastDeployed: Release | undefined;
    try {
      lastDeployed = await this.deployed(name);
    } catch (e) {
      if (!(e instanceof NoDeployedReleasesError)) throw e;
    }
    const doomed: Release[] = [];
    for (const r of h) {
      if (h.length - doomed.length === maximum) break;
      if (!lastDeployed || r.version !== lastDeployed.version) doomed.push(r);
    }
    for (const r of doomed) await this.delete(name, r.version);
  }
}
