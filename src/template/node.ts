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

/**
 * Nodes declare their fields and assign them in the constructor: class-field definitions
 * (define semantics) cost a property definition per field per node, which shows in parsing.
 */
abstract class BaseNode {
  declare readonly pos: number;
  declare readonly tree: Tree;
  constructor(pos: number, tree: Tree) {
    this.pos = pos;
    this.tree = tree;
  }
}

export class ListNode extends BaseNode {
  declare readonly type: NodeType.List;
  declare nodes: Node[];
  constructor(pos: number, tree: Tree) {
    super(pos, tree);
    this.type = NodeType.List;
    this.nodes = [];
  }
  override toString(): string {
    return this.nodes.map(String).join('');
  }
}

export class TextNode extends BaseNode {
  declare readonly type: NodeType.Text;
  declare text: string;
  constructor(pos: number, tree: Tree, text: string) {
    super(pos, tree);
    this.text = text;
    this.type = NodeType.Text;
  }
  override toString(): string {
    return this.text;
  }
}

export class CommentNode extends BaseNode {
  declare readonly type: NodeType.Comment;
  declare readonly text: string;
  constructor(pos: number, tree: Tree, text: string) {
    super(pos, tree);
    this.text = text;
    this.type = NodeType.Comment;
  }
  override toString(): string {
    return `{{${this.text}}}`;
  }
}

export class ActionNode extends BaseNode {
  declare readonly type: NodeType.Action;
  declare readonly line: number;
  declare readonly pipe: PipeNode;
  constructor(pos: number, tree: Tree, line: number, pipe: PipeNode) {
    super(pos, tree);
    this.line = line;
    this.pipe = pipe;
    this.type = NodeType.Action;
  }
  override toString(): string {
    return `{{${this.pipe}}}`;
  }
}

