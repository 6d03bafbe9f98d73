// A minimal HTTPS client for talking to a test control plane.

import { request } from 'node:https';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export interface Client {
  call(
    method: string,
    path: string,
    options?: { body?: unknown; contentType?: string; accept?: string; token?: string | null },
  ): Promise<Reply>;
  /** Reads a streaming response until `count` lines arrived or the stream ends. */
  lines(path: string, count: number, onOpen?: () => Promise<void>): Promise<any[]>;
}

export function client(port: number, ca: string, token: string): Client {
  const call: Client['call'] = (method, path, options = {}) =>
    new Promise((resolve, reject) => {
      const body =
        options.body === undefined
          ? undefined
          : Buffer.isBuffer(options.body)
            ? options.body
            : Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
      const headers: Record<string, string> = {};
      const auth = options.token === undefined ? token : options.token;
      if (auth !== null) headers.Authorization = `Bearer ${auth}`;
      if (body) {
        headers['Content-Type'] = options.contentType ?? 'application/json';
        headers['Content-Length'] = String(body.length);
      }
      if (options.accept) headers.Accept = options.accept;
      const req = request({ host: '127.0.0.1', port, path, method, ca, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const lines: Client['lines'] = (path, count, onOpen) =>
    new Promise((resolve, reject) => {
      const got: any[] = [];
      let buffer = '';
      const req = request(
        { host: '127.0.0.1', port, path, method: 'GET', ca, headers: { Authorization: `Bearer ${token}` } },
        (res) => {
          onOpen?.().catch(reject);
          res.on('data', (c: Buffer) => {
            buffer += c.toString('utf8');
            let nl = buffer.indexOf('\n');
            while (nl >= 0) {
              got.push(JSON.parse(buffer.slice(0, nl)));
              buffer = buffer.slice(nl + 1);
              nl = buffer.indexOf('\n');
              if (got.length === count) {
                req.destroy();
                resolve(got);
                return;
              }
            }
          });
          res.on('end', () => resolve(got));
        },
      );
      req.on('error', (err) => (got.length >= count ? undefined : reject(err)));
      req.end();
    });
  return { call, lines };
}
