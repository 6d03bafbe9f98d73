/**
 * The executor of Go's text/template (exec.go): walks a parse tree over the Go value model.
 *
 * Values: `undefined` is Go's invalid reflect.Value (a missing key), `null` is a nil interface{}.
 * A value read out of a map[string]interface{} or []interface{} has static type interface{};
 * Go names that type in field errors ("can't evaluate field b in type interface {}"), so the
 * executor tracks, beside dot and each variable, whether the value is interface-typed.
 */

import { errorText, isStackOverflow, NestingLimit, TemplateError } from './errors.ts';
import { formatValue } from './fmt.ts';
import { type FuncDef, FuncError, type ParamType } from './funcs/types.ts';
import { goQuote } from './lex.ts';
import {
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type ListNode,
  type Node,
  NodeType,
  type NumberNode,
  type PipeNode,
  type TemplateNode,
  type Tree,
  type VariableNode,
} from './node.ts';
import type { TemplateSet } from './template.ts';
import {
  GO,
  type GoMethod,
  goObjectMap,
  isGoObject,
  isMap,
  isTrue,
  MAP_TYPE,
  newMap,
  sliceElemType,
  sortedKeys,
  TypedInt,
  typeOf,
  wrapInt,
} from './value.ts';

export type MissingKey = 'default' | 'invalid' | 'zero' | 'error';

/** Go's maxExecDepth: nesting of {{template}} calls. */
export const MAX_EXEC_DEPTH = 100000;

/** One active include call, kept so runaway recursion can be reported as Go would. */
export interface IncludeFrame {
  name: string;
  /** The error prefix Go puts in front of an error returned by this call. */
  site: () => string;
  /** Identity of the call site, to find the cycle of a runaway recursion. */
  siteKey: unknown;
}

/** State shared by one top-level execution and everything it runs (include, tpl). */
export interface SharedExec {
  /** Helm's include recursion counters, per template name. */
  includeCounts: Map<string, number>;
  /** Active include calls, outermost first. */
  includeStack?: IncludeFrame[];
  /** Template and include calls in progress, across nested executions. */
  nesting?: number;
}

/** What a `needsState` function receives first: the running set and the shared context. */
export interface ExecState {
  readonly set: TemplateSet;
  readonly shared: SharedExec;
  /** The call being made, as Go would name it in an error (`error calling NAME: `). */
  callSite(name: string): IncludeFrame;
}

/**
 * How deep template and include calls may nest here. Go allows 100000 template levels and Helm
 * 1000 includes of a name, far more than the JS stack holds (and V8 may abort outright when it
 * compiles a regular expression near the stack's end), so runaway recursion is stopped here and
 * reported with the error Go would reach by continuing the same cycle.
 */
export const NESTING_LIMIT = 200;

/** The executor's view of a template set. */
export interface ExecSet {
  lookup(name: string): Tree | undefined;
  findFunction(name: string): { def: FuncDef; builtin: boolean } | undefined;
  readonly missingKey: MissingKey;
}

/** Marks "no value came from the pipeline" (Go's missingVal). */
const MISSING: unique symbol = Symbol('missing');
type Final = unknown;

const WALK_OK = 0;
const WALK_BREAK = 1;
const WALK_CONTINUE = 2;
type WalkResult = 0 | 1 | 2;

const METHOD_DEFS = new WeakMap<GoMethod, FuncDef>();

/** A method as a FuncDef: its declared Go parameter types, or untyped variadic when it has none. */
function methodDef(fn: GoMethod): FuncDef {
  let d = METHOD_DEFS.get(fn);
  if (d === undefined) {
    d = fn.params
      ? { fn, params: fn.params as ParamType[], variadic: fn.variadic as ParamType | undefined }
      : { fn, params: [], variadic: 'interface {}' };
    METHOD_DEFS.set(fn, d);
  }
  return d;
}

