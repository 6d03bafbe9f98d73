/**
 * Template errors. The message is Go's error text exactly; `cause` follows Go's errors.Unwrap
 * chain (an exec error wraps a function's error when Go used `%w`), which Helm walks to decide
 * how to print an error, so the chain is part of the behaviour, not decoration.
 */

export type TemplateErrorKind = 'parse' | 'exec';

export interface TemplateErrorInit {
  kind: TemplateErrorKind;
  /** Template being parsed or executed (Go's Name). */
  template: string;
  line?: number;
  col?: number;
  /** Go's template.ExecError (false for e.g. "no template ... associated with ..."). */
  execError?: boolean;
  cause?: unknown;
}

export class TemplateError extends Error {
  readonly kind: TemplateErrorKind;
  readonly template: string;
  readonly line: number | undefined;
  readonly col: number | undefined;
  readonly execError: boolean;

  constructor(message: string, init: TemplateErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'TemplateError';
    this.kind = init.kind;
    this.template = init.template;
    this.line = init.line;
    this.col = init.col;
    this.execError = init.execError ?? init.kind === 'exec';
  }
}

/** An error that only carries Go text and an optional wrapped cause (Go's fmt.Errorf with %w). */
export class WrappedError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'WrappedError';
  }
}

/** Go's errors.Unwrap. */
export function unwrapError(e: unknown): unknown {
  return e instanceof Error ? e.cause : undefined;
}

/** The text Go's err.Error() would give for anything a function threw. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** JS stack exhaustion, which stands in for Go's own recursion limits. */
export function isStackOverflow(e: unknown): boolean {
  // No regular expressions here: this runs when the stack is already exhausted.
  return e instanceof RangeError && e.message.includes('call stack');
}

/**
 * Thrown when template and include calls nest deeper than the executor allows on the JS stack
 * (far below Go's limits); the outermost include or template call turns it into Go's error.
 */
export class NestingLimit extends Error {
  constructor() {
    super('nesting limit');
    this.name = 'NestingLimit';
  }
}
