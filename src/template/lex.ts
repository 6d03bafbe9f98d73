/**
 * The lexer of Go's text/template (parse/lex.go): turns template text into items, pulled one at
 * a time by the parser. Positions are JS string indices; errors convert them to Go's byte
 * columns only when a message needs one.
 */

export enum ItemType {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  // Keywords follow: Go prints them as `<word>` in errors.
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, ItemType> = {
  '.': ItemType.Dot,
  block: ItemType.Block,
  break: ItemType.Break,
  continue: ItemType.Continue,
  define: ItemType.Define,
  else: ItemType.Else,
  end: ItemType.End,
  if: ItemType.If,
  range: ItemType.Range,
  nil: ItemType.Nil,
  template: ItemType.Template,
  with: ItemType.With,
};

function keyword(word: string): ItemType | undefined {
  return Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
}

const EOF = -1;
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const TRIM_MARKER_LEN = 2;

export function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;

export function isAlphaNumeric(r: number): boolean {
  if (r < 0) return false;
  if (r < 0x80) {
    return r === 0x5f || (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  }
  return LETTER_OR_DIGIT.test(String.fromCodePoint(r));
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && s.charCodeAt(at) === 0x2d && isSpace(s.charCodeAt(at + 1));
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && isSpace(s.charCodeAt(at)) && s.charCodeAt(at + 1) === 0x2d;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function isSpaceChar(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/** Go's `%#U` of a rune: `U+0041 'A'`, or just `U+0001` when not printable. */
export function formatRuneU(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  const ch = String.fromCodePoint(r);
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch) ? `U+${hex} '${ch}'` : `U+${hex}`;
}

enum State {
  Text,
  LeftDelim,
  Comment,
  RightDelim,
  InsideAction,
  Space,
  Identifier,
  Field,
  Variable,
  Char,
  Number,
  Quote,
  RawQuote,
  Done,
}

export interface LexOptions {
  emitComment: boolean;
  breakOK: boolean;
  continueOK: boolean;
}

export class Lexer {
  private input: string;
  private pos = 0;
  private start = 0;
  private atEOF = false;
  private parenDepth = 0;
  private line = 1;
  private startLine = 1;
  private insideAction = false;
  private item: Item = { typ: ItemType.EOF, pos: 0, val: 'EOF', line: 1 };

  constructor(
    readonly name: string,
    input: string,
    readonly leftDelim: string,
    readonly rightDelim: string,
    readonly options: LexOptions,
  ) {
    this.input = input;
  }

  /** Next code point, or EOF; tracks lines as Go's lexer does. */
  private next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    this.atEOF = false;
    const r = this.input.codePointAt(this.pos)!;
    this.pos += r > 0xffff ? 2 : 1;
    if (r === 0x0a) this.line++;
    return r;
  }

  private peek(): number {
    if (this.pos >= this.input.length) return EOF;
    return this.input.codePointAt(this.pos)!;
  }

  /** Steps back over the last rune read by next(). */
  private backup(): void {
    if (this.atEOF) {
      this.atEOF = false;
      return;
    }
    if (this.pos <= 0) return;
    const c = this.input.charCodeAt(this.pos - 1);
    this.pos -= c >= 0xdc00 && c <= 0xdfff && this.pos >= 2 ? 2 : 1;
    if (c === 0x0a) this.line--;
  }

  private thisItem(t: ItemType): Item {
    const i: Item = {
      typ: t,
      pos: this.start,
      val: this.input.slice(this.start, this.pos),
      line: this.startLine,
    };
    this.start = this.pos;
    this.startLine = this.line;
    return i;
  }

  private emit(t: ItemType): State {
    this.item = this.thisItem(t);
    return State.Done;
  }

  private emitItem(i: Item): State {
    this.item = i;
    return State.Done;
  }

  private ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  private accept(valid: string): boolean {
    const r = this.next();
    if (r >= 0 && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  private acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r < 0 || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  private errorf(message: string): State {
    this.item = { typ: ItemType.Error, pos: this.start, val: message, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return State.Done;
  }

  nextItem(): Item {
    this.item = { typ: ItemType.EOF, pos: this.pos, val: 'EOF', line: this.startLine };
    let state = this.insideAction ? State.InsideAction : State.Text;
    while (state !== State.Done) state = this.step(state);
    return this.item;
  }

  private step(state: State): State {
    switch (state) {
      case State.Text:
        return this.lexText();
      case State.LeftDelim:
        return this.lexLeftDelim();
      case State.Comment:
        return this.lexComment();
      case State.RightDelim:
        return this.lexRightDelim();
      case State.InsideAction:
        return this.lexInsideAction();
      case State.Space:
        return this.lexSpace();
      case State.Identifier:
        return this.lexIdentifier();
      case State.Field:
        return this.lexFieldOrVariable(ItemType.Field);
      case State.Variable:
        return this.lexVariable();
      case State.Char:
        return this.lexChar();
      case State.Number:
        return this.lexNumber();
      case State.Quote:
        return this.lexQuote();
      case State.RawQuote:
        return this.lexRawQuote();
      default:
        return State.Done;
    }
  }

  private lexText(): State {
    const x = this.input.indexOf(this.leftDelim, this.pos);
    if (x >= 0) {
      if (x > this.pos) {
        this.pos = x;
        let trimLength = 0;
        if (hasLeftTrimMarker(this.input, this.pos + this.leftDelim.length)) {
          let k = this.pos;
          while (k > this.start && isSpaceChar(this.input.charCodeAt(k - 1))) k--;
          trimLength = this.pos - k;
        }
        this.pos -= trimLength;
        this.line += countNewlines(this.input, this.start, this.pos);
        const i = this.thisItem(ItemType.Text);
        this.pos += trimLength;
        this.ignore();
        if (i.val.length > 0) return this.emitItem(i);
      }
      return State.LeftDelim;
    }
    this.pos = this.input.length;
    if (this.pos > this.start) {
      this.line += countNewlines(this.input, this.start, this.pos);
      return this.emit(ItemType.Text);
    }
    return this.emit(ItemType.EOF);
  }

  private atRightDelim(): { delim: boolean; trimSpaces: boolean } {
    if (
      hasRightTrimMarker(this.input, this.pos) &&
      this.input.startsWith(this.rightDelim, this.pos + TRIM_MARKER_LEN)
    )
      return { delim: true, trimSpaces: true };
    if (this.input.startsWith(this.rightDelim, this.pos)) return { delim: true, trimSpaces: false };
    return { delim: false, trimSpaces: false };
  }

  private leftTrimLength(from: number): number {
    let k = from;
    while (k < this.input.length && isSpaceChar(this.input.charCodeAt(k))) k++;
    return k - from;
  }

  private lexLeftDelim(): State {
    this.pos += this.leftDelim.length;
    const trimSpace = hasLeftTrimMarker(this.input, this.pos);
    const afterMarker = trimSpace ? TRIM_MARKER_LEN : 0;
    if (this.input.startsWith(LEFT_COMMENT, this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      return State.Comment;
    }
    const i = this.thisItem(ItemType.LeftDelim);
    this.insideAction = true;
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    return this.emitItem(i);
  }

  private lexComment(): State {
    this.pos += LEFT_COMMENT.length;
    const x = this.input.indexOf(RIGHT_COMMENT, this.pos);
    if (x < 0) return this.errorf('unclosed comment');
    this.pos = x + RIGHT_COMMENT.length;
    const { delim, trimSpaces } = this.atRightDelim();
    if (!delim) return this.errorf('comment ends before closing delimiter');
    this.line += countNewlines(this.input, this.start, this.pos);
    const i = this.thisItem(ItemType.Comment);
    if (trimSpaces) this.pos += TRIM_MARKER_LEN;
    this.pos += this.rightDelim.length;
    if (trimSpaces) this.pos += this.leftTrimLength(this.pos);
    this.ignore();
    if (this.options.emitComment) return this.emitItem(i);
    return State.Text;
  }

  private lexRightDelim(): State {
    const { trimSpaces } = this.atRightDelim();
    if (trimSpaces) {
      this.pos += TRIM_MARKER_LEN;
      this.ignore();
    }
    this.pos += this.rightDelim.length;
    const i = this.thisItem(ItemType.RightDelim);
    if (trimSpaces) {
      this.pos += this.leftTrimLength(this.pos);
      this.ignore();
    }
    this.insideAction = false;
    return this.emitItem(i);
  }

  private lexInsideAction(): State {
    const { delim } = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return State.RightDelim;
      return this.errorf('unclosed left paren');
    }
    const r = this.next();
    if (r === EOF) return this.errorf('unclosed action');
    if (isSpace(r)) {
      this.backup(); // keep the space in case it starts " -}}"
      return State.Space;
    }
    switch (r) {
      case 0x3d /* = */:
        return this.emit(ItemType.Assign);
      case 0x3a /* : */:
        if (this.next() !== 0x3d) return this.errorf('expected :=');
        return this.emit(ItemType.Declare);
      case 0x7c /* | */:
        return this.emit(ItemType.Pipe);
      case 0x22 /* " */:
        return State.Quote;
      case 0x60 /* ` */:
        return State.RawQuote;
      case 0x24 /* $ */:
        return State.Variable;
      case 0x27 /* ' */:
        return State.Char;
      case 0x28 /* ( */:
        this.parenDepth++;
        return this.emit(ItemType.LeftParen);
      case 0x29 /* ) */:
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf('unexpected right paren');
        return this.emit(ItemType.RightParen);
    }
    if (r === 0x2e /* . */) {
      // ".field" unless a digit follows, in which case it starts a number
      if (this.pos < this.input.length) {
        const c = this.input.charCodeAt(this.pos);
        if (c < 0x30 || c > 0x39) return State.Field;
      }
      this.backup();
      return State.Number;
    }
    if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
      this.backup();
      return State.Number;
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return State.Identifier;
    }
    if (r <= 0x7f && r >= 0x20 && r !== 0x7f) return this.emit(ItemType.Char);
    return this.errorf(`unrecognized character in action: ${formatRuneU(r)}`);
  }

  private lexSpace(): State {
    let numSpaces = 0;
    while (isSpace(this.peek())) {
      this.next();
      numSpaces++;
    }
    // A space may be the start of a trim-marked right delimiter " -}}".
    if (
      hasRightTrimMarker(this.input, this.pos - 1) &&
      this.input.startsWith(this.rightDelim, this.pos - 1 + TRIM_MARKER_LEN)
    ) {
      this.backup();
      if (numSpaces === 1) return State.RightDelim;
    }
    return this.emit(ItemType.Space);
  }

  private lexIdentifier(): State {
    for (;;) {
      const r = this.next();
      if (isAlphaNumeric(r)) continue;
      this.backup();
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.errorf(`bad character ${formatRuneU(r)}`);
      const kw = keyword(word);
      if (kw !== undefined && kw > ItemType.Keyword) {
        if (
          (kw === ItemType.Break && !this.options.breakOK) ||
          (kw === ItemType.Continue && !this.options.continueOK)
        )
          return this.emit(ItemType.Identifier);
        return this.emit(kw);
      }
      if (word.charCodeAt(0) === 0x2e) return this.emit(ItemType.Field);
      if (word === 'true' || word === 'false') return this.emit(ItemType.Bool);
      return this.emit(ItemType.Identifier);
    }
  }

  private lexVariable(): State {
    if (this.atTerminator()) return this.emit(ItemType.Variable);
    return this.lexFieldOrVariable(ItemType.Variable);
  }

  private lexFieldOrVariable(typ: ItemType): State {
    if (this.atTerminator()) {
      return this.emit(typ === ItemType.Variable ? ItemType.Variable : ItemType.Dot);
    }
    let r: number;
    for (;;) {
      r = this.next();
      if (!isAlphaNumeric(r)) {
        this.backup();
        break;
      }
    }
    if (!this.atTerminator()) return this.errorf(`bad character ${formatRuneU(r)}`);
    return this.emit(typ);
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 0x2e:
      case 0x2c:
      case 0x7c:
      case 0x3a:
      case 0x29:
      case 0x28:
        return true;
    }
    return this.input.startsWith(this.rightDelim, this.pos);
  }

  private lexChar(): State {
    for (;;) {
      let r = this.next();
      if (r === 0x5c) {
        r = this.next();
        if (r !== EOF && r !== 0x0a) continue;
        return this.errorf('unterminated character constant');
      }
      if (r === EOF || r === 0x0a) return this.errorf('unterminated character constant');
      if (r === 0x27) break;
    }
    return this.emit(ItemType.CharConstant);
  }

  private lexNumber(): State {
    if (!this.scanNumber()) return this.errorf(`bad number syntax: ${goQuote(this.pending())}`);
    const sign = this.peek();
    if (sign === 0x2b || sign === 0x2d) {
      if (!this.scanNumber() || this.input.charCodeAt(this.pos - 1) !== 0x69)
        return this.errorf(`bad number syntax: ${goQuote(this.pending())}`);
      return this.emit(ItemType.Complex);
    }
    return this.emit(ItemType.Number);
  }

  private pending(): string {
    return this.input.slice(this.start, this.pos);
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  private lexQuote(): State {
    for (;;) {
      let r = this.next();
      if (r === 0x5c) {
        r = this.next();
        if (r !== EOF && r !== 0x0a) continue;
        return this.errorf('unterminated quoted string');
      }
      if (r === EOF || r === 0x0a) return this.errorf('unterminated quoted string');
      if (r === 0x22) break;
    }
    return this.emit(ItemType.String);
  }

  private lexRawQuote(): State {
    for (;;) {
      const r = this.next();
      if (r === EOF) return this.errorf('unterminated raw quoted string');
      if (r === 0x60) break;
    }
    return this.emit(ItemType.RawString);
  }
}

/** Lexes a whole input (for tests and tools); stops after EOF or the first error. */
export function lexAll(
  input: string,
  leftDelim = '{{',
  rightDelim = '}}',
  options: Partial<LexOptions> = {},
): Item[] {
  const l = new Lexer('', input, leftDelim || '{{', rightDelim || '}}', {
    emitComment: options.emitComment ?? false,
    breakOK: options.breakOK ?? true,
    continueOK: options.continueOK ?? true,
  });
  const items: Item[] = [];
  for (;;) {
    const i = l.nextItem();
    items.push(i);
    if (i.typ === ItemType.EOF || i.typ === ItemType.Error) return items;
  }
}

/** strconv.Quote (JS strings are valid UTF-16, so Go's invalid-UTF-8 escapes never arise). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && !/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch)) {
      out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}
