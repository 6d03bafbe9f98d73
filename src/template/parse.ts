/**
 * The parser of Go's text/template (parse/parse.go): items -> node trees, one tree per template
 * (the named top-level one plus every {{define}}/{{block}}). Errors carry Go's exact text; the
 * line is that of the parser's latest token, as in Go, so the lookahead buffer mirrors Go's.
 */
import { TemplateError } from './errors.ts';
import { goQuote, type Item, ItemType, Lexer } from './lex.ts';
import {
  ActionNode,
  BoolNode,
  BranchNode,
  BreakNode,
  ChainNode,
  CommandNode,
  CommentNode,
  ContinueNode,
  DotNode,
  ElseNode,
  EndNode,
  FieldNode,
  IdentifierNode,
  isEmptyTree,
  ListNode,
  NilNode,
  type Node,
  NodeType,
  NumberNode,
  PipeNode,
  StringNode,
  TemplateNode,
  TextNode,
  Tree,
  VariableNode,
} from './node.ts';

/**
 * Nesting of parentheses and of if/range/with/block bodies. Go allows 10000 parentheses and
 * any control nesting; the JS stack does not, so both stop here, with Go's parenthesis message.
 */
const MAX_STACK_DEPTH = 1000;
const MAX_PIPELINE_CMDS = 100000;

export interface ParseOptions {
  leftDelim?: string;
  rightDelim?: string;
  /** Whether a function name is defined (Go checks this at parse time). */
  hasFunction: (name: string) => boolean;
  /** Keep comments as nodes (Go's ParseComments mode). */
  parseComments?: boolean;
  /** Skip the function-defined check (Go's SkipFuncCheck mode). */
  skipFuncCheck?: boolean;
}

/**
 * Parses `text` as the template `name`; returns every tree it defines, keyed by name (Go's
 * parse.Parse). Throws TemplateError with Go's message on a syntax error.
 */
export function parseTemplates(name: string, text: string, opts: ParseOptions): Map<string, Tree> {
  const treeSet = new Map<string, Tree>();
  const tree = new Tree(name, name, text);
  const lexer = new Lexer(name, text, opts.leftDelim || '{{', opts.rightDelim || '}}', {
    emitComment: opts.parseComments ?? false,
    breakOK: !opts.hasFunction('break'),
    continueOK: !opts.hasFunction('continue'),
  });
  const p = new Parser(tree, lexer, treeSet, opts);
  try {
    p.parse();
    p.add();
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    // Only stack exhaustion gets here (nesting far beyond MAX_NESTING is refused first).
    throw new TemplateError(`template: ${name}:${p.line()}: max expression depth exceeded`, {
      kind: 'parse',
      template: name,
      line: p.line(),
    });
  }
  return treeSet;
}

class Parser {
  private token: Item[] = [EOF_ITEM, EOF_ITEM, EOF_ITEM];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  private stackDepth = 0;
  private controlDepth = 0;

  constructor(
    private readonly tree: Tree,
    private readonly lex: Lexer,
    private readonly treeSet: Map<string, Tree>,
    private readonly opts: ParseOptions,
  ) {}

