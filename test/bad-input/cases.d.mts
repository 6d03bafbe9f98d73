export interface BadInputCase {
  name: string;
  /** Builds the input under `dir`; returns the helm template arguments after the release name. */
  setup(dir: string): string[];
  /** An --output-dir (relative to the case directory) that must stay empty. */
  outputDir?: string;
}
export const cases: BadInputCase[];