/** Element type of a map value, from its Go type name. */
function mapElemType(m: object): string {
  const t = (m as Record<symbol, string | undefined>)[MAP_TYPE];
  if (t === undefined) return 'interface {}';
  const i = t.indexOf(']');
  return i < 0 ? 'interface {}' : t.slice(i + 1);
}

function zeroOfType(t: string): unknown {
  switch (t) {
    case 'string':
      return '';
    case 'int':
      return 0n;
    case 'float64':
      return 0;
    case 'bool':
      return false;
    default:
      return null;
  }
}

/** The Go type a value has when Go reports it in a type error. */
function staticType(v: unknown, iface: boolean): string {
  return iface || v === null ? 'interface {}' : typeOf(v);
}

export class Executor implements ExecState {
  private out = '';
  private node: Node | null = null;
  private tmpl: Tree;
  private depth = 0;
  private varNames: string[] = [];
  private varValues: unknown[] = [];
  private varIface: boolean[] = [];
  /** Whether the value last returned by evalField is interface-typed. */
  private lastIface = false;
  /** Node of the function call in progress, for needsState functions' call sites. */
  private callNode: Node | null = null;
  /** {{template}} calls in progress in this execution, outermost first. */
  private tplNodes: TemplateNode[] = [];

  constructor(
    readonly set: TemplateSet & ExecSet,
    tree: Tree,
    readonly shared: SharedExec,
  ) {
    this.tmpl = tree;
  }

  /** Runs the template over `data` and returns its output. */
  run(data: unknown): string {
    this.varNames.push('$');
    this.varValues.push(data);
    this.varIface.push(false);
    try {
      if (this.tmpl.root === null)
        this.errorf(`${goQuote(this.tmpl.name)} is an incomplete or empty template`);
      this.walk(data, false, this.tmpl.root!);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      if (e instanceof NestingLimit) throw e;
      // Anything else is an engine fault or stack exhaustion: still report it as Go would an error.
      throw this.makeError(isStackOverflow(e) ? 'exceeded maximum template depth (100000)' : errorText(e), e);
    }
    return this.out;
  }

  callSite(name: string): IncludeFrame {
    const node = this.callNode!;
    const tmplName = this.tmpl.name;
    return {
      name,
      siteKey: node,
      site: () => {
        const { location, context } = node.tree.errorContext(node);
        return `template: ${location}: executing ${goQuote(tmplName)} at <${context}>: error calling ${name}: `;
      },
    };
  }

  // --- errors ------------------------------------------------------------------------------

  private makeError(msg: string, cause?: unknown): TemplateError {
    const name = this.tmpl.name;
    const n = this.node;
    if (n === null)
      return new TemplateError(`template: ${name}: ${msg}`, { kind: 'exec', template: name, cause });
    const { location, context } = n.tree.errorContext(n);
    const m = /:(\d+):(\d+)$/.exec(location);
    return new TemplateError(`template: ${location}: executing ${goQuote(name)} at <${context}>: ${msg}`, {
      kind: 'exec',
      template: name,
      line: m ? Number(m[1]) : undefined,
      col: m ? Number(m[2]) : undefined,
      cause,
    });
  }

  private errorf(msg: string, cause?: unknown): never {
    throw this.makeError(msg, cause);
  }

  // --- variables ---------------------------------------------------------------------------

  private push(name: string, value: unknown, iface: boolean): void {
    this.varNames.push(name);
    this.varValues.push(value);
    this.varIface.push(iface);
  }

  private pop(mark: number): void {
    this.varNames.length = mark;
    this.varValues.length = mark;
    this.varIface.length = mark;
  }

