/**
 * .helmignore rules (Helm's pkg/ignore): one filepath.Match pattern per line, `#` comments,
 * a trailing `/` for directories only, a leading `/` anchors at the chart root, a pattern
 * without `/` matches the base name, and `**` is refused. A negated rule keeps Helm's quirk:
 * it ignores every path the pattern does NOT match.
 */
import { goMatch } from './glob.ts';

export const HELM_IGNORE = '.helmignore';

interface Rule {
  raw: string;
  negate: boolean;
  mustDir: boolean;
  match: (path: string) => boolean;
}

export class IgnoreRules {
  private readonly rules: Rule[] = [];

  /** Parses .helmignore text; throws Helm's error for `**` or a malformed pattern. */
  static parse(text: string): IgnoreRules {
    const r = new IgnoreRules();
    const body = text.startsWith('\ufeff') ? text.slice(1) : text;
    for (const line of body.split(/\r?\n/)) r.add(line);
    return r;
  }

  /** The rule every chart gets: hidden files under templates/. */
  addDefaults(): void {
    this.add('templates/.?*');
  }

  add(line: string): void {
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) return;
    if (rule.includes('**')) throw new Error('double-star (**) syntax is not supported');
    goMatch(rule, 'abc');
    const raw = rule;
    let negate = false;
    let mustDir = false;
    if (rule.startsWith('!')) {
      negate = true;
      rule = rule.slice(1);
    }
    if (rule.endsWith('/')) {
      mustDir = true;
      rule = rule.slice(0, -1);
    }
    const safe = (pattern: string, name: string) => {
      try {
        return goMatch(pattern, name);
      } catch {
        return false;
      }
    };
    let match: (path: string) => boolean;
    if (rule.startsWith('/')) {
      const anchored = rule.slice(1);
      match = (p) => safe(anchored, p);
    } else if (rule.includes('/')) {
      const full = rule;
      match = (p) => safe(full, p);
    } else {
      const base = rule;
      match = (p) => safe(base, p.slice(p.lastIndexOf('/') + 1));
    }
    this.rules.push({ raw, negate, mustDir, match });
  }

  ignore(path: string, isDir: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    for (const r of this.rules) {
      if (r.negate) {
        if (r.mustDir && !isDir) return true;
        if (!r.match(path)) return true;
        continue;
      }
      if (r.mustDir && !isDir) continue;
      if (r.match(path)) return true;
    }
    return false;
  }
}
