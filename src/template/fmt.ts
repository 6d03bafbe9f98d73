/**
 * Go's fmt package as templates reach it: print/printf/println and `{{ . }}` output. Follows
 * Go's printer: flags `-+# 0`, width/precision (also `*` and `[n]` argument indexes), every verb
 * over the value model of value.ts, and Go's in-band error forms (`%!d(string=x)`,
 * `%!(EXTRA ...)`, `%!d(MISSING)`, `%!(BADINDEX)`, ...).
 */
import {
  canBackquote,
  formatFloatShortest,
  formatFloat as goFormatFloat,
  quote as goQuote,
  isPrint,
  quoteRune,
  quoteRuneToASCII,
  quoteToASCII,
  utf8Bytes,
} from './strconv.ts';
import {
  GO,
  type GoObject,
  type GoObjectInfo,
  isGoObject,
  kindOf,
  sliceElemType,
  sortedKeys,
  TypedInt,
  typeOf,
} from './value.ts';

const MAX_RUNE = 0x10ffff;

/** GoObjectInfo plus Go's GoString() method, which %#v prefers when a type has one. */
type GoObjectInfoWithGoString = GoObjectInfo & { goString?(): string };

/** Go's type name of a value, also for byte slices held as Uint8Array. */
function typeName(v: unknown): string {
  if (v instanceof Uint8Array) return '[]uint8';
  return typeOf(v);
}

function isByteSlice(v: unknown): v is unknown[] | Uint8Array {
  return v instanceof Uint8Array || (Array.isArray(v) && sliceElemType(v) === 'uint8');
}

function bytesOf(v: unknown[] | Uint8Array): number[] {
  if (v instanceof Uint8Array) return Array.from(v);
  return v.map((b) => Number(b instanceof TypedInt ? b.value : BigInt(b as bigint | number)) & 255);
}

function decodeBytes(b: number[]): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(b));
}

/** Number of runes Go counts in a string (surrogate pairs are one rune). */
function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo < 0xe000) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Stand-in addresses for %p: stable per object, shaped like Go heap pointers. */
const addresses = new WeakMap<object, bigint>();
let nextAddress = 0xc000010000n;
function addressOf(v: object): bigint {
  let a = addresses.get(v);
  if (a === undefined) {
    a = nextAddress;
    nextAddress += 0x30n;
    addresses.set(v, a);
  }
  return a;
}

/** One formatting run: Go's pp + fmt state (flags are cleared for every verb). */
class Printer {
  buf = '';
  wid = 0;
  prec = 0;
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  /** Set while printing the operand of a %!verb(...) error: methods are not called then. */
  erroring = false;

  clearFlags(): void {
    this.wid = 0;
    this.prec = 0;
    this.widPresent = false;
    this.precPresent = false;
    this.minus = false;
    this.plus = false;
    this.sharp = false;
    this.space = false;
    this.zero = false;
    this.plusV = false;
    this.sharpV = false;
  }

  // --- padding ---

  writePadding(n: number): void {
    if (n > 0) this.buf += (this.zero ? '0' : ' ').repeat(n);
  }

  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  /** pad with the zero flag ignored (integers, %U and NaN/Inf handle zeros themselves). */
  padSpaces(s: string): void {
    const z = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = z;
  }

  // --- errors ---

  badVerb(verb: string, value: unknown): void {
    this.erroring = true;
    this.buf += `%!${verb}(`;
    if (value === null || value === undefined) this.buf += '<nil>';
    else {
      this.buf += `${typeName(value)}=`;
      this.printArg(value, 'v');
    }
    this.buf += ')';
    this.erroring = false;
  }

  // --- booleans, integers, floats, strings ---

  fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
    else this.badVerb(verb, v);
  }

  /** An integer of any kind; `v` is the Go value, `signed` its signedness. */
  fmtInteger(v: bigint, signed: boolean, verb: string, orig: unknown): void {
    switch (verb) {
      case 'v':
        if (this.sharpV && !signed) this.fmt0x64(v, true);
        else this.integer(v, 10, signed, verb, false);
        return;
      case 'd':
        this.integer(v, 10, signed, verb, false);
        return;
      case 'b':
        this.integer(v, 2, signed, verb, false);
        return;
      case 'o':
      case 'O':
        this.integer(v, 8, signed, verb, false);
        return;
      case 'x':
        this.integer(v, 16, signed, verb, false);
        return;
      case 'X':
        this.integer(v, 16, signed, verb, true);
        return;
      case 'c':
        this.pad(String.fromCodePoint(runeOf(v)));
        return;
      case 'q': {
        const r = runeOf(v);
        this.pad(this.plus ? quoteRuneToASCII(r) : quoteRune(r));
        return;
      }
      case 'U':
        this.fmtUnicode(BigInt.asUintN(64, v));
        return;
      default:
        this.badVerb(verb, orig);
    }
  }

  fmt0x64(v: bigint, leading0x: boolean): void {
    const sharp = this.sharp;
    this.sharp = leading0x;
    this.integer(v, 16, false, 'v', false);
    this.sharp = sharp;
  }

  integer(v: bigint, base: number, signed: boolean, verb: string, upper: boolean): void {
    if (base === 10 && !this.widPresent && !this.precPresent && !this.plus && !this.space) {
      this.buf += signed ? v.toString() : BigInt.asUintN(64, v).toString();
      return;
    }
    const negative = signed && v < 0n;
    const u = signed ? (negative ? -v : v) : BigInt.asUintN(64, v);
    // %.3d and %03d both ask for leading zeros; an explicit precision wins and pads with spaces
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0n) {
        const z = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = z;
        return;
      }
    } else if (this.zero && !this.minus && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let s = u.toString(base);
    if (upper) s = s.toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (this.sharp) {
      if (base === 2) s = `0b${s}`;
      else if (base === 8) {
        if (s[0] !== '0') s = `0${s}`;
      } else if (base === 16) s = (upper ? '0X' : '0x') + s;
    }
    if (verb === 'O') s = `0o${s}`;
    if (negative) s = `-${s}`;
    else if (this.plus) s = `+${s}`;
    else if (this.space) s = ` ${s}`;
    this.padSpaces(s);
  }

  fmtUnicode(u: bigint): void {
    const prec = this.precPresent && this.prec > 4 ? this.prec : 4;
    let s = `U+${u.toString(16).toUpperCase().padStart(prec, '0')}`;
    if (this.sharp && u <= BigInt(MAX_RUNE) && isPrint(Number(u)))
      s += ` '${String.fromCodePoint(Number(u))}'`;
    this.padSpaces(s);
  }

  fmtFloatVerb(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        this.fmtFloat(v, 'g', -1);
        return;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        this.fmtFloat(v, verb, -1);
        return;
      case 'f':
      case 'e':
      case 'E':
        this.fmtFloat(v, verb, 6);
        return;
      case 'F':
        this.fmtFloat(v, 'f', 6);
        return;
      default:
        this.badVerb(verb, v);
    }
  }

  fmtFloat(v: number, verb: 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X', defPrec: number): void {
    if (defPrec < 0 && verb === 'g' && !this.precPresent && !this.widPresent) {
      if (!this.plus && !this.space && !this.sharp) {
        this.buf += formatFloatShortest(v);
        return;
      }
    }
    const prec = this.precPresent ? this.prec : defPrec;
    let num = goFormatFloat(v, verb, prec);
    if (num[0] !== '-' && num[0] !== '+') num = `+${num}`;
    if (this.space && num[0] === '+' && !this.plus) num = ` ${num.slice(1)}`;
    // Inf and NaN are not numbers to pad with zeros; NaN shows a sign only when asked
    if (num[1] === 'I' || num[1] === 'N') {
      if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
      this.padSpaces(num);
      return;
    }
    // '#' keeps the decimal point and, for %g/%x, trailing zeros up to the precision
    if (this.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'g' || verb === 'G' || verb === 'x') digits = prec === -1 ? 6 : prec;
      let tail = '';
      let hasPoint = false;
      let sawNonzero = false;
      for (let i = 1; i < num.length; i++) {
        const c = num[i]!;
        if (c === '.') hasPoint = true;
        else if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
          tail = num.slice(i);
          num = num.slice(0, i);
          break;
        } else {
          // Go counts every other character here, the 'x' of 0x included
          if (c !== '0') sawNonzero = true;
          if (sawNonzero) digits--;
        }
      }
      if (!hasPoint) {
        if (num.length === 2 && num[1] === '0') digits--;
        num += '.';
      }
      if (digits > 0) num += '0'.repeat(digits);
      num += tail;
    }
    if (this.plus || num[0] !== '+') {
      // zero padding goes between the sign and the digits
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  truncate(s: string): string {
    if (!this.precPresent) return s;
    let n = this.prec;
    for (let i = 0; i < s.length; i++) {
      if (--n < 0) return s.slice(0, i);
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
        const lo = s.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo < 0xe000) i++;
      }
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.sharp && canBackquote(s)) this.pad(`\`${s}\``);
    else this.pad(this.plus ? quoteToASCII(s) : goQuote(s));
  }

  /** %x / %X of bytes; `% x` separates bytes, `%#x` adds 0x (per byte with the space flag). */
  fmtSbx(b: number[], upper: boolean): void {
    let length = b.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) width += 2;
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    const prefix = upper ? '0X' : '0x';
    let s = this.sharp ? prefix : '';
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        s += ' ';
        if (this.sharp) s += prefix;
      }
      const h = b[i]!.toString(16).padStart(2, '0');
      s += upper ? h.toUpperCase() : h;
    }
    this.buf += s;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  fmtString(s: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.sharpV) this.fmtQ(s);
        else this.fmtS(s);
        return;
      case 's':
        this.fmtS(s);
        return;
      case 'x':
        this.fmtSbx(utf8Bytes(s), false);
        return;
      case 'X':
        this.fmtSbx(utf8Bytes(s), true);
        return;
      case 'q':
        this.fmtQ(s);
        return;
      default:
        this.badVerb(verb, s);
    }
  }

  fmtBytes(v: unknown[] | Uint8Array, verb: string, type: string): void {
    const b = bytesOf(v);
    switch (verb) {
      case 'v':
      case 'd':
        if (this.sharpV) {
          this.buf += `${type}{`;
          b.forEach((c, i) => {
            if (i > 0) this.buf += ', ';
            this.fmt0x64(BigInt(c), true);
          });
          this.buf += '}';
        } else {
          this.buf += '[';
          b.forEach((c, i) => {
            if (i > 0) this.buf += ' ';
            this.integer(BigInt(c), 10, false, verb, false);
          });
          this.buf += ']';
        }
        return;
      case 's':
        this.fmtS(decodeBytes(b));
        return;
      case 'x':
        this.fmtSbx(b, false);
        return;
      case 'X':
        this.fmtSbx(b, true);
        return;
      case 'q':
        this.fmtQ(decodeBytes(b));
        return;
      default:
        this.printValue(
          v instanceof Uint8Array ? Array.from(v, (c) => new TypedInt('uint8', BigInt(c))) : v,
          verb,
          0,
        );
    }
  }

  fmtPointer(v: unknown, verb: string): void {
    if (!(typeof v === 'function' || (typeof v === 'object' && v !== null)) || v instanceof TypedInt) {
      this.badVerb(verb, v);
      return;
    }
    const u = addressOf(v as object);
    switch (verb) {
      case 'v':
        if (this.sharpV) {
          this.buf += `(${typeName(v)})(`;
          this.fmt0x64(u, true);
          this.buf += ')';
        } else this.fmt0x64(u, !this.sharp);
        return;
      case 'p':
        this.fmt0x64(u, !this.sharp);
        return;
      case 'b':
      case 'o':
      case 'd':
      case 'x':
      case 'X':
        this.fmtInteger(u, false, verb, v);
        return;
      default:
        this.badVerb(verb, v);
    }
  }

  // --- values ---

  /** Error() then String() for the verbs that print text (Go's handleMethods). */
  handleMethods(v: GoObject, verb: string): boolean {
    if (this.erroring) return false;
    if (this.sharpV) {
      // fmt.GoStringer (e.g. time.Time's `time.Date(...)`), when the object offers one
      const goString = (v[GO] as GoObjectInfoWithGoString).goString;
      if (!goString) return false;
      this.fmtS(goString());
      return true;
    }
    if (verb !== 'v' && verb !== 's' && verb !== 'x' && verb !== 'X' && verb !== 'q') return false;
    const info = v[GO];
    const text = info.error ? info.error() : info.string ? info.string() : undefined;
    if (text === undefined) return false;
    this.fmtString(text, verb);
    return true;
  }

  printArg(arg: unknown, verb: string): void {
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.fmtS(typeName(arg));
      return;
    }
    if (verb === 'p') {
      this.fmtPointer(arg, 'p');
      return;
    }
    switch (typeof arg) {
      case 'string':
        this.fmtString(arg, verb);
        return;
      case 'bigint':
        this.fmtInteger(arg, true, verb, arg);
        return;
      case 'number':
        this.fmtFloatVerb(arg, verb);
        return;
      case 'boolean':
        this.fmtBool(arg, verb);
        return;
    }
    if (arg instanceof TypedInt) {
      this.fmtInteger(arg.value, !arg.kind.startsWith('u'), verb, arg);
      return;
    }
    // Go's printArg names a []uint8 operand "[]byte"
    if (isByteSlice(arg)) {
      this.fmtBytes(arg, verb, '[]byte');
      return;
    }
    if (isGoObject(arg) && this.handleMethods(arg, verb)) return;
    this.printValue(arg, verb, 0);
  }

  printValue(v: unknown, verb: string, depth: number): void {
    if (depth > 0 && isGoObject(v) && this.handleMethods(v, verb)) return;
    if (v === null || v === undefined) {
      // a nil inside an interface{} slice or map prints as <nil> whatever the verb, unpadded
      this.buf += this.sharpV ? 'interface {}(nil)' : '<nil>';
      return;
    }
    switch (typeof v) {
      case 'string':
        this.fmtString(v, verb);
        return;
      case 'bigint':
        this.fmtInteger(v, true, verb, v);
        return;
      case 'number':
        this.fmtFloatVerb(v, verb);
        return;
      case 'boolean':
        this.fmtBool(v, verb);
        return;
      case 'function':
        this.fmtPointer(v, verb);
        return;
    }
    if (v instanceof TypedInt) {
      this.fmtInteger(v.value, !v.kind.startsWith('u'), verb, v);
      return;
    }
    if (v instanceof Uint8Array || Array.isArray(v)) {
      this.printSlice(v, verb, depth);
      return;
    }
    if (isGoObject(v)) {
      this.printObject(v, verb, depth);
      return;
    }
    this.printMap(v as Record<string, unknown>, verb, depth);
  }

  printSlice(v: unknown[] | Uint8Array, verb: string, depth: number): void {
    const type = typeName(v);
    if ((verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') && isByteSlice(v)) {
      this.fmtBytes(v, verb, type);
      return;
    }
    const items: unknown[] =
      v instanceof Uint8Array ? Array.from(v, (c) => new TypedInt('uint8', BigInt(c))) : v;
    if (this.sharpV) {
      this.buf += `${type}{`;
      for (let i = 0; i < items.length; i++) {
        if (i > 0) this.buf += ', ';
        this.printValue(items[i], verb, depth + 1);
      }
      this.buf += '}';
      return;
    }
    this.buf += '[';
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.buf += ' ';
      this.printValue(items[i], verb, depth + 1);
    }
    this.buf += ']';
  }

  printMap(m: Record<string, unknown>, verb: string, depth: number): void {
    const keys = sortedKeys(m);
    this.buf += this.sharpV ? `${typeName(m)}{` : 'map[';
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
      const k = keys[i]!;
      this.printValue(k, verb, depth + 1);
      this.buf += ':';
      this.printValue(m[k], verb, depth + 1);
    }
    this.buf += this.sharpV ? '}' : ']';
  }

  printObject(v: GoObject, verb: string, depth: number): void {
    const info = v[GO];
    if (info.kind === 'ptr') {
      // only a top-level pointer to a struct prints as &{...}; deeper ones print an address
      if (depth > 0 || !info.fields) {
        this.fmtPointer(v, verb);
        return;
      }
      this.buf += '&';
      this.printStruct(info.fields(), info.type.replace(/^\*/, ''), verb, depth + 1);
      return;
    }
    this.printStruct(info.fields?.() ?? [], info.type, verb, depth);
  }

  printStruct(fields: [string, unknown][], type: string, verb: string, depth: number): void {
    if (this.sharpV) this.buf += type;
    this.buf += '{';
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
      const [name, value] = fields[i]!;
      if (this.plusV || this.sharpV) this.buf += `${name}:`;
      this.printValue(value, verb, depth + 1);
    }
    this.buf += '}';
  }

  // --- Printf ---

  // argument-index state of one Sprintf run (Go's argNum, afterIndex, reordered, goodArgNum)
  argNum = 0;
  afterIndex = false;
  reordered = false;
  goodArgNum = true;

  /** A `[n]` argument index at `i`: Go's argNumber. Returns the index after it. */
  argNumber(format: string, i: number, numArgs: number): number {
    if (i >= format.length || format.charCodeAt(i) !== 91) {
      this.afterIndex = false;
      return i;
    }
    this.reordered = true;
    const close = format.indexOf(']', i + 1);
    let ok = false;
    let wid = 1;
    let index = 0;
    if (format.length - i >= 3 && close >= 0) {
      wid = close - i + 1;
      const n = parseNum(format, i + 1, close);
      if (n.isNum && n.next === close) {
        ok = true;
        index = n.num - 1;
      }
    }
    if (ok && index >= 0 && index < numArgs) {
      this.argNum = index;
      this.afterIndex = true;
      return i + wid;
    }
    this.goodArgNum = false;
    this.afterIndex = ok;
    return i + wid;
  }

  doPrintf(format: string, args: unknown[]): void {
    const end = format.length;
    this.argNum = 0;
    this.afterIndex = false;
    this.reordered = false;

    let i = 0;
    while (i < end) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format.charCodeAt(i) !== 37) i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.clearFlags();
      let simple = false;
      flags: for (; i < end; i++) {
        const c = format[i]!;
        switch (c) {
          case '#':
            this.sharp = true;
            break;
          case '0':
            this.zero = !this.minus;
            break;
          case '+':
            this.plus = true;
            break;
          case '-':
            this.minus = true;
            this.zero = false;
            break;
          case ' ':
            this.space = true;
            break;
          default:
            // fast path: flags then a lower-case verb, with an operand left
            if (c >= 'a' && c <= 'z' && this.argNum < args.length) {
              if (c === 'v') {
                this.sharpV = this.sharp;
                this.sharp = false;
                this.plusV = this.plus;
                this.plus = false;
              }
              this.printArg(args[this.argNum], c);
              this.argNum++;
              i++;
              simple = true;
            }
            break flags;
        }
      }
      if (simple) continue;

      i = this.argNumber(format, i, args.length);

      if (i < end && format[i] === '*') {
        i++;
        const w = intFromArg(args, this.argNum);
        this.argNum = w.next;
        this.wid = w.num;
        this.widPresent = w.isInt;
        if (!w.isInt) this.buf += '%!(BADWIDTH)';
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        this.afterIndex = false;
      } else {
        const n = parseNum(format, i, end);
        this.wid = n.num;
        this.widPresent = n.isNum;
        i = n.next;
        if (this.afterIndex && this.widPresent) this.goodArgNum = false;
      }

      if (i + 1 < end && format[i] === '.') {
        i++;
        if (this.afterIndex) this.goodArgNum = false;
        i = this.argNumber(format, i, args.length);
        if (i < end && format[i] === '*') {
          i++;
          const p = intFromArg(args, this.argNum);
          this.argNum = p.next;
          this.prec = p.num;
          this.precPresent = p.isInt;
          if (this.prec < 0) {
            this.prec = 0;
            this.precPresent = false;
          }
          if (!this.precPresent) this.buf += '%!(BADPREC)';
          this.afterIndex = false;
        } else {
          const n = parseNum(format, i, end);
          this.prec = n.num;
          this.precPresent = true;
          i = n.next;
        }
      }

      if (!this.afterIndex) i = this.argNumber(format, i, args.length);

      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }
      const verb = String.fromCodePoint(format.codePointAt(i)!);
      i += verb.length;

      if (verb === '%') this.buf += '%';
      else if (!this.goodArgNum) this.buf += `%!${verb}(BADINDEX)`;
      else if (this.argNum >= args.length) this.buf += `%!${verb}(MISSING)`;
      else {
        if (verb === 'v') {
          this.sharpV = this.sharp;
          this.sharp = false;
          this.plusV = this.plus;
          this.plus = false;
        }
        this.printArg(args[this.argNum], verb);
        this.argNum++;
      }
    }

    // out-of-order formats are not checked for unused operands
    if (!this.reordered && this.argNum < args.length) {
      this.clearFlags();
      this.buf += '%!(EXTRA ';
      for (let k = this.argNum; k < args.length; k++) {
        if (k > this.argNum) this.buf += ', ';
        const a = args[k];
        if (a === null || a === undefined) this.buf += '<nil>';
        else {
          this.buf += `${typeName(a)}=`;
          this.printArg(a, 'v');
        }
      }
      this.buf += ')';
    }
  }
}

