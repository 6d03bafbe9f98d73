/**
 * The parse tree of Go's text/template (parse/node.go). Node `toString()` reproduces Go's
 * `String()` exactly, because execution errors quote it (`executing "x" at <.Values.a>`).
 */
import { goQuote } from './lex.ts';

export enum NodeType {
  Text,
  Action,
  Bool,
  Chain,
  Command,
  Dot,
  Else,
  End,
  Field,
  Identifier,
  If,
  List,
  Nil,
  Number,
  Pipe,
  Range,
  String,
  Template,
  Variable,
  With,
  Comment,
  Break,
  Continue,
}

/** One parsed template: its name, the file it came from (for errors) and its body. */
export class Tree {
  root: ListNode | null = null;
  constructor(
    public name: string,
    /** Name of the top-level template whose text holds this tree (Go's ParseName). */
    public parseName: string,
    /** Full source text, for turning positions into line:col. */
    public text: string,
  ) {}

  /** Go's Tree.ErrorContext: `parseName:line:col` (col in bytes) and the node's text. */
  errorContext(n: Node): { location: string; context: string } {
    const pos = n.pos;
    const before = this.text.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const lineStart = nl + 1;
    const col = utf8Length(before.slice(lineStart));
    let line = 1;
    for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
    // Go 1.25 quotes the whole node, however long.
    return { location: `${this.parseName}:${line}:${col}`, context: n.toString() };
  }
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export type Node =
  | ListNode
  | TextNode
  | CommentNode
  | ActionNode
  | PipeNode
  | CommandNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | EndNode
  | ElseNode
  | BranchNode
  | BreakNode
  | ContinueNode
  | TemplateNode;

abstract class BaseNode {
  constructor(
    readonly pos: number,
    readonly tree: Tree,
  ) {}
}

export class ListNode extends BaseNode {
  readonly type = NodeType.List;
  nodes: Node[] = [];
  override toString(): string {
    return this.nodes.map(String).join('');
  }
}

export class TextNode extends BaseNode {
  readonly type = NodeType.Text;
  constructor(
    pos: number,
    tree: Tree,
    public text: string,
  ) {
    super(pos, tree);
  }
  override toString(): string {
    return this.text;
  }
}

export class CommentNode extends BaseNode {
  readonly type = NodeType.Comment;
  constructor(
    pos: number,
    tree: Tree,
    readonly text: string,
  ) {
    super(pos, tree);
  }
  override toString(): string {
    return `{{${this.text}}}`;
  }
}

export class ActionNode extends BaseNode {
  readonly type = NodeType.Action;
  constructor(
    pos: number,
    tree: Tree,
    readonly line: number,
    readonly pipe: PipeNode,
  ) {
    super(pos, tree);
  }
  override toString(): string {
    return `{{${this.pipe}}}`;
  }
}

export class PipeNode extends BaseNode {
  readonly type = NodeType.Pipe;
  isAssign = false;
  decl: VariableNode[] = [];
  cmds: CommandNode[] = [];
  constructor(
    pos: number,
    tree: Tree,
    readonly line: number,
  ) {
    super(pos, tree);
  }
  override toString(): string {
    let s = '';
    if (this.decl.length > 0) {
      s = this.decl.map(String).join(', ');
      s += this.isAssign ? ' = ' : ' := ';
    }
    return s + this.cmds.map(String).join(' | ');
  }
}

export class CommandNode extends BaseNode {
  readonly type = NodeType.Command;
  args: Node[] = [];
  override toString(): string {
    let s = '';
    for (let i = 0; i < this.args.length; i++) {
      if (i > 0) s += ' ';
      const a = this.args[i];
      s += a.type === NodeType.Pipe ? `(${a})` : String(a);
    }
    return s;
  }
}

export class IdentifierNode extends BaseNode {
  readonly type = NodeType.Identifier;
  constructor(
    pos: number,
    tree: Tree,
    readonly ident: string,
  ) {
    super(pos, tree);
  }
  override toString(): string {
    return this.ident;
  }
}

export class VariableNode extends BaseNode {
  readonly type = NodeType.Variable;
  /** `$x.a.b` is ["$x", "a", "b"]. */
  readonly ident: string[];
  constructor(pos: number, tree: Tree, text: string) {
    super(pos, tree);
    this.ident = text.split('.');
  }
  override toString(): string {
    return this.ident.join('.');
  }
}

export class DotNode extends BaseNode {
  readonly type = NodeType.Dot;
  override toString(): string {
    return '.';
  }
}

export class NilNode extends BaseNode {
  readonly type = NodeType.Nil;
  override toString(): string {
    return 'nil';
  }
}

export class FieldNode extends BaseNode {
  readonly type = NodeType.Field;
  /** `.a.b` is ["a", "b"]. */
  readonly ident: string[];
  constructor(pos: number, tree: Tree, text: string) {
    super(pos, tree);
    this.ident = text.slice(1).split('.');
  }
  override toString(): string {
    return this.ident.map((id) => `.${id}`).join('');
  }
}

export class ChainNode extends BaseNode {
  readonly type = NodeType.Chain;
  field: string[] = [];
  constructor(
    pos: number,
    tree: Tree,
    readonly node: Node,
  ) {
    super(pos, tree);
  }
  add(field: string): void {
    if (field.length === 0 || field[0] !== '.') throw new Error('no dot in field');
    const f = field.slice(1);
    if (f === '') throw new Error('empty field');
    this.field.push(f);
  }
  override toString(): string {
    const head = this.node.type === NodeType.Pipe ? `(${this.node})` : String(this.node);
    return head + this.field.map((f) => `.${f}`).join('');
  }
}

export class BoolNode extends BaseNode {
  readonly type = NodeType.Bool;
  constructor(
    pos: number,
    tree: Tree,
    readonly value: boolean,
  ) {
    super(pos, tree);
  }
  override toString(): string {
    return this.value ? 'true' : 'false';
  }
}

export class NumberNode extends BaseNode {
  readonly type = NodeType.Number;
  isInt = false;
  isUint = false;
  isFloat = false;
  isComplex = false;
  int64 = 0n;
  uint64 = 0n;
  float64 = 0;
  constructor(
    pos: number,
    tree: Tree,
    readonly text: string,
  ) {
    super(pos, tree);
  }
  override toString(): string {
    return this.text;
  }
}

export class StringNode extends BaseNode {
  readonly type = NodeType.String;
  constructor(
    pos: number,
    tree: Tree,
    readonly quoted: string,
    readonly text: string,
  ) {
    super(pos, tree);
  }
  override toString(): string {
    return this.quoted;
  }
}

export class EndNode extends BaseNode {
  readonly type = NodeType.End;
  override toString(): string {
    return '{{end}}';
  }
}

export class ElseNode extends BaseNode {
  readonly type = NodeType.Else;
  constructor(
    pos: number,
    tree: Tree,
    readonly line: number,
  ) {
    super(pos, tree);
  }
  override toString(): string {
    return '{{else}}';
  }
}

/** if, range and with share one shape, as in Go. */
export class BranchNode extends BaseNode {
  constructor(
    readonly type: NodeType.If | NodeType.Range | NodeType.With,
    pos: number,
    tree: Tree,
    readonly line: number,
    readonly pipe: PipeNode,
    readonly list: ListNode,
    readonly elseList: ListNode | null,
  ) {
    super(pos, tree);
  }
  override toString(): string {
    const name = this.type === NodeType.If ? 'if' : this.type === NodeType.Range ? 'range' : 'with';
    let s = `{{${name} ${this.pipe}}}${this.list}`;
    if (this.elseList) s += `{{else}}${this.elseList}`;
    return `${s}{{end}}`;
  }
}

export class BreakNode extends BaseNode {
  readonly type = NodeType.Break;
  constructor(
    pos: number,
    tree: Tree,
    readonly line: number,
  ) {
    super(pos, tree);
  }
  override toString(): string {
    return '{{break}}';
  }
}

export class ContinueNode extends BaseNode {
  readonly type = NodeType.Continue;
  constructor(
    pos: number,
    tree: Tree,
    readonly line: number,
  ) {
    super(pos, tree);
  }
  override toString(): string {
    return '{{continue}}';
  }
}

export class TemplateNode extends BaseNode {
  readonly type = NodeType.Template;
  constructor(
    pos: number,
    tree: Tree,
    readonly line: number,
    readonly name: string,
    readonly pipe: PipeNode | null,
  ) {
    super(pos, tree);
  }
  override toString(): string {
    return this.pipe
      ? `{{template ${goQuote(this.name)} ${this.pipe}}}`
      : `{{template ${goQuote(this.name)}}}`;
  }
}

/** Go's parse.IsEmptyTree: only whitespace text and comments. */
export function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  switch (n.type) {
    case NodeType.Comment:
      return true;
    case NodeType.List:
      return n.nodes.every(isEmptyTree);
    case NodeType.Text:
      return /^\p{White_Space}*$/u.test(n.text);
    default:
      return false;
  }
}