  private setVar(name: string, value: unknown, iface: boolean): void {
    for (let i = this.varNames.length - 1; i >= 0; i--) {
      if (this.varNames[i] === name) {
        this.varValues[i] = value;
        this.varIface[i] = iface;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: unknown, iface: boolean): void {
    const i = this.varNames.length - n;
    this.varValues[i] = value;
    this.varIface[i] = iface;
  }

  private varIndex(name: string): number {
    for (let i = this.varNames.length - 1; i >= 0; i--) if (this.varNames[i] === name) return i;
    this.errorf(`undefined variable: ${name}`);
  }

  // --- walking -----------------------------------------------------------------------------

  private walk(dot: unknown, dotIface: boolean, node: Node): WalkResult {
    this.node = node;
    switch (node.type) {
      case NodeType.Action: {
        const val = this.evalPipeline(dot, dotIface, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return WALK_OK;
      }
      case NodeType.Break:
        return WALK_BREAK;
      case NodeType.Comment:
        return WALK_OK;
      case NodeType.Continue:
        return WALK_CONTINUE;
      case NodeType.If:
      case NodeType.With:
        return this.walkIfOrWith(dot, dotIface, node);
      case NodeType.List: {
        const nodes = node.nodes;
        for (let i = 0; i < nodes.length; i++) {
          const r = this.walk(dot, dotIface, nodes[i]);
          if (r !== WALK_OK) return r;
        }
        return WALK_OK;
      }
      case NodeType.Range:
        this.walkRange(dot, dotIface, node);
        return WALK_OK;
      case NodeType.Template:
        this.walkTemplate(dot, dotIface, node);
        return WALK_OK;
      case NodeType.Text:
        this.out += node.text;
        return WALK_OK;
      default:
        this.errorf(`unknown node: ${node}`);
    }
  }

  private walkIfOrWith(dot: unknown, dotIface: boolean, node: BranchNode): WalkResult {
    const mark = this.varNames.length;
    try {
      const val = this.evalPipeline(dot, dotIface, node.pipe);
      if (typeof val === 'symbol') this.errorf(`if/with can't use ${String(val)}`);
      if (isTrue(val)) {
        return node.type === NodeType.With
          ? this.walk(val, false, node.list)
          : this.walk(dot, dotIface, node.list);
      }
      if (node.elseList !== null) return this.walk(dot, dotIface, node.elseList);
      return WALK_OK;
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: unknown, dotIface: boolean, r: BranchNode): void {
    this.node = r;
    const outer = this.varNames.length;
    try {
      const piped = this.evalPipeline(dot, dotIface, r.pipe);
      const val = goObjectMap(piped) ?? piped;
      const mark = this.varNames.length;
      const decl = r.pipe.decl;
      const iterate = (index: unknown, elem: unknown, elemIface: boolean): WalkResult => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) {
            if (decl.length > 1) this.setVar(decl[0].ident[0], index, false);
            else this.setVar(decl[0].ident[0], elem, elemIface);
          } else this.setTopVar(1, elem, elemIface);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem, elemIface);
          else this.setTopVar(2, index, false);
        }
        try {
          return this.walk(elem, elemIface, r.list);
        } finally {
          this.pop(mark);
        }
      };
      if (Array.isArray(val)) {
        if (val.length > 0) {
          const iface = sliceElemType(val) === 'interface {}';
          for (let i = 0; i < val.length; i++) if (iterate(BigInt(i), val[i], iface) === WALK_BREAK) break;
          return;
        }
      } else if (isMap(val)) {
        const keys = sortedKeys(val);
        if (keys.length > 0) {
          const iface = mapElemType(val) === 'interface {}';
          for (const k of keys) if (iterate(k, val[k], iface) === WALK_BREAK) break;
          return;
        }
      } else if (typeof val === 'bigint' || val instanceof TypedInt) {
        // Go 1.24+: range over an integer yields 0..n-1 of the same integer type.
        if (decl.length > 1)
          this.errorf(`can't use ${formatValue(val)} to iterate over more than one variable`);
        const n = typeof val === 'bigint' ? val : val.value;
        if (n > 0n) {
          for (let i = 0n; i < n; i++) {
            const v = typeof val === 'bigint' ? i : new TypedInt(val.kind, i);
            if (iterate(undefined, v, false) === WALK_BREAK) break;
          }
          return;
        }
      } else if (val !== undefined) {
        this.errorf(`range can't iterate over ${formatValue(val)}`);
      }
      if (r.elseList !== null) this.walk(dot, dotIface, r.elseList);
    } finally {
      this.pop(outer);
    }
  }