  // --- token stream ------------------------------------------------------------------------

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount];
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }

  private nextNonSpace(): Item {
    let token: Item;
    do token = this.next();
    while (token.typ === ItemType.Space);
    return token;
  }

  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  /** Line of the latest token, as parse errors report it. */
  line(): number {
    return this.token[0].line;
  }

  // --- errors ------------------------------------------------------------------------------

  private errorf(msg: string): never {
    this.tree.root = null;
    const line = this.token[0].line;
    throw new TemplateError(`template: ${this.tree.parseName}:${line}: ${msg}`, {
      kind: 'parse',
      template: this.tree.parseName,
      line,
    });
  }

  private expect(expected: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }

  private expectOneOf(e1: ItemType, e2: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== e1 && token.typ !== e2) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Item, context: string): never {
    if (token.typ === ItemType.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.tree.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  // --- structure ---------------------------------------------------------------------------

  /** Installs this tree in the set, refusing a second non-empty definition of one name. */
  add(): void {
    const existing = this.treeSet.get(this.tree.name);
    if (existing === undefined || isEmptyTree(existing.root)) {
      this.treeSet.set(this.tree.name, this.tree);
      return;
    }
    if (!isEmptyTree(this.tree.root))
      this.errorf(`template: multiple definition of template ${goQuote(this.tree.name)}`);
  }

  private child(name: string): Parser {
    const t = new Tree(name, this.tree.parseName, this.tree.text);
    return new Parser(t, this.lex, this.treeSet, this.opts);
  }

  parse(): void {
    this.tree.root = new ListNode(this.peek().pos, this.tree);
    while (this.peek().typ !== ItemType.EOF) {
      if (this.peek().typ === ItemType.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === ItemType.Define) {
          const def = this.child('definition');
          def.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === NodeType.End || n.type === NodeType.Else) this.errorf(`unexpected ${n}`);
      this.tree.root.nodes.push(n);
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf(ItemType.String, ItemType.RawString, context);
    this.tree.name = unquoteOrError(name.val, (m) => this.errorf(m));
    this.expect(ItemType.RightDelim, context);
    const [list, end] = this.itemList();
    this.tree.root = list;
    if (end.type !== NodeType.End) this.errorf(`unexpected ${end} in ${context}`);
    this.add();
  }

  private itemList(): [ListNode, Node] {
    const list = new ListNode(this.peekNonSpace().pos, this.tree);
    while (this.peekNonSpace().typ !== ItemType.EOF) {
      const n = this.textOrAction();
      if (n.type === NodeType.End || n.type === NodeType.Else) return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case ItemType.Text:
        return new TextNode(token.pos, this.tree, token.val);
      case ItemType.LeftDelim: {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case ItemType.Comment:
        return new CommentNode(token.pos, this.tree, token.val);
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case ItemType.Block:
        return this.blockControl();
      case ItemType.Break:
        return this.breakControl(token.pos, token.line);
      case ItemType.Continue:
        return this.continueControl(token.pos, token.line);
      case ItemType.Else:
        return this.elseControl();
      case ItemType.End:
        return this.endControl();
      case ItemType.If:
        return this.ifControl();
      case ItemType.Range:
        return this.rangeControl();
      case ItemType.Template:
        return this.templateControl();
      case ItemType.With:
        return this.withControl();
    }
    this.backup();
    const t = this.peek();
    return new ActionNode(t.pos, this.tree, t.line, this.pipeline('command', ItemType.RightDelim));
  }

  private breakControl(pos: number, line: number): Node {
    const token = this.nextNonSpace();
    if (token.typ !== ItemType.RightDelim) this.unexpected(token, '{{break}}');
    if (this.rangeDepth === 0) this.errorf('{{break}} outside {{range}}');
    return new BreakNode(pos, this.tree, line);
  }

  private continueControl(pos: number, line: number): Node {
    const token = this.nextNonSpace();
    if (token.typ !== ItemType.RightDelim) this.unexpected(token, '{{continue}}');
    if (this.rangeDepth === 0) this.errorf('{{continue}} outside {{range}}');
    return new ContinueNode(pos, this.tree, line);
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const start = this.peekNonSpace();
    const pipe = new PipeNode(start.pos, this.tree, start.line);
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== ItemType.Variable) break;
      this.next();
      // "$x foo" needs three tokens of lookahead to tell an argument from a declaration.
      const tokenAfterVariable = this.peek();
      const nxt = this.peekNonSpace();
      if (nxt.typ === ItemType.Assign || nxt.typ === ItemType.Declare) {
        pipe.isAssign = nxt.typ === ItemType.Assign;
        this.nextNonSpace();
        pipe.decl.push(new VariableNode(v.pos, this.tree, v.val));
        this.vars.push(v.val);
      } else if (nxt.typ === ItemType.Char && nxt.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(new VariableNode(v.pos, this.tree, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const pk = this.peekNonSpace().typ;
          if (pk === ItemType.Variable || pk === ItemType.RightDelim || pk === ItemType.RightParen) continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.typ === ItemType.Space) {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      switch (token.typ) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case ItemType.Bool:
        case ItemType.CharConstant:
        case ItemType.Complex:
        case ItemType.Dot:
        case ItemType.Field:
        case ItemType.Identifier:
        case ItemType.Number:
        case ItemType.Nil:
        case ItemType.RawString:
        case ItemType.String:
        case ItemType.Variable:
        case ItemType.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          if (pipe.cmds.length > MAX_PIPELINE_CMDS) this.errorf('pipeline too long');
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      switch (pipe.cmds[i].args[0].type) {
        case NodeType.Bool:
        case NodeType.Dot:
        case NodeType.Nil:
        case NodeType.Number:
        case NodeType.String:
          this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  private parseControl(context: 'if' | 'range' | 'with'): {
    pipe: PipeNode;
    list: ListNode;
    elseList: ListNode | null;
  } {
    const varsMark = this.vars.length;
    if (++this.controlDepth > MAX_STACK_DEPTH) this.errorf('max expression depth exceeded');
    try {
      const pipe = this.pipeline(context, ItemType.RightDelim);
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === NodeType.Else) {
        // "else if" / "else with" parse as a nested if/with whose {{end}} closes both.
        if (context === 'if' && this.peek().typ === ItemType.If) {
          this.next();
          elseList = new ListNode(next.pos, this.tree);
          elseList.nodes.push(this.ifControl());
        } else if (context === 'with' && this.peek().typ === ItemType.With) {
          this.next();
          elseList = new ListNode(next.pos, this.tree);
          elseList.nodes.push(this.withControl());
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== NodeType.End) this.errorf(`expected end; found ${next}`);
        }
      }
      return { pipe, list, elseList };
    } finally {
      this.controlDepth--;
      this.vars.length = varsMark;
    }
  }

  private branch(type: NodeType.If | NodeType.Range | NodeType.With, context: 'if' | 'range' | 'with'): Node {
    const { pipe, list, elseList } = this.parseControl(context);
    return new BranchNode(type, pipe.pos, this.tree, pipe.line, pipe, list, elseList);
  }

  private ifControl(): Node {
    return this.branch(NodeType.If, 'if');
  }

  private rangeControl(): Node {
    return this.branch(NodeType.Range, 'range');
  }

  private withControl(): Node {
    return this.branch(NodeType.With, 'with');
  }

  private endControl(): Node {
    return new EndNode(this.expect(ItemType.RightDelim, 'end').pos, this.tree);
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === ItemType.If || peek.typ === ItemType.With)
      return new ElseNode(peek.pos, this.tree, peek.line);
    const token = this.expect(ItemType.RightDelim, 'else');
    return new ElseNode(token.pos, this.tree, token.line);
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, ItemType.RightDelim);
    const block = this.child(name);
    const [list, end] = block.itemList();
    block.tree.root = list;
    if (end.type !== NodeType.End) this.errorf(`unexpected ${end} in ${context}`);
    block.add();
    return new TemplateNode(token.pos, this.tree, token.line, name, pipe);
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== ItemType.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, ItemType.RightDelim);
    }
    return new TemplateNode(token.pos, this.tree, token.line, name, pipe);
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ === ItemType.String || token.typ === ItemType.RawString)
      return unquoteOrError(token.val, (m) => this.errorf(m));
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    const cmd = new CommandNode(this.peekNonSpace().pos, this.tree);
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const token = this.next();
      switch (token.typ) {
        case ItemType.Space:
          continue;
        case ItemType.RightDelim:
        case ItemType.RightParen:
          this.backup();
          break;
        case ItemType.Pipe:
          break;
        default:
          this.unexpected(token, 'operand');
      }
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | null {
    let node = this.term();
    if (node === null) return null;
    if (this.peek().typ === ItemType.Field) {
      const chain = new ChainNode(this.peek().pos, this.tree, node);
      while (this.peek().typ === ItemType.Field) chain.add(this.next().val);
      // Fields and variables absorb the chain (Go's original API); literals cannot have fields.
      switch (node.type) {
        case NodeType.Field:
          node = new FieldNode(chain.pos, this.tree, chain.toString());
          break;
        case NodeType.Variable:
          node = new VariableNode(chain.pos, this.tree, chain.toString());
          break;
        case NodeType.Bool:
        case NodeType.String:
        case NodeType.Number:
        case NodeType.Nil:
        case NodeType.Dot:
          this.errorf(`unexpected . after term ${goQuote(node.toString())}`);
          break;
        default:
          node = chain;
      }
    }
    return node;
  }

  private term(): Node | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case ItemType.Identifier:
        if (!this.opts.skipFuncCheck && !this.opts.hasFunction(token.val))
          this.errorf(`function ${goQuote(token.val)} not defined`);
        return new IdentifierNode(token.pos, this.tree, token.val);
      case ItemType.Dot:
        return new DotNode(token.pos, this.tree);
      case ItemType.Nil:
        return new NilNode(token.pos, this.tree);
      case ItemType.Variable:
        return this.useVar(token.pos, token.val);
      case ItemType.Field:
        return new FieldNode(token.pos, this.tree, token.val);
      case ItemType.Bool:
        return new BoolNode(token.pos, this.tree, token.val === 'true');
      case ItemType.CharConstant:
      case ItemType.Complex:
      case ItemType.Number: {
        const r = newNumber(token.pos, this.tree, token.val, token.typ);
        if (typeof r === 'string') this.errorf(r);
        return r;
      }
      case ItemType.LeftParen: {
        if (this.stackDepth >= MAX_STACK_DEPTH) this.errorf('max expression depth exceeded');
        this.stackDepth++;
        try {
          return this.pipeline('parenthesized pipeline', ItemType.RightParen);
        } finally {
          this.stackDepth--;
        }
      }
      case ItemType.String:
      case ItemType.RawString:
        return new StringNode(
          token.pos,
          this.tree,
          token.val,
          unquoteOrError(token.val, (m) => this.errorf(m)),
        );
    }
    this.backup();
    return null;
  }

  private useVar(pos: number, name: string): Node {
    const v = new VariableNode(pos, this.tree, name);
    if (!this.vars.includes(v.ident[0])) this.errorf(`undefined variable ${goQuote(v.ident[0])}`);
    return v;
  }
}

