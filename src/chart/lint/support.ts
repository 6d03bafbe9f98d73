/**
 * The linter's record (Helm's lint/support): messages with a severity and the path they are
 * about, printed as `[SEVERITY] path: message`.
 */

export enum Severity {
  Unknown = 0,
  Info = 1,
  Warning = 2,
  Error = 3,
}

const SEVERITY_NAMES = ['UNKNOWN', 'INFO', 'WARNING', 'ERROR'] as const;

export interface LintMessage {
  severity: Severity;
  path: string;
  message: string;
}

export function formatMessage(m: LintMessage): string {
  return `[${SEVERITY_NAMES[m.severity]}] ${m.path}: ${m.message}`;
}

/** One chart's lint run: its messages and the highest severity among them. */
export class Linter {
  readonly messages: LintMessage[] = [];
  highestSeverity: Severity = Severity.Unknown;

  constructor(readonly chartDir: string) {}

  /** Records `problem` (when there is one) and says whether the rule passed. */
  rule(severity: Severity, path: string, problem: string | undefined): boolean {
    if (problem === undefined) return true;
    this.messages.push({ severity, path, message: problem });
    if (severity > this.highestSeverity) this.highestSeverity = severity;
    return false;
  }
}

/** Runs `check`, turning a thrown error into the rule's problem text. */
export function problemOf(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
