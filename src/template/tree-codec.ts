/**
 * A compact binary encoding of a parsed Helm template set (ParsedTemplates), for the engine's
 * on-disk parse cache: decoding it rebuilds the same trees several times faster than lexing and
 * parsing the template texts again. Layout: a uint32 count N, N int32s (node types, positions,
 * lines, flags, and the length of each string), then the strings' UTF-8 text back to back, read
 * in the order the integers name them. JSON was tried first: JSON.parse of nested arrays alone
 * took as long as half the parse. The encoding never holds the template texts: text nodes that
 * are a slice of their file at their position are stored as a length, and trees name their file
 * by index; the decoder takes the same files (the cache key proves they are the same). Anything
 * unexpected while decoding returns undefined, so the caller parses instead.
 */
import { ItemType } from './lex.ts';
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
  ListNode,
  NilNode,
  type Node,
  NodeType,
  PipeNode,
  StringNode,
  TemplateNode,
  TextNode,
  Tree,
  VariableNode,
} from './node.ts';
import { newNumber } from './parse.ts';
import { newHelmTemplateSet, type ParsedTemplates, type RenderOptions } from './render.ts';

/** Bumped whenever the encoding or the node classes change shape. */
const CODEC_VERSION = 2;

class Writer {
  readonly ints: number[] = [];
  readonly strings: string[] = [];
  int(n: number): void {
    this.ints.push(n);
  }
  string(s: string): void {
    this.ints.push(s.length);
    this.strings.push(s);
  }
  stringList(l: readonly string[]): void {
    this.int(l.length);
    for (const s of l) this.string(s);
  }
  bytes(): Uint8Array {
    const ints = Int32Array.from(this.ints);
    const text = Buffer.from(this.strings.join(''), 'utf8');
    const out = new Uint8Array(4 + ints.byteLength + text.byteLength);
    new DataView(out.buffer).setUint32(0, ints.length, true);
    out.set(new Uint8Array(ints.buffer), 4);
    out.set(text, 4 + ints.byteLength);
    return out;
  }
}

function encodeNode(w: Writer, n: Node, text: string): void {
  w.int(n.type);
  w.int(n.pos);
  switch (n.type) {
    case NodeType.List:
      w.int(n.nodes.length);
      for (const c of n.nodes) encodeNode(w, c, text);
      return;
    case NodeType.Text:
      // most text is the file's own at the node's position: its length is enough
      if (text.startsWith(n.text, n.pos)) w.int(n.text.length);
      else {
        w.int(-1);
        w.string(n.text);
      }
      return;
    case NodeType.Comment:
    case NodeType.Number: // a character constant is the one number literal starting with a quote
      w.string(n.text);
      return;
    case NodeType.Action:
      w.int(n.line);
      encodeNode(w, n.pipe, text);
      return;
    case NodeType.Pipe:
      w.int(n.line);
      w.int(n.isAssign ? 1 : 0);
      w.int(n.decl.length);
      for (const c of n.decl) encodeNode(w, c, text);
      w.int(n.cmds.length);
      for (const c of n.cmds) encodeNode(w, c, text);
      return;
    case NodeType.Command:
      w.int(n.args.length);
      for (const c of n.args) encodeNode(w, c, text);
      return;
    case NodeType.Identifier:
      w.string(n.ident);
      return;
    case NodeType.Variable:
      w.string(n.ident.join('.'));
      return;
    case NodeType.Field:
      w.string(`.${n.ident.join('.')}`);
      return;
    case NodeType.Chain:
      encodeNode(w, n.node, text);
      w.stringList(n.field);
      return;
    case NodeType.Bool:
      w.int(n.value ? 1 : 0);
      return;
    case NodeType.String:
      w.string(n.quoted);
      w.string(n.text);
      return;
    case NodeType.Dot:
    case NodeType.Nil:
    case NodeType.End:
      return;
    case NodeType.Else:
    case NodeType.Break:
    case NodeType.Continue:
      w.int(n.line);
      return;
    case NodeType.If:
    case NodeType.Range:
    case NodeType.With:
      w.int(n.line);
      encodeNode(w, n.pipe, text);
      encodeNode(w, n.list, text);
      w.int(n.elseList ? 1 : 0);
      if (n.elseList) encodeNode(w, n.elseList, text);
      return;
    case NodeType.Template:
      w.int(n.line);
      w.string(n.name);
      w.int(n.pipe ? 1 : 0);
      if (n.pipe) encodeNode(w, n.pipe, text);
      return;
  }
}