const EOF_ITEM: Item = { typ: ItemType.EOF, pos: 0, val: '', line: 0 };

/** Go's item.String(), as parse errors print tokens. */
export function itemString(i: Item): string {
  if (i.typ === ItemType.EOF) return 'EOF';
  if (i.typ === ItemType.Error) return i.val;
  if (i.typ > ItemType.Keyword) return `<${i.val}>`;
  const runes = Array.from(i.val);
  if (runes.length > 10) return `${goQuote(runes.slice(0, 10).join(''))}...`;
  return goQuote(i.val);
}

// --- literals ----------------------------------------------------------------------------

function unquoteOrError(quoted: string, fail: (msg: string) => never): string {
  const s = unquote(quoted);
  if (s === undefined) fail('invalid syntax');
  return s;
}

/** strconv.Unquote for "..." and `...` literals; undefined on a syntax error. */
export function unquote(q: string): string | undefined {
  if (q.length < 2) return undefined;
  const quote = q[0];
  if (quote !== q[q.length - 1]) return undefined;
  const body = q.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) return undefined;
    return body.includes('\r') ? body.replaceAll('\r', '') : body;
  }
  if (quote !== '"' && quote !== "'") return undefined;
  if (!body.includes('\\') && !body.includes(quote) && !body.includes('\n')) {
    if (quote === '"') return body;
  }
  let out = '';
  let rest = body;
  while (rest.length > 0) {
    const r = unquoteChar(rest, quote);
    if (r === undefined) return undefined;
    out += r.value;
    rest = r.tail;
    if (quote === "'" && rest.length > 0) return undefined;
  }
  if (quote === "'" && out.length === 0) return undefined;
  return out;
}