  private walkTemplate(dot: unknown, dotIface: boolean, t: TemplateNode): void {
    this.node = t;
    const tmpl = this.set.lookup(t.name);
    if (tmpl === undefined) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth === MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = this.evalPipeline(dot, dotIface, t.pipe);
    if ((this.shared.nesting ?? 0) >= NESTING_LIMIT) this.nestingExceeded(t);
    this.shared.nesting = (this.shared.nesting ?? 0) + 1;
    this.tplNodes.push(t);
    const savedTmpl = this.tmpl;
    const savedNames = this.varNames;
    const savedValues = this.varValues;
    const savedIface = this.varIface;
    this.depth++;
    this.tmpl = tmpl;
    // No dynamic scoping: the called template sees only $.
    this.varNames = ['$'];
    this.varValues = [newDot];
    this.varIface = [false];
    try {
      if (tmpl.root === null) this.errorf(`${goQuote(tmpl.name)} is an incomplete or empty template`);
      this.walk(newDot, false, tmpl.root!);
    } catch (e) {
      if (!isStackOverflow(e)) throw e;
      // The JS stack ran out anyway (unusually deep nesting within each call).
      this.tmpl = savedTmpl;
      this.node = t;
      this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    } finally {
      this.shared.nesting = (this.shared.nesting ?? 1) - 1;
      this.tplNodes.pop();
      this.depth--;
      this.tmpl = savedTmpl;
      this.varNames = savedNames;
      this.varValues = savedValues;
      this.varIface = savedIface;
    }
  }

  /**
   * Runaway recursion hit NESTING_LIMIT at call `t`. Through includes, the outermost include
   * reports it; through {{template}} alone, Go would fail at the call made at depth 100000,
   * which repeating the cycle of calls so far identifies.
   */
  private nestingExceeded(t: TemplateNode): never {
    if ((this.shared.includeStack?.length ?? 0) * 4 >= NESTING_LIMIT) throw new NestingLimit();
    const seq = [...this.tplNodes, t];
    const n = seq.length;
    let period = 0;
    for (let p = 1; p <= n / 3 && period === 0; p++) {
      let same = true;
      for (let i = 0; i < 2 * p && same; i++) same = seq[n - 1 - i] === seq[n - 1 - i - p];
      if (same) period = p;
    }
    const at = period === 0 ? t : seq[n - period + ((MAX_EXEC_DEPTH - (n - period)) % period)];
    this.node = at;
    this.tmpl = at.tree;
    this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
  }

  // --- evaluation --------------------------------------------------------------------------

