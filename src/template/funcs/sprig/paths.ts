/**
 * Sprig's path functions: Go's `path` (always `/`) and `path/filepath`, which on the linux
 * hosts Helm runs on follows the same rules, so the os* variants share the implementations.
 */
import { def, type FuncMap } from '../types.ts';

/** path.Clean: lexical shortest equivalent path. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p[0] === '/';
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** path.Base: last element after trailing slashes are removed. */
export function basePath(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** path.Dir: everything but the last element, cleaned. */
export function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

/** path.Ext: the suffix from the last dot of the last element. */
export function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) {
    if (p[i] === '.') return p.slice(i);
  }
  return '';
}

const isAbs = (p: string) => p.startsWith('/');

export const pathFuncs: FuncMap = {
  base: def(['string'], basePath),
  dir: def(['string'], dirPath),
  clean: def(['string'], cleanPath),
  ext: def(['string'], extPath),
  isAbs: def(['string'], isAbs),
  osBase: def(['string'], basePath),
  osClean: def(['string'], cleanPath),
  osDir: def(['string'], dirPath),
  osExt: def(['string'], extPath),
  osIsAbs: def(['string'], isAbs),
};
