/**
 * A mistake the user can fix. The CLI prints its message as one `Error: ...` line and exits
 * with `exitCode`; anything else that escapes is a bug and gets a stack trace under --debug.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Raised by commands that are on the roadmap but not built yet. */
export class NotImplementedError extends UserError {
  constructor(command: string) {
    super(`"${command}" is not implemented in bosun yet (see docs/compatibility.md)`, 2);
    this.name = 'NotImplementedError';
  }
}