  private evalPipeline(dot: unknown, dotIface: boolean, pipe: PipeNode | null): unknown {
    if (pipe === null) return undefined;
    this.node = pipe;
    let value: unknown = MISSING;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) {
      value = this.evalCommand(dot, dotIface, cmds[i], value);
      // A nil interface{} digs down to "no value".
      if (value === null) value = undefined;
    }
    const decl = pipe.decl;
    for (let i = 0; i < decl.length; i++) {
      if (pipe.isAssign) this.setVar(decl[i].ident[0], value, false);
      else this.push(decl[i].ident[0], value, false);
    }
    return value;
  }

  private notAFunction(args: Node[] | null, final: Final): void {
    if ((args !== null && args.length > 1) || final !== MISSING)
      this.errorf(`can't give argument to non-function ${args![0]}`);
  }

  private evalCommand(dot: unknown, dotIface: boolean, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.type) {
      case NodeType.Field:
        return this.evalFieldNode(dot, dotIface, first, cmd.args, final);
      case NodeType.Chain:
        return this.evalChainNode(dot, dotIface, first, cmd.args, final);
      case NodeType.Identifier:
        return this.evalFunction(dot, dotIface, first, cmd, cmd.args, final);
      case NodeType.Pipe:
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, dotIface, first);
      case NodeType.Variable:
        return this.evalVariableNode(dot, dotIface, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case NodeType.Bool:
        return first.value;
      case NodeType.Dot:
        return dot;
      case NodeType.Nil:
        this.errorf('nil is not a command');
        break;
      case NodeType.Number:
        return this.idealConstant(first);
      case NodeType.String:
        return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(String(first))}`);
  }

  private idealConstant(c: NumberNode): unknown {
    this.node = c;
    const t = c.text;
    const hexInt = t.length > 2 && t[0] === '0' && (t[1] === 'x' || t[1] === 'X') && !/[pP]/.test(t);
    const runeInt = t.length > 0 && t[0] === "'";
    if (c.isFloat && !hexInt && !runeInt && /[.eEpP]/.test(t)) return c.float64;
    if (c.isInt) return c.int64;
    if (c.isUint) this.errorf(`${t} overflows int`);
    return undefined;
  }

  private evalFieldNode(
    dot: unknown,
    dotIface: boolean,
    field: FieldNode,
    args: Node[] | null,
    final: Final,
  ): unknown {
    this.node = field;
    return this.evalFieldChain(dot, dotIface, dot, dotIface, field, field.ident, 0, args, final);
  }

  private evalChainNode(
    dot: unknown,
    dotIface: boolean,
    chain: ChainNode,
    args: Node[] | null,
    final: Final,
  ): unknown {
    this.node = chain;
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.type === NodeType.Nil) this.errorf(`indirection through explicit nil in ${chain}`);
    const pipe = this.evalArg(dot, dotIface, null, chain.node);
    return this.evalFieldChain(dot, dotIface, pipe, false, chain, chain.field, 0, args, final);
  }

  private evalVariableNode(
    dot: unknown,
    dotIface: boolean,
    v: VariableNode,
    args: Node[] | null,
    final: Final,
  ): unknown {
    this.node = v;
    const i = this.varIndex(v.ident[0]);
    const value = this.varValues[i];
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, dotIface, value, this.varIface[i], v, v.ident, 1, args, final);
  }

  private evalFieldChain(
    dot: unknown,
    dotIface: boolean,
    receiver: unknown,
    recvIface: boolean,
    node: Node,
    ident: string[],
    start: number,
    args: Node[] | null,
    final: Final,
  ): unknown {
    const n = ident.length;
    for (let i = start; i < n - 1; i++) {
      receiver = this.evalField(dot, dotIface, ident[i], node, null, MISSING, receiver, recvIface);
      recvIface = this.lastIface;
    }
    return this.evalField(dot, dotIface, ident[n - 1], node, args, final, receiver, recvIface);
  }

  private evalFunction(
    dot: unknown,
    dotIface: boolean,
    node: IdentifierNode,
    cmd: Node,
    args: Node[] | null,
    final: Final,
  ): unknown {
    this.node = node;
    const name = node.ident;
    const f = this.set.findFunction(name);
    if (f === undefined) this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, dotIface, f.def, f.builtin, cmd, name, args, final);
  }

  private evalField(
    dot: unknown,
    dotIface: boolean,
    fieldName: string,
    node: Node,
    args: Node[] | null,
    final: Final,
    receiver: unknown,
    recvIface: boolean,
  ): unknown {
    this.lastIface = false;
    if (receiver === undefined) {
      if (this.set.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return undefined;
    }
    const typ = staticType(receiver, recvIface);
    if (receiver === null) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (isMap(receiver)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      if (Object.hasOwn(receiver, fieldName)) {
        this.lastIface = mapElemType(receiver) === 'interface {}';
        return receiver[fieldName];
      }
      switch (this.set.missingKey) {
        case 'zero': {
          const et = mapElemType(receiver);
          this.lastIface = et === 'interface {}';
          return zeroOfType(et);
        }
        case 'error':
          this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
          break;
        default:
          return undefined;
      }
    }
    if (isGoObject(receiver)) {
      const info = receiver[GO];
      const method = info.method?.(fieldName);
      if (method !== undefined) {
        return this.evalCall(dot, dotIface, methodDef(method), false, node, fieldName, args, final);
      }
      if (info.kind === 'struct' || info.kind === 'ptr') {
        const f = info.field?.(fieldName);
        if (f?.found) {
          if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
          return f.value;
        }
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private evalCall(
    dot: unknown,
    dotIface: boolean,
    def: FuncDef,
    isBuiltin: boolean,
    node: Node,
    name: string,
    args: Node[] | null,
    final: Final,
  ): unknown {
    const nArgs = args === null ? 0 : args.length - 1;
    const numIn = nArgs + (final !== MISSING ? 1 : 0);
    const params = def.params;
    const variadic = def.variadic;
    let numFixed = nArgs;
    if (variadic !== undefined) {
      numFixed = params.length;
      if (numIn < numFixed)
        this.errorf(`wrong number of args for ${name}: want at least ${params.length} got ${nArgs}`);
    } else if (numIn !== params.length) {
      this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }

    // Builtin and/or short-circuit and return the deciding operand itself.
    if (isBuiltin && (name === 'and' || name === 'or')) {
      const wantTrue = name === 'or';
      let v: unknown;
      for (let i = 1; i <= nArgs; i++) {
        v = this.evalArg(dot, dotIface, 'reflect.Value', args![i]);
        if (truth(v) === wantTrue) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'reflect.Value');
      return v;
    }

    const argv: unknown[] = new Array(numIn);
    let i = 0;
    for (; i < numFixed && i < nArgs; i++) argv[i] = this.evalArg(dot, dotIface, params[i], args![i + 1]);
    if (variadic !== undefined)
      for (; i < nArgs; i++) argv[i] = this.evalArg(dot, dotIface, variadic, args![i + 1]);
    if (final !== MISSING) {
      let t: ParamType;
      if (variadic !== undefined) t = numIn - 1 < numFixed ? params[numIn - 1] : variadic;
      else t = params[params.length - 1];
      argv[i] = this.validateType(final, t);
    }
    if (isBuiltin && name === 'call') {
      // Go passes the callee's text to `call` for its error message.
      argv.unshift(nArgs > 0 ? String(args![1]) : formatValue(final));
    }
    try {
      if (def.needsState) {
        this.callNode = node;
        return def.fn(this, ...argv);
      }
      return def.fn(...argv);
    } catch (e) {
      if (e instanceof NestingLimit) throw e;
      this.node = node;
      this.errorf(`error calling ${name}: ${errorText(e)}`, e);
    }
  }

  private validateType(value: unknown, typ: ParamType | null, direct = false): unknown {
    if (
      (value === undefined || value === null) &&
      typ !== null &&
      (typ.startsWith('map[') || typ.startsWith('[]'))
    ) {
      // A field read straight into an argument is a nil *interface* value, which Go refuses for a
      // map or slice parameter; through a variable or parentheses the pipeline has turned it into
      // an invalid value, which Go passes as the parameter type's nil (a map that reads as empty).
      if (direct) this.errorf(`wrong type for value; expected ${typ}; got interface {}`);
      return typ.startsWith('map[') ? newMap() : null;
    }
    if (value === undefined) {
      if (typ === null || typ === 'reflect.Value') return undefined;
      if (typ === 'interface {}' || typ.startsWith('[]')) return null;
      this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === null || typ === 'reflect.Value' || typ === 'interface {}') return value;
    if (assignable(value, typ)) return value;
    this.errorf(`wrong type for value; expected ${typ}; got ${staticType(value, false)}`);
  }

  private evalArg(dot: unknown, dotIface: boolean, typ: ParamType | null, n: Node): unknown {
    this.node = n;
    switch (n.type) {
      case NodeType.Dot:
        return this.validateType(dot, typ);
      case NodeType.Nil:
        if (typ === null) this.errorf('cannot assign nil to <nil>');
        if (typ.startsWith('map[')) return newMap();
        if (typ === 'interface {}' || typ.startsWith('[]')) return null;
        if (typ === 'reflect.Value') return undefined;
        this.errorf(`cannot assign nil to ${typ}`);
        break;
      case NodeType.Field:
        return this.validateType(this.evalFieldNode(dot, dotIface, n, [n], MISSING), typ, true);
      case NodeType.Variable:
        return this.validateType(this.evalVariableNode(dot, dotIface, n, null, MISSING), typ);
      case NodeType.Pipe:
        return this.validateType(this.evalPipeline(dot, dotIface, n), typ);
      case NodeType.Identifier:
        return this.validateType(this.evalFunction(dot, dotIface, n, n, null, MISSING), typ);
      case NodeType.Chain:
        return this.validateType(this.evalChainNode(dot, dotIface, n, null, MISSING), typ, true);
    }
    switch (typ) {
      case 'bool':
        if (n.type === NodeType.Bool) return n.value;
        this.errorf(`expected bool; found ${n}`);
        break;
      case 'float64':
        if (n.type === NodeType.Number && n.isFloat) return n.float64;
        this.errorf(`expected float; found ${n}`);
        break;
      case 'int':
        if (n.type === NodeType.Number && n.isInt) return n.int64;
        this.errorf(`expected integer; found ${n}`);
        break;
      case 'int64':
        if (n.type === NodeType.Number && n.isInt) return new TypedInt('int64', n.int64);
        this.errorf(`expected integer; found ${n}`);
        break;
      case 'uint32':
        if (n.type === NodeType.Number && n.isUint)
          return new TypedInt('uint32', wrapInt('uint32', n.uint64));
        this.errorf(`expected unsigned integer; found ${n}`);
        break;
      case 'string':
        if (n.type === NodeType.String) return n.text;
        this.errorf(`expected string; found ${n}`);
        break;
      case 'interface {}':
      case 'reflect.Value':
        switch (n.type) {
          case NodeType.Bool:
            return n.value;
          case NodeType.Number:
            return this.idealConstant(n);
          case NodeType.String:
            return n.text;
        }
        this.errorf(`can't handle assignment of ${n} to empty interface argument`);
    }
    this.errorf(`can't handle ${n} for arg of type ${typ}`);
  }

  private printValue(n: Node, v: unknown): void {
    this.node = n;
    if (typeof v === 'function') this.errorf(`can't print ${n} of type ${typeOf(v)}`);
    this.out += formatValue(v);
  }
}