/** strconv.UnquoteChar: the first (possibly escaped) character of s and the rest. */
export function unquoteChar(
  s: string,
  quote: string,
): { value: string; code: number; tail: string } | undefined {
  const c0 = s.codePointAt(0)!;
  const ch = String.fromCodePoint(c0);
  if (ch === quote && (quote === "'" || quote === '"')) return undefined;
  if (ch !== '\\') {
    if (c0 === 0x0a && quote !== '`') return undefined;
    return { value: ch, code: c0, tail: s.slice(ch.length) };
  }
  if (s.length <= 1) return undefined;
  const c = s[1];
  let tail = s.slice(2);
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
  if (Object.hasOwn(simple, c)) return { value: String.fromCharCode(simple[c]), code: simple[c], tail };
  switch (c) {
    case 'x':
    case 'u':
    case 'U': {
      const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
      if (tail.length < n) return undefined;
      const hex = tail.slice(0, n);
      if (!/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      const v = Number.parseInt(hex, 16);
      tail = tail.slice(n);
      if (c === 'x') {
        // A \x byte: in a Go string this is a raw byte; treat as the Latin-1 code point.
        return { value: String.fromCharCode(v), code: v, tail };
      }
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
      return { value: String.fromCodePoint(v), code: v, tail };
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      const oct = s.slice(1, 4);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      const v = Number.parseInt(oct, 8);
      if (v > 255) return undefined;
      return { value: String.fromCharCode(v), code: v, tail: s.slice(4) };
    }
    case "'":
    case '"':
      if (c !== quote) return undefined;
      return { value: c, code: c.charCodeAt(0), tail };
  }
  return undefined;
}

/** Go's newNumber: classify a number literal; returns an error message on failure. */
export function newNumber(pos: number, tree: Tree, text: string, typ: ItemType): NumberNode | string {
  const n = new NumberNode(pos, tree, text);
  if (typ === ItemType.CharConstant) {
    const r = text.length >= 2 ? unquoteChar(text.slice(1), "'") : undefined;
    if (r === undefined) return 'invalid syntax';
    if (r.tail !== "'") return `malformed character constant: ${text}`;
    const v = BigInt(r.code);
    n.int64 = v;
    n.isInt = true;
    n.uint64 = v;
    n.isUint = true;
    n.float64 = r.code;
    n.isFloat = true;
    return n;
  }
  // Complex literals have no place in the value model; Go would accept them.
  if (typ === ItemType.Complex) return `complex number ${text} not supported`;
  if (text.endsWith('i') && parseGoFloat(text.slice(0, -1)) !== undefined)
    return `complex number ${text} not supported`;
  const u = parseGoInt(text, false);
  if (u !== undefined) {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseGoInt(text, true);
  if (i !== undefined) {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n) {
      n.isUint = true; // -0
      n.uint64 = u ?? 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseGoFloat(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      n.isFloat = true;
      n.float64 = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        n.isUint = true;
        n.uint64 = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return n;
}

/** strconv's underscoreOK: underscores only between digits (or after a base prefix). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseInt(s, 0, 64) (signed) or ParseUint(s, 0, 64); undefined on any error. */
export function parseGoInt(s: string, signed: boolean): bigint | undefined {
  let neg = false;
  let body = s;
  if (signed && (body[0] === '+' || body[0] === '-')) {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  if (body === '') return undefined;
  let base = 10;
  let digits = body;
  if (body[0] === '0' && body.length > 1) {
    const p = body[1].toLowerCase();
    if (p === 'x' || p === 'o' || p === 'b') {
      base = p === 'x' ? 16 : p === 'o' ? 8 : 2;
      digits = body.slice(2);
    } else {
      base = 8;
      digits = body.slice(1);
    }
  }
  if (digits.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    digits = digits.replaceAll('_', '');
  }
  if (digits === '') return undefined;
  const valid =
    base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let v = BigInt(prefix + digits);
  if (neg) v = -v;
  if (signed) {
    if (v > 0x7fffffffffffffffn || v < -0x8000000000000000n) return undefined;
  } else if (v > 0xffffffffffffffffn) return undefined;
  return v;
}

/** strconv.ParseFloat(s, 64) for decimal and hex forms; undefined on syntax or range error. */
export function parseGoFloat(s: string): number | undefined {
  if (s.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    s = s.replaceAll('_', '');
  }
  let sign = 1;
  let body = s;
  if (body[0] === '+' || body[0] === '-') {
    sign = body[0] === '-' ? -1 : 1;
    body = body.slice(1);
  }
  const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(body);
  if (hex) {
    const intPart = hex[1];
    const frac = hex[2] ?? '';
    if (intPart === '' && frac === '') return undefined;
    const mant = BigInt(`0x${intPart}${frac}` === '0x' ? '0' : `0x${intPart}${frac}`);
    const exp = Number(hex[3]) - 4 * frac.length;
    const v = Number(mant) * 2 ** exp;
    if (!Number.isFinite(v)) return undefined;
    return sign * v;
  }
  if (!/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(body)) return undefined;
  const v = Number(body);
  if (!Number.isFinite(v)) return undefined;
  return sign * v;
}