/** The code point %c and %q print for an integer: out of range becomes U+FFFD. */
function runeOf(v: bigint): number {
  const u = BigInt.asUintN(64, v);
  if (u > BigInt(MAX_RUNE)) return 0xfffd;
  const r = Number(u);
  return r >= 0xd800 && r < 0xe000 ? 0xfffd : r;
}

/** Go's tooLarge guard on widths and precisions. */
function tooLarge(n: number): boolean {
  return n > 1e6 || n < -1e6;
}

function parseNum(s: string, start: number, end: number): { num: number; isNum: boolean; next: number } {
  let num = 0;
  let isNum = false;
  let i = start;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (tooLarge(num)) return { num: 0, isNum: false, next: end };
    num = num * 10 + (c - 48);
    isNum = true;
  }
  return { num, isNum, next: i };
}

/** A `*` width or precision operand: any Go integer that fits in int. */
function intFromArg(args: unknown[], argNum: number): { num: number; isInt: boolean; next: number } {
  if (argNum >= args.length) return { num: 0, isInt: false, next: argNum };
  const a = args[argNum];
  let num = 0;
  let isInt = false;
  const v = typeof a === 'bigint' ? a : a instanceof TypedInt ? a.value : undefined;
  if (v !== undefined && v >= -(1n << 63n) && v < 1n << 63n) {
    num = Number(v);
    isInt = true;
  }
  if (tooLarge(num)) {
    num = 0;
    isInt = false;
  }
  return { num, isInt, next: argNum + 1 };
}

