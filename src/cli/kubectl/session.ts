/**
 * What every kubectl command shares (kubectl's Factory): the client built from the global flags,
 * discovery, OpenAPI type facts, the effective namespace, and kubectl's way of reporting errors
 * (`Error from server (Reason): ...`, `error: ...`) with its exit codes.
 */
import { CommanderError } from 'commander';
import {
  ApiStatusError,
  ConnectionError,
  Discovery,
  KindNotFoundError,
  KubeconfigError,
  loadClientConfig,
  OpenApiSchemas,
  ResourceNotFoundError,
  RestClient,
} from '../../kube/client/index.ts';
import { FlagError, type FlagSpec, Flags, parseDuration, parseFlags } from './flags.ts';

/** An error kubectl reports with its own text; `message` is the whole line(s) without a newline. */
export class KubectlError extends Error {
  override name = 'KubectlError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The text kubectl prints for an error (cmdutil.StandardErrorMessage, else `error: ...`). */
export function errorText(err: unknown): string {
  if (err instanceof KubectlError) return err.message;
  if (err instanceof ApiStatusError) {
    const s = err.status;
    if (s.reason === 'Unauthorized') return `error: You must be logged in to the server (${s.message})`;
    if (s.reason) return `Error from server (${s.reason}): ${s.message}`;
    return `Error from server: ${s.message}`;
  }
  if (err instanceof ConnectionError) {
    const refused = /ECONNREFUSED (\S+)/.exec(err.message);
    if (refused)
      return `The connection to the server ${refused[1]} was refused - did you specify the right host or port?`;
    return `Unable to connect to the server: ${err.message}`;
  }
  if (err instanceof KubeconfigError) {
    if (err.message.startsWith('The connection')) return err.message;
    return `error: ${err.message}`;
  }
  if (err instanceof ResourceNotFoundError || err instanceof KindNotFoundError)
    return `error: ${err.message}`;
  const e = err as Error;
  return `error: ${e?.message ?? String(err)}`;
}

export class Session {
  readonly rest: RestClient;
  readonly discovery: Discovery;
  readonly openapi: OpenApiSchemas;
  readonly namespace: string;
  /** True when `-n` or the context named the namespace. */
  readonly namespaceExplicit: boolean;
  readonly requestTimeoutMs: number;
  private warned = new Set<string>();

  constructor(readonly flags: Flags) {
    const config = loadClientConfig({
      kubeconfig: flags.str('kubeconfig') || undefined,
      context: flags.str('context') || undefined,
      cluster: flags.str('cluster') || undefined,
      user: flags.str('user') || undefined,
      server: flags.str('server') || undefined,
      token: flags.str('token') || undefined,
      namespace: flags.str('namespace') || undefined,
      insecureSkipTlsVerify: flags.bool('insecure-skip-tls-verify'),
      certificateAuthority: flags.str('certificate-authority') || undefined,
      as: flags.str('as') || undefined,
      asGroups: flags.list('as-group'),
      asUid: flags.str('as-uid') || undefined,
    });
    this.requestTimeoutMs = parseDuration(flags.str('request-timeout'));
    this.rest = new RestClient(config, this.requestTimeoutMs || undefined);
    this.discovery = new Discovery(this.rest);
    this.openapi = new OpenApiSchemas(this.rest);
    this.namespace = config.namespace;
    this.namespaceExplicit = Boolean(flags.str('namespace'));
  }

  /** Prints the server's warnings once each, as kubectl's warning handler does. */
  warn(messages: string[]): void {
    for (const m of messages) {
      if (this.warned.has(m)) continue;
      this.warned.add(m);
      process.stderr.write(`Warning: ${m}\n`);
    }
  }

  close(): void {
    this.rest.close();
  }
}

export const out = (text: string) => {
  process.stdout.write(text);
};
export const err = (text: string) => {
  process.stderr.write(text);
};

/**
 * Runs one kubectl command: parses flags, opens the session lazily, prints errors kubectl's way
 * and ends with its exit code (through CommanderError, which the entry point turns into the code
 * without printing anything more).
 */
export async function runCommand(
  commandPath: string,
  argv: string[],
  specs: FlagSpec[],
  body: (flags: Flags, session: () => Session) => Promise<number | undefined>,
): Promise<void> {
  let session: Session | undefined;
  let code: number;
  try {
    let flags: Flags;
    try {
      flags = new Flags(parseFlags(argv, specs));
    } catch (e) {
      if (e instanceof FlagError) {
        process.stderr.write(`error: ${e.message}\nSee 'kubectl ${commandPath} --help' for usage.\n`);
        throw new CommanderError(1, 'kubectl.flags', e.message);
      }
      throw e;
    }
    code =
      (await body(flags, () => {
        session ??= new Session(flags);
        return session;
      })) ?? 0;
  } catch (e) {
    if (e instanceof CommanderError) throw e;
    const text = errorText(e);
    if (text) process.stderr.write(`${text}\n`);
    code = e instanceof KubectlError ? e.exitCode : 1;
  } finally {
    session?.close();
  }
  if (code !== 0) throw new CommanderError(code, 'kubectl.exit', '');
}
