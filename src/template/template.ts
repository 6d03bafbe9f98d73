/**
 * A set of associated templates (Go's *template.Template and its common map): parse adds a
 * named template and its {{define}}s, execute runs one by name. Later definitions replace
 * earlier ones, except that an empty body never replaces a non-empty one (Go's associate).
 */
import { TemplateError } from './errors.ts';
import { type ExecSet, executeTree, type MissingKey, type SharedExec } from './exec.ts';
import { builtinFuncs } from './funcs/builtins.ts';
import type { FuncDef, FuncMap } from './funcs/types.ts';
import { goQuote } from './lex.ts';
import { isEmptyTree, type Tree } from './node.ts';
import { parseTemplates } from './parse.ts';

export interface TemplateOptions {
  funcs?: FuncMap;
  missingKey?: MissingKey;
  delims?: [string, string];
}

interface ResolvedFunc {
  def: FuncDef;
  builtin: boolean;
}

export class TemplateSet implements ExecSet {
  readonly missingKey: MissingKey;
  private readonly delims: [string, string];
  private readonly funcs: Map<string, ResolvedFunc>;
  private readonly templates: Map<string, Tree>;
  /** Name of the template the set was last parsed or looked up as (Go's t.name for errors). */
  private rootName = '';

  constructor(opts: TemplateOptions = {}) {
    this.missingKey = opts.missingKey ?? 'default';
    this.delims = opts.delims ?? ['', ''];
    this.funcs = new Map();
    for (const [name, def] of Object.entries(builtinFuncs)) this.funcs.set(name, { def, builtin: true });
    for (const [name, def] of Object.entries(opts.funcs ?? {}))
      this.funcs.set(name, { def, builtin: builtinFuncs[name] === def });
    this.templates = new Map();
  }

  /** Adds or replaces functions (Go's Funcs); affects later parses and executions. */
  addFuncs(funcs: FuncMap): this {
    for (const [name, def] of Object.entries(funcs))
      this.funcs.set(name, { def, builtin: Object.hasOwn(builtinFuncs, name) && builtinFuncs[name] === def });
    return this;
  }

  findFunction(name: string): ResolvedFunc | undefined {
    return this.funcs.get(name);
  }

  lookup(name: string): Tree | undefined {
    return this.templates.get(name);
  }

  /** Adds the template `name` and every template it defines; throws TemplateError. */
  parse(name: string, text: string): this {
    if (this.rootName === '') this.rootName = name;
    this.parseTree(name, text);
    return this;
  }

  /**
   * Parses `text` as template `name` and returns its tree: the tree just parsed even when Go's
   * associate kept an older non-empty one under that name (as `t.New(name).Parse` then
   * `Execute` on the new template does, which Helm's tpl relies on).
   */
  parseTree(name: string, text: string): Tree {
    const trees = parseTemplates(name, text, {
      leftDelim: this.delims[0],
      rightDelim: this.delims[1],
      hasFunction: (f) => this.funcs.has(f),
    });
    for (const [n, tree] of trees) {
      const old = this.templates.get(n);
      if (old !== undefined && old.root !== null && isEmptyTree(tree.root)) continue;
      this.templates.set(n, tree);
    }
    return trees.get(name)!;
  }

  /** Runs a tree of this set within an enclosing execution. */
  executeTree(tree: Tree, data: unknown, shared: SharedExec): string {
    return executeTree(this, tree, data, shared);
  }

  /** Go's t.Name(): the name the set was created or first parsed as. */
  get name(): string {
    return this.rootName;
  }

  /** Runs the named template over `data`; throws TemplateError. */
  execute(name: string, data: unknown): string {
    return this.executeShared(name, data, { includeCounts: new Map() });
  }

  /** execute within an enclosing execution (include and tpl share Helm's recursion counters). */
  executeShared(name: string, data: unknown, shared: SharedExec): string {
    const tree = this.templates.get(name);
    if (tree === undefined) {
      throw new TemplateError(
        `template: no template ${goQuote(name)} associated with template ${goQuote(this.rootName)}`,
        { kind: 'exec', template: name, execError: false },
      );
    }
    return executeTree(this, tree, data, shared);
  }

  has(name: string): boolean {
    return this.templates.has(name);
  }

  names(): string[] {
    return [...this.templates.keys()];
  }

  /** The templates by name, in the order they were added. */
  entries(): IterableIterator<[string, Tree]> {
    return this.templates.entries();
  }

  /** Adds trees parsed earlier by a set of the same functions and delimiters (a cache's). */
  restoreTrees(trees: Map<string, Tree>): this {
    for (const [n, tree] of trees) this.templates.set(n, tree);
    return this;
  }

  /** An independent set with the same templates, functions and options (trees are immutable). */
  clone(): TemplateSet {
    const c = new TemplateSet({ missingKey: this.missingKey, delims: this.delims });
    c.funcs.clear();
    for (const [k, v] of this.funcs) c.funcs.set(k, v);
    for (const [k, v] of this.templates) c.templates.set(k, v);
    c.rootName = this.rootName;
    return c;
  }

  /** Sets the name Go reports as the set's own (the template the set was created as). */
  setRootName(name: string): this {
    this.rootName = name;
    return this;
  }
}
