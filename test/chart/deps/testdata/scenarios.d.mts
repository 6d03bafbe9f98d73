export interface Scenario {
  id: string;
  cmds: string[][];
}
export interface CommandResult {
  args: string[];
  stdout: string;
  stderr: string;
  code: number | null;
}
export interface ScenarioResult {
  results: CommandResult[];
  files: Record<string, string | string[]>;
}
export const FIXED_MTIME: Date;
export const scenarios: Scenario[];
export function prepare(): string;
export function snapshot(work: string): Record<string, string | string[]>;
export function runScenario(
  sc: Scenario,
  argv0: string,
  prefix?: string[],
  env?: Record<string, string>,
): ScenarioResult;
