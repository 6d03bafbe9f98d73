/**
 * A REST client for one API server: JSON over HTTPS with the kubeconfig's CA, bearer token or
 * client certificate. Error replies become `ApiStatusError` carrying the server's `Status`, as
 * client-go's errors.StatusError does (and with client-go's text when the body is not a Status).
 */

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import type { ClientConfig } from './kubeconfig.ts';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason?: string; message?: string; field?: string }[];
}

export interface ApiStatus {
  kind?: string;
  apiVersion?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: StatusDetails;
}

/** A non-2xx reply from the server. */
export class ApiStatusError extends Error {
  override name = 'ApiStatusError';
  constructor(readonly status: ApiStatus) {
    super(status.message ?? `the server responded with status ${status.code}`);
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
  get code(): number {
    return this.status.code ?? 0;
  }
}

/** The connection itself failed (refused, TLS, timeout). */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** Abort after this long (client-go's --request-timeout). */
  timeoutMs?: number;
}

export interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: any;
}

export const userAgent = 'kubectl/v1.35.0 (linux/amd64) kubernetes/bosun';

// client-go's fallback messages by status code when the body carries no Status.
const statusReasons: Record<number, [string, string]> = {
  400: ['BadRequest', 'the server rejected our request for an unknown reason'],
  401: ['Unauthorized', 'the server has asked for the client to provide credentials'],
  403: ['Forbidden', 'the server does not allow access to the requested resource'],
  404: ['NotFound', 'the server could not find the requested resource'],
  405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
  409: ['Conflict', 'the server reported a conflict'],
  410: ['Expired', 'the server could not find the requested resource'],
  422: ['Invalid', 'the server rejected our request due to an error in our request'],
  500: ['InternalError', 'an error on the server has prevented the request from succeeding'],
  503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
  504: [
    'Timeout',
    'the server was unable to return a response in the time allotted, but may still be processing the request',
  ],
};

/** The Status an unsuccessful reply carries, else client-go's generic one for its code. */
export function statusFromReply(reply: Reply): ApiStatus {
  try {
    const body = JSON.parse(reply.text);
    if (body && body.kind === 'Status') return { ...body, code: body.code ?? reply.status };
  } catch {
    // not JSON: fall through to client-go's generic text
  }
  const [reason, message] = statusReasons[reply.status] ?? [
    '',
    `an error on the server ("${reply.text.trim()}") has prevented the request from succeeding`,
  ];
  return { kind: 'Status', status: 'Failure', reason, message, code: reply.status };
}

export class RestClient {
  private readonly base: URL;
  private readonly agent?: Agent;

  constructor(
    readonly config: ClientConfig,
    private readonly defaultTimeoutMs?: number,
  ) {
    this.base = new URL(config.server);
    if (this.base.protocol === 'https:')
      this.agent = new Agent({
        keepAlive: true,
        ca: config.caPem,
        cert: config.certPem,
        key: config.keyPem,
        rejectUnauthorized: !config.insecureSkipTlsVerify,
      });
  }

  private headers(options: RequestOptions, body?: Buffer): Record<string, string | string[]> {
    const headers: Record<string, string | string[]> = {
      Accept: options.accept ?? 'application/json',
      'User-Agent': userAgent,
    };
    const as = this.config.impersonate;
    if (as?.user) headers['Impersonate-User'] = as.user;
    if (as?.groups?.length) headers['Impersonate-Group'] = as.groups;
    if (as?.uid) headers['Impersonate-Uid'] = as.uid;
    if (this.config.token) headers.Authorization = `Bearer ${this.config.token}`;
    else if (this.config.username)
      headers.Authorization = `Basic ${Buffer.from(`${this.config.username}:${this.config.password ?? ''}`).toString('base64')}`;
    if (body) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = String(body.length);
    }
    return headers;
  }

  url(path: string, query?: RequestOptions['query']): URL {
    const url = new URL(this.base.pathname.replace(/\/$/, '') + path, this.base);
    for (const [k, v] of Object.entries(query ?? {}))
      if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    return url;
  }

  private open(method: string, path: string, options: RequestOptions): Promise<IncomingMessage> {
    const url = this.url(path, options.query);
    const body =
      options.body === undefined
        ? undefined
        : Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const timeout = options.timeoutMs ?? this.defaultTimeoutMs;
    return new Promise((resolve, reject) => {
      const req = send(url, { method, headers: this.headers(options, body), agent: this.agent }, resolve);
      req.on('error', (err: NodeJS.ErrnoException) => {
        reject(
          new ConnectionError(`${method.charAt(0)}${method.slice(1).toLowerCase()} "${url}": ${err.message}`),
        );
      });
      if (timeout) req.setTimeout(timeout, () => req.destroy(new Error('context deadline exceeded')));
      req.end(body);
    });
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const res = await this.open(method, path, options);
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    return {
      status: res.statusCode ?? 0,
      headers: res.headers,
      text: Buffer.concat(chunks).toString('utf8'),
    };
  }

  /** The decoded JSON body of a successful reply; `ApiStatusError` otherwise. */
  async json<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const reply = await this.request(method, path, options);
    if (reply.status < 200 || reply.status > 299) throw new ApiStatusError(statusFromReply(reply));
    return (reply.text ? JSON.parse(reply.text) : undefined) as T;
  }

  /** The server's warnings (the `Warning` headers) of a reply, as kubectl prints them. */
  static warnings(reply: Reply): string[] {
    const raw = reply.headers.warning;
    const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
    return list.map((w) => {
      const m = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(w);
      return m ? m[1].replace(/\\(.)/g, '$1') : w;
    });
  }

  /** A watch stream: events until the server ends it, the timeout passes, or `signal` aborts. */
  async *watch(
    path: string,
    options: RequestOptions & { signal?: AbortSignal } = {},
  ): AsyncGenerator<WatchEvent> {
    const res = await this.open('GET', path, {
      ...options,
      timeoutMs: 0,
      query: { ...options.query, watch: 'true' },
    });
    if ((res.statusCode ?? 0) > 299) {
      const chunks: Buffer[] = [];
      for await (const c of res) chunks.push(c as Buffer);
      throw new ApiStatusError(
        statusFromReply({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString(),
        }),
      );
    }
    const stop = () => res.destroy();
    options.signal?.addEventListener('abort', stop, { once: true });
    const timer = options.timeoutMs ? setTimeout(stop, options.timeoutMs) : undefined;
    let buffer = '';
    try {
      for await (const chunk of res) {
        buffer += (chunk as Buffer).toString('utf8');
        let nl = buffer.indexOf('\n');
        while (nl >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (line) yield JSON.parse(line) as WatchEvent;
          nl = buffer.indexOf('\n');
        }
      }
    } catch (err) {
      if (!res.destroyed) throw err;
    } finally {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
      res.destroy();
    }
  }

  close(): void {
    this.agent?.destroy();
  }
}