/** Whether a value of the model is assignable to a Go parameter type. */
function assignable(v: unknown, typ: ParamType): boolean {
  switch (typ) {
    case 'string':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'int':
      return typeof v === 'bigint';
    case 'int64':
      return v instanceof TypedInt && v.kind === 'int64';
    case 'uint32':
      return v instanceof TypedInt && v.kind === 'uint32';
    case 'float64':
      return typeof v === 'number';
    case '[]interface {}':
      return Array.isArray(v) && sliceElemType(v) === 'interface {}';
    case '[]string':
      return Array.isArray(v) && sliceElemType(v) === 'string';
    case 'map[string]interface {}': {
      // a named map type (Helm's common.Values) is assignable to its unnamed underlying type
      if (!isMap(v)) return false;
      const t = typeOf(v);
      return t === 'map[string]interface {}' || !t.startsWith('map[');
    }
    default:
      return true;
  }
}

/** text/template's truth for and/or/not: zero values and nil are false. */
export function truth(v: unknown): boolean {
  return isTrue(v);
}

/** A function error with Go's text, for builtins. */
export function goError(msg: string): FuncError {
  return new FuncError(msg);
}

/** Executes a tree of `set` over `data` (Go's Template.Execute). */
export function executeTree(
  set: TemplateSet & ExecSet,
  tree: Tree,
  data: unknown,
  shared: SharedExec = { includeCounts: new Map() },
): string {
  return new Executor(set, tree, shared).run(data);
}

export type { ListNode };