/** The set's trees and order, encoded; `files` are the texts the set was parsed from. */
export function encodeParsedTemplates(parsed: ParsedTemplates, files: Map<string, string>): Uint8Array {
  const w = new Writer();
  const fileIndex = new Map<string, number>();
  const names: string[] = [];
  for (const name of files.keys()) {
    fileIndex.set(name, names.length);
    names.push(name);
  }
  w.int(CODEC_VERSION);
  w.string(parsed.set.name);
  w.stringList(parsed.order);
  w.stringList(names);
  const trees = [...parsed.set.entries()];
  w.int(trees.length);
  for (const [key, tree] of trees) {
    const at = fileIndex.get(tree.parseName);
    if (at === undefined || files.get(tree.parseName) !== tree.text) {
      throw new Error(`tree ${key} is not from the given files`);
    }
    w.string(key);
    w.string(tree.name);
    w.int(at);
    w.int(tree.root ? 1 : 0);
    if (tree.root) encodeNode(w, tree.root, tree.text);
  }
  return w.bytes();
}

/** Thrown inside the decoder on anything malformed; decodeParsedTemplates returns undefined. */
class Malformed extends Error {}

function malformed(): never {
  throw new Malformed();
}

class Reader {
  private ip = 0;
  private sp = 0;
  tree!: Tree;
  constructor(
    private readonly ints: Int32Array,
    private readonly text: string,
  ) {}

  int(): number {
    if (this.ip >= this.ints.length) malformed();
    return this.ints[this.ip++]!;
  }

  string(): string {
    const n = this.int();
    if (n < 0 || this.sp + n > this.text.length) malformed();
    const s = this.text.slice(this.sp, this.sp + n);
    this.sp += n;
    return s;
  }

