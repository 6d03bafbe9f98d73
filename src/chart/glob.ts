/**
 * The two glob dialects charts meet: Go's path/filepath.Match (.helmignore, `--show-only`) and
 * gobwas/glob with '/' as separator (`.Files.Glob`, which also knows `**` and `{a,b}`).
 */

export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
  }
}

/** Translates one Go character class starting after '['; returns [regex source, next index]. */
function goClass(p: string, i: number): [string, number] {
  let out = '[';
  if (p[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  for (;;) {
    if (i >= p.length) throw new BadPatternError();
    if (p[i] === ']' && !first) return [`${out}]`, i + 1];
    first = false;
    let lo = p[i]!;
    if (lo === '\\') {
      i++;
      if (i >= p.length) throw new BadPatternError();
      lo = p[i]!;
    } else if (lo === '-') throw new BadPatternError();
    i++;
    if (p[i] === '-' && p[i + 1] !== ']') {
      i++;
      let hi = p[i];
      if (hi === undefined) throw new BadPatternError();
      if (hi === '\\') {
        i++;
        hi = p[i];
        if (hi === undefined) throw new BadPatternError();
      }
      i++;
      out += `${escapeClassChar(lo)}-${escapeClassChar(hi)}`;
    } else {
      out += escapeClassChar(lo);
    }
  }
}

function escapeClassChar(c: string): string {
  return /[\\\]^-]/.test(c) ? `\\${c}` : c;
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

const goCache = new Map<string, RegExp>();

/** Go's filepath.Match on slash paths: `*` and `?` stop at '/'; throws BadPatternError. */
export function goMatch(pattern: string, name: string): boolean {
  let re = goCache.get(pattern);
  if (!re) {
    let src = '^';
    for (let i = 0; i < pattern.length; ) {
      const c = pattern[i]!;
      if (c === '*') {
        src += '[^/]*';
        i++;
      } else if (c === '?') {
        src += '[^/]';
        i++;
      } else if (c === '[') {
        const [cls, next] = goClass(pattern, i + 1);
        src += `(?!/)${cls}`;
        i = next;
      } else if (c === '\\') {
        if (i + 1 >= pattern.length) throw new BadPatternError();
        src += escapeRe(pattern[i + 1]!);
        i += 2;
      } else {
        src += escapeRe(c);
        i++;
      }
    }
    re = new RegExp(`${src}$`, 'su');
    goCache.set(pattern, re);
  }
  return re.test(name);
}

/** gobwas/glob.Compile(pattern, '/') as a RegExp; undefined when it does not compile. */
export function compileFilesGlob(pattern: string): RegExp | undefined {
  let src = '^';
  let depth = 0;
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        src += '.*';
        i += 2;
      } else {
        src += '[^/]*';
        i++;
      }
    } else if (c === '?') {
      src += '[^/]';
      i++;
    } else if (c === '[') {
      let j = i + 1;
      let neg = false;
      if (pattern[j] === '!') {
        neg = true;
        j++;
      }
      let body = '';
      while (j < pattern.length && pattern[j] !== ']') {
        const ch = pattern[j]!;
        if (pattern[j + 1] === '-' && j + 2 < pattern.length && pattern[j + 2] !== ']') {
          body += `${escapeClassChar(ch)}-${escapeClassChar(pattern[j + 2]!)}`;
          j += 3;
        } else {
          body += escapeClassChar(ch);
          j++;
        }
      }
      if (j >= pattern.length || body === '') return undefined;
      src += neg ? `[^${body}]` : `[${body}]`;
      i = j + 1;
    } else if (c === '{') {
      depth++;
      src += '(?:';
      i++;
    } else if (c === '}' && depth > 0) {
      depth--;
      src += ')';
      i++;
    } else if (c === ',' && depth > 0) {
      src += '|';
      i++;
    } else if (c === '\\') {
      if (i + 1 >= pattern.length) return undefined;
      src += escapeRe(pattern[i + 1]!);
      i += 2;
    } else {
      src += escapeRe(c);
      i++;
    }
  }
  if (depth !== 0) return undefined;
  return new RegExp(`${src}$`, 'su');
}
