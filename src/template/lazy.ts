/**
 * Modules loaded on first use: a package or Node built-in only some template functions need
 * (RE2 for the regex functions, bcrypt, child processes) stays off the start-up path of every
 * command that imports the template room.
 */
import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/** A getter that loads module `id` synchronously the first time it is called. */
export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= requireHere(id) as T;
    return loaded;
  };
}
