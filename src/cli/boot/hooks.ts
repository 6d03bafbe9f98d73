/**
 * How a builder of the CLI bundle holds its start back: the startup snapshot's builder
 * (src/cli/boot/snapshot.ts) evaluates the bundle at build time, and the CLI runs only when the
 * snapshot is deserialized.
 */
export interface BootHooks {
  /**
   * `start` runs the CLI on this process's argv; `preload` loads the rooms worth having evaluated
   * and, given a chart directory, renders it so the functions of the hot path are compiled.
   */
  ready(start: () => void, preload: (warmUpChart?: string) => Promise<void>): void;
}