export class PipeNode extends BaseNode {
  declare readonly type: NodeType.Pipe;
  declare isAssign: boolean;
  declare decl: VariableNode[];
  declare cmds: CommandNode[];
  declare readonly line: number;
  constructor(pos: number, tree: Tree, line: number) {
    super(pos, tree);
    this.line = line;
    this.type = NodeType.Pipe;
    this.isAssign = false;
    this.decl = [];
    this.cmds = [];
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
  declare readonly type: NodeType.Command;
  declare args: Node[];
  constructor(pos: number, tree: Tree) {
    super(pos, tree);
    this.type = NodeType.Command;
    this.args = [];
  }
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
  declare readonly type: NodeType.Identifier;
  declare readonly ident: string;
  constructor(pos: number, tree: Tree, ident: string) {
    super(pos, tree);
    this.ident = ident;
    this.type = NodeType.Identifier;
  }
  override toString(): string {
    return this.ident;
  }
}

export class VariableNode extends BaseNode {
  declare readonly type: NodeType.Variable;
  /** `$x.a.b` is ["$x", "a", "b"]. */
  declare readonly ident: string[];
  constructor(pos: number, tree: Tree, text: string) {
    super(pos, tree);
    this.type = NodeType.Variable;
    this.ident = text.split('.');
  }
  override toString(): string {
    return this.ident.join('.');
  }
}

export class DotNode extends BaseNode {
  declare readonly type: NodeType.Dot;
  constructor(pos: number, tree: Tree) {
    super(pos, tree);
    this.type = NodeType.Dot;
  }
  override toString(): string {
    return '.';
  }
}

export class NilNode extends BaseNode {
  declare readonly type: NodeType.Nil;
  constructor(pos: number, tree: Tree) {
    super(pos, tree);
    this.type = NodeType.Nil;
  }
  override toString(): string {
    return 'nil';
  }
}

export class FieldNode extends BaseNode {
  declare readonly type: NodeType.Field;
  /** `.a.b` is ["a", "b"]. */
  declare readonly ident: string[];
  constructor(pos: number, tree: Tree, text: string) {
    super(pos, tree);
    this.type = NodeType.Field;
    this.ident = text.slice(1).split('.');
  }
  override toString(): string {
    return this.ident.map((id) => `.${id}`).join('');
  }
}

export class ChainNode extends BaseNode {
  declare readonly type: NodeType.Chain;
  declare field: string[];
  declare readonly node: Node;
  constructor(pos: number, tree: Tree, node: Node) {
    super(pos, tree);
    this.node = node;
    this.type = NodeType.Chain;
    this.field = [];
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
  declare readonly type: NodeType.Bool;
  declare readonly value: boolean;
  constructor(pos: number, tree: Tree, value: boolean) {
    super(pos, tree);
    this.value = value;
    this.type = NodeType.Bool;
  }
  override toString(): string {
    return this.value ? 'true' : 'false';
  }
}

export class NumberNode extends BaseNode {
  declare readonly type: NodeType.Number;
  declare isInt: boolean;
  declare isUint: boolean;
  declare isFloat: boolean;
  declare isComplex: boolean;
  declare int64: bigint;
  declare uint64: bigint;
  declare float64: number;
  declare readonly text: string;
  constructor(pos: number, tree: Tree, text: string) {
    super(pos, tree);
    this.text = text;
    this.type = NodeType.Number;
    this.isInt = false;
    this.isUint = false;
    this.isFloat = false;
    this.isComplex = false;
    this.int64 = 0n;
    this.uint64 = 0n;
    this.float64 = 0;
  }
  override toString(): string {
    return this.text;
  }
}

export class StringNode extends BaseNode {
  declare readonly type: NodeType.String;
  declare readonly quoted: string;
  declare readonly text: string;
  constructor(pos: number, tree: Tree, quoted: string, text: string) {
    super(pos, tree);
    this.quoted = quoted;
    this.text = text;
    this.type = NodeType.String;
  }
  override toString(): string {
    return this.quoted;
  }
}

export class EndNode extends BaseNode {
  declare readonly type: NodeType.End;
  constructor(pos: number, tree: Tree) {
    super(pos, tree);
    this.type = NodeType.End;
  }
  override toString(): string {
    return '{{end}}';
  }
}

export class ElseNode extends BaseNode {
  declare readonly type: NodeType.Else;
  declare readonly line: number;
  constructor(pos: number, tree: Tree, line: number) {
    super(pos, tree);
    this.line = line;
    this.type = NodeType.Else;
  }
  override toString(): string {
    return '{{else}}';
  }
}

/** if, range and with share one shape, as in Go. */
export class BranchNode extends BaseNode {
  declare readonly type: NodeType.If | NodeType.Range | NodeType.With;
  declare readonly line: number;
  declare readonly pipe: PipeNode;
  declare readonly list: ListNode;
  declare readonly elseList: ListNode | null;
  constructor(
    type: NodeType.If | NodeType.Range | NodeType.With,
    pos: number,
    tree: Tree,
    line: number,
    pipe: PipeNode,
    list: ListNode,
    elseList: ListNode | null,
  ) {
    super(pos, tree);
    this.type = type;
    this.line = line;
    this.pipe = pipe;
    this.list = list;
    this.elseList = elseList;
  }
  override toString(): string {
    const name = this.type === NodeType.If ? 'if' : this.type === NodeType.Range ? 'range' : 'with';
    let s = `{{${name} ${this.pipe}}}${this.list}`;
    if (this.elseList) s += `{{else}}${this.elseList}`;
    return `${s}{{end}}`;
  }
}

export class BreakNode extends BaseNode {
  declare readonly type: NodeType.Break;
  declare readonly line: number;
  constructor(pos: number, tree: Tree, line: number) {
    super(pos, tree);
    this.line = line;
    this.type = NodeType.Break;
  }
  override toString(): string {
    return '{{break}}';
  }
}

export class ContinueNode extends BaseNode {
  declare readonly type: NodeType.Continue;
  declare readonly line: number;
  constructor(pos: number, tree: Tree, line: number) {
    super(pos, tree);
    this.line = line;
    this.type = NodeType.Continue;
  }
  override toString(): string {
    return '{{continue}}';
  }
}

export class TemplateNode extends BaseNode {
  declare readonly type: NodeType.Template;
  declare readonly line: number;
  declare readonly name: string;
  declare readonly pipe: PipeNode | null;
  constructor(pos: number, tree: Tree, line: number, name: string, pipe: PipeNode | null) {
    super(pos, tree);
    this.line = line;
    this.name = name;
    this.pipe = pipe;
    this.type = NodeType.Template;
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