/** fmt.Sprint: a space between operands when neither side is a string. */
export function sprint(...args: unknown[]): string {
  let out = '';
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const isString = typeof a === 'string' || (isGoObject(a) && kindOf(a) === 'string');
    if (i > 0 && !isString && !prevString) out += ' ';
    out += printOne(a);
    prevString = isString;
  }
  return out;
}

/** fmt.Sprintln: spaces between all operands, newline at the end. */
export function sprintln(...args: unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0) out += ' ';
    out += printOne(args[i]);
  }
  return `${out}\n`;
}

/** fmt.Sprintf. */
export function sprintf(format: string, ...args: unknown[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}

/** %v of one operand, as Sprint prints it (nil and missing both print <nil>). */
function printOne(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
      return v.toString();
    case 'number':
      return formatFloatShortest(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '<nil>';
  }
  if (v === null) return '<nil>';
  const p = new Printer();
  p.printArg(v, 'v');
  return p.buf;
}

/**
 * `{{ . }}` output (text/template's printValue): a missing value is `<no value>`; a pointer
 * without String()/Error() prints its target (text/template dereferences it first).
 */
export function formatValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
      return v.toString();
    case 'number':
      return formatFloatShortest(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '<no value>';
  }
  if (v === null) return '<nil>';
  if (isGoObject(v)) {
    const info = v[GO];
    if (info.kind === 'ptr' && !info.error && !info.string && info.fields) {
      const p = new Printer();
      p.printStruct(info.fields(), info.type.replace(/^\*/, ''), 'v', 1);
      return p.buf;
    }
  }
  return printOne(v);
}

/** strconv.FormatFloat(x, fmt, prec, 64); prec -1 gives the shortest round-trip digits. */
export function formatFloat(
  x: number,
  fmt: 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X',
  prec: number,
): string {
  return goFormatFloat(x, fmt, prec);
}

/** strconv.Quote. */
export function quote(s: string): string {
  return goQuote(s);
}