  strings(): string[] {
    const n = this.int();
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.string());
    return out;
  }

  done(): boolean {
    return this.ip === this.ints.length && this.sp === this.text.length;
  }

  node(): Node {
    const type = this.int();
    const pos = this.int();
    const tree = this.tree;
    switch (type) {
      case NodeType.List:
        return this.listBody(pos);
      case NodeType.Text: {
        const n = this.int();
        if (n < 0) return new TextNode(pos, tree, this.string());
        if (pos + n > tree.text.length) malformed();
        return new TextNode(pos, tree, tree.text.slice(pos, pos + n));
      }
      case NodeType.Comment:
        return new CommentNode(pos, tree, this.string());
      case NodeType.Action: {
        const line = this.int();
        return new ActionNode(pos, tree, line, this.pipe());
      }
      case NodeType.Pipe:
        return this.pipeBody(pos);
      case NodeType.Command: {
        const cmd = new CommandNode(pos, tree);
        for (let i = this.int(); i > 0; i--) cmd.args.push(this.node());
        return cmd;
      }
      case NodeType.Identifier:
        return new IdentifierNode(pos, tree, this.string());
      case NodeType.Variable:
        return new VariableNode(pos, tree, this.string());
      case NodeType.Field:
        return new FieldNode(pos, tree, this.string());
      case NodeType.Chain: {
        const chain = new ChainNode(pos, tree, this.node());
        chain.field.push(...this.strings());
        return chain;
      }
      case NodeType.Bool:
        return new BoolNode(pos, tree, this.int() === 1);
      case NodeType.Number: {
        const text = this.string();
        const n = newNumber(pos, tree, text, text.startsWith("'") ? ItemType.CharConstant : ItemType.Number);
        return typeof n === 'string' ? malformed() : n;
      }
      case NodeType.String: {
        const quoted = this.string();
        return new StringNode(pos, tree, quoted, this.string());
      }
      case NodeType.Dot:
        return new DotNode(pos, tree);
      case NodeType.Nil:
        return new NilNode(pos, tree);
      case NodeType.End:
        return new EndNode(pos, tree);
      case NodeType.Else:
        return new ElseNode(pos, tree, this.int());
      case NodeType.Break:
        return new BreakNode(pos, tree, this.int());
      case NodeType.Continue:
        return new ContinueNode(pos, tree, this.int());
      case NodeType.If:
      case NodeType.Range:
      case NodeType.With: {
        const line = this.int();
        const pipe = this.pipe();
        const list = this.list();
        const elseList = this.int() === 1 ? this.list() : null;
        return new BranchNode(type, pos, tree, line, pipe, list, elseList);
      }
      case NodeType.Template: {
        const line = this.int();
        const name = this.string();
        return new TemplateNode(pos, tree, line, name, this.int() === 1 ? this.pipe() : null);
      }
      default:
        return malformed();
    }
  }

  list(): ListNode {
    if (this.int() !== NodeType.List) malformed();
    return this.listBody(this.int());
  }

  private listBody(pos: number): ListNode {
    const list = new ListNode(pos, this.tree);
    for (let i = this.int(); i > 0; i--) list.nodes.push(this.node());
    return list;
  }

  pipe(): PipeNode {
    if (this.int() !== NodeType.Pipe) malformed();
    return this.pipeBody(this.int());
  }

  private pipeBody(pos: number): PipeNode {
    const pipe = new PipeNode(pos, this.tree, this.int());
    pipe.isAssign = this.int() === 1;
    for (let i = this.int(); i > 0; i--) {
      const n = this.node();
      if (n.type !== NodeType.Variable) malformed();
      pipe.decl.push(n);
    }
    for (let i = this.int(); i > 0; i--) {
      const n = this.node();
      if (n.type !== NodeType.Command) malformed();
      pipe.cmds.push(n);
    }
    return pipe;
  }
}

/**
 * The set encodeParsedTemplates encoded, configured for Helm with `opts` (functions, strict),
 * over the same `files`; undefined when the bytes are malformed or of another version.
 */
export function decodeParsedTemplates(
  bytes: Uint8Array,
  files: Map<string, string>,
  opts: RenderOptions = {},
): ParsedTemplates | undefined {
  try {
    if (bytes.length < 4) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const count = view.getUint32(0, true);
    const textStart = 4 + count * 4;
    if (textStart > bytes.length) return undefined;
    // a copy: Int32Array needs an aligned offset, which a file buffer need not have
    const ints = new Int32Array(bytes.buffer.slice(bytes.byteOffset + 4, bytes.byteOffset + textStart));
    const r = new Reader(
      ints,
      Buffer.from(bytes.buffer, bytes.byteOffset + textStart, bytes.length - textStart).toString('utf8'),
    );
    if (r.int() !== CODEC_VERSION) return undefined;
    const set = newHelmTemplateSet(opts).setRootName(r.string());
    const order = r.strings();
    const names = r.strings();
    const texts = names.map((n) => files.get(n) ?? malformed());
    const decoded = new Map<string, Tree>();
    for (let i = r.int(); i > 0; i--) {
      const key = r.string();
      const name = r.string();
      const at = r.int();
      if (at < 0 || at >= names.length) malformed();
      const tree = new Tree(name, names[at]!, texts[at]!);
      r.tree = tree;
      if (r.int() === 1) tree.root = r.list();
      decoded.set(key, tree);
    }
    if (!r.done()) return undefined;
    set.restoreTrees(decoded);
    return { set, order };
  } catch (e) {
    if (e instanceof Malformed || e instanceof RangeError) return undefined;
    throw e;
  }
}
