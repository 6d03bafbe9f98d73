import { writeFileSync } from 'node:fs';
const i = (n) => ({ i: String(n) });
const i64 = (n) => ({ i64: String(n) });
const f = (n) => ({ f: n });
const U = { u: 1 };
const l = (...xs) => ({ l: xs });
const m = (o) => ({ m: o });
const ss = (...xs) => ({ ss: xs });
const C = [];
const c = (...call) => C.push({ call });
// --- strings
c('hello');
for (const s of ['  hi \t\n', '\u00a0x\u0085', '\u3000y\u2028', '', 'a b']) c('trim', s);
c('trimAll', '$', '$$5.00$'); c('trimAll', 'ab', 'abcba'); c('trimall', '-', '--x--'); c('trimAll', '', 'xx'); c('trimAll', 'é', 'ééxé');
c('trimPrefix', 'foo', 'foobar'); c('trimPrefix', 'x', 'foobar'); c('trimPrefix', '', 'a');
c('trimSuffix', '.yaml', 'a.yaml'); c('trimSuffix', '-', 'name-'); c('trimSuffix', 'zz', 'a'); c('trimSuffix', '', 'a');
for (const s of ['hello World', 'ß straße', 'ǆemal', 'ﬁ', 'i̇stanbul', 'ÿ', 'ᾳ']) { c('upper', s); c('lower', s.toUpperCase()); }
c('lower', 'İSTANBUL'); c('lower', 'ΑΣ');
for (const s of ['hello world', 'hello_world-foo.bar', "o'neil x", 'ǆemal čaj', 'été «été»', 'a1b 2c', 'ALL CAPS', 'x\ty\nz']) c('title', s);
for (const s of ['Hello World', 'ABC DEF', '  Leading', 'Élan Über', 'x']) c('untitle', s);
c('substr', i(0), i(3), 'hello'); c('substr', i(1), i(-1), 'hello'); c('substr', i(-1), i(2), 'hello'); c('substr', i(2), i(99), 'hello');
c('substr', i(0), i(10), 'abc'); c('substr', i(2), i(1), 'abc'); c('substr', i(5), i(-1), 'abc'); c('substr', i(-1), i(5), 'abc'); c('substr', i(-1), i(-2), 'abc');
c('substr', i(1), i(3), 'héllo'); c('substr', i(0), i(2), 'héllo'); c('substr', i(4), i(4), 'abcd');
c('repeat', i(3), 'ab'); c('repeat', i(0), 'ab'); c('repeat', i(-1), 'ab'); c('repeat', i(2), ''); c('repeat', i(1), 'x'); c('repeat', i(-1), '');
c('trunc', i(5), 'hello world'); c('trunc', i(-5), 'hello world'); c('trunc', i(50), 'hi'); c('trunc', i(-50), 'hi'); c('trunc', i(0), 'hi'); c('trunc', i(2), 'héllo'); c('trunc', i(3), 'héllo'); c('trunc', i(-2), 'hé');
c('abbrev', i(5), 'hello world'); c('abbrev', i(3), 'hello world'); c('abbrev', i(20), 'hello'); c('abbrev', i(4), 'hello'); c('abbrev', i(6), 'héllo wörld');
c('abbrevboth', i(5), i(10), '1234 5678 9123'); c('abbrevboth', i(0), i(5), 'abcdefghij'); c('abbrevboth', i(1), i(6), 'abcdefghij'); c('abbrevboth', i(10), i(7), 'abcdefghijklmnopq');
c('abbrevboth', i(3), i(8), 'abcdefghijklmnopq'); c('abbrevboth', i(20), i(10), 'abcdefghijklmnopq'); c('abbrevboth', i(-3), i(8), 'abcdefghijklmnopq'); c('abbrevboth', i(6), i(9), 'abcdefghijklmnopq');
c('initials', 'Hello World'); c('initials', 'foo  bar\tbaz'); c('initials', 'élan vital'); c('initials', ''); c('initials', ' x');
c('wrap', i(5), 'Hello World foo'); c('wrap', i(3), 'abcdefgh ij'); c('wrap', i(0), 'a b c'); c('wrap', i(10), 'short'); c('wrap', i(4), 'a    b'); c('wrap', i(6), 'https://example.com/x y');
c('wrapWith', i(5), '\t', 'Hello World'); c('wrapWith', i(3), '|', 'abcdefgh ij'); c('wrapWith', i(4), '', 'aaaaaaa');
c('contains', 'cat', 'catch'); c('contains', 'dog', 'catch'); c('contains', '', 'x');
c('hasPrefix', 'cat', 'catch'); c('hasPrefix', 'x', 'catch'); c('hasSuffix', 'ch', 'catch'); c('hasSuffix', 'x', 'catch');
c('quote', 'a'); c('quote', 'a"b\\c\n'); c('quote', 'tab\there'); c('quote', i(5)); c('quote', f(3.5)); c('quote', null); c('quote', U); c('quote', 'x', null, 'y'); c('quote', true); c('quote', l(1, 'a')); c('quote', 'é\u0001\u007f'); c('quote');
c('squote', 'a'); c('squote', 'it\'s'); c('squote', i(5)); c('squote', null); c('squote', 'a', 'b'); c('squote', f(1e21)); c('squote', m({ a: i(1) }));
c('cat', 'a', 'b', 'c'); c('cat', 'a', null, i(1)); c('cat'); c('cat', i(1), f(2.5), true); c('cat', l(1, 2), 'x'); c('cat', U, 'x');
c('indent', i(2), 'a\nb'); c('indent', i(0), 'a'); c('indent', i(4), ''); c('indent', i(2), 'a\n'); c('indent', i(-1), 'a');
c('nindent', i(2), 'a\nb'); c('nindent', i(0), '');
c('replace', 'a', 'b', 'banana'); c('replace', '', '-', 'abc'); c('replace', 'x', 'y', ''); c('replace', '', 'x', ''); c('replace', 'é', 'e', 'été');
c('plural', 'one', 'many', i(1)); c('plural', 'one', 'many', i(0)); c('plural', 'one', 'many', i(2)); c('plural', 'one', 'many', i(-1));
for (const s of ['FirstName', 'HTTPServer', 'NoHTTPS', 'GO_PATH', 'GO PATH', 'GO-PATH', 'http2xx', 'HTTP20xOK', 'Duration2m3s', 'Bld4Floor3rd', 'fooBar', 'foo.bar', 'a--b', '_leading', 'trailing_', 'ABC', 'a', '', 'some words here', 'x1y2', 'ÉtéÀ', 'v1.2.3', 'already_snake', 'MixedUP_case-Words', '123abc', 'abc123', 'a1B2', 'foo!!bar', 'a  b', 'HelloWORLDFoo', '日本語Test']) { c('snakecase', s); c('kebabcase', s); }
for (const s of ['hello_world', 'GOLANG_IS_GREAT', '_complex__case_', 'some words', 'HTTPServer', 'foo-bar', '_', 'aBC_dEF', 'hello   world', 'x-_y', 'ΑΒΓ_δεζ', '', 'MyHTTP_server', 'élan_über', '1st_place']) c('camelcase', s);
for (const s of ['Hello World', 'hello world', 'ABC', 'ǅ', 'Mixed Case 123', 'a\tb']) c('swapcase', s);
c('nospace', 'a b\tc\nd'); c('nospace', 'nospace'); c('nospace', ''); c('nospace', 'é é'); c('nospace', 'éé'); c('nospace', ' \u00a0x');
c('toString', 'x'); c('toString', i(5)); c('toString', i64(7)); c('toString', f(3.5)); c('toString', f(1e6)); c('toString', f(1e21)); c('toString', f(0.00001)); c('toString', null); c('toString', U); c('toString', true); c('toString', l(1, 'a', null)); c('toString', m({ b: i(1), a: 'x' })); c('toString', f(100000)); c('toString', f(-0.5)); c('toString', f(123456789));
c('toStrings', l(1, 'a', null, f(2.5))); c('toStrings', 'x'); c('toStrings', null); c('toStrings', i(3)); c('toStrings', ss('a', 'b')); c('toStrings', l());
c('join', ',', l(1, 2, 3)); c('join', '-', ss('a', 'b')); c('join', ',', 'single'); c('join', ',', null); c('join', ', ', l('a', null, 'b')); c('join', '', l(true, f(1.5)));
c('split', '/', 'a/b/c'); c('split', ',', ''); c('split', '', 'abc'); c('split', 'x', 'abc'); c('split', '', '');
c('splitList', ',', 'a,b,,c'); c('splitList', '', 'héllo'); c('splitList', ',', ''); c('splitList', 'ab', 'xabyabz');
c('splitn', '/', i(2), 'a/b/c'); c('splitn', '/', i(0), 'a/b/c'); c('splitn', '/', i(-1), 'a/b/c'); c('splitn', '', i(2), 'abc'); c('splitn', '/', i(5), 'a/b');
// --- conversion
for (const s of ['42', '-7', '+3', '0x1F', '1e3', ' 5', '', 'abc', '99999999999999999999', '-99999999999999999999', '08', '1_000', '3.0']) c('atoi', s);
const convIn = ['42', '-7', '0x1F', '0X1f', '0o17', '017', '08', '0b101', '1_000', '_1', '1__0', '3.0', '3.50', '3.5', '10.00', '1e3', ' 5', '', 'abc', '9223372036854775807', '9223372036854775808', '-9223372036854775808', '0.0', '.', '1.', '+5', '-0x10', '0x_1F', 'true'];
for (const s of convIn) { c('int64', s); c('int', s); c('float64', s); }
for (const s of ['1_000.5', '0x1p-2', '0x1.8p1', '0x10', 'inf', '-Infinity', 'nan', '1e400', '1e-400', '.5', '5.', '+.5e+2', 'infin', '+nan', '0x1.8', '1_0e1_0']) c('float64', s);
for (const v of [f(3.7), f(-3.7), f(1e20), f(-1e20), f('NaN'), f(0.5), i(5), i64(-5), true, false, null, U, l(1), m({ a: i(1) })]) { c('int64', v); c('int', v); c('float64', v); }
for (const v of ['0777', '777', '8', '-17', '0o17', i(755), f(644), '', null, '1_0', true]) c('toDecimal', v);
// --- math
c('add1', i(1)); c('add1', f(1.9)); c('add1', '5'); c('add1', null); c('add1', i64('9223372036854775807'));
c('add', i(1), i(2), f(3.7), '4'); c('add'); c('add', i64('9223372036854775807'), i(1)); c('add', 'x', true);
c('sub', i(5), i(7)); c('sub', f(5.9), '2'); c('sub', i64('-9223372036854775808'), i(1));
c('div', i(7), i(2)); c('div', i(-7), i(2)); c('div', i(1), i(0)); c('div', f(7.9), f(2.9)); c('div', i64('-9223372036854775808'), i(-1)); c('div', i(1), 'x');
c('mod', i(7), i(3)); c('mod', i(-7), i(3)); c('mod', i(7), i(0)); c('mod', i(7), i(-3));
c('mul', i(2), i(3), i(4)); c('mul', i(5)); c('mul', f(2.5), f(2.5)); c('mul', i64('4611686018427387904'), i(4));
c('max', i(1), i(5), i(3)); c('max', i(-1)); c('max', '10', f(9.9)); c('biggest', i(3), i(9)); c('min', i(4), i(2), i(8)); c('min', f(-0.5), i(0));
c('maxf', i(1), f(2.5), '3.5'); c('maxf', f(-1)); c('minf', i(1), f(-2.5)); c('maxf', f('NaN'), i(1)); c('minf', f(0), f(-0.0));
c('floor', f(3.7)); c('floor', f(-3.2)); c('floor', '2.5'); c('floor', i(4)); c('ceil', f(3.2)); c('ceil', f(-3.7)); c('ceil', null);
c('round', f(3.14159), i(2)); c('round', f(2.5), i(0)); c('round', f(-2.5), i(0)); c('round', f(-2.4), i(0)); c('round', f(1.255), i(2)); c('round', f(123.456), i(-1)); c('round', f(3.14159), i(2), f(0.9)); c('round', '2.675', i(2)); c('round', i(5), i(1));
c('addf', f(0.1), f(0.2)); c('addf', i(1), '2.5', true); c('addf'); c('addf', f(1e20), f(1)); c('addf', f('NaN'));
c('add1f', f(0.1)); c('add1f', i(-1)); c('subf', f(0.3), f(0.1)); c('subf', i(10), i(1), i(2)); c('subf', f(1.5));
c('mulf', f(0.1), f(3)); c('mulf', f(1.1), f(1.1), f(1.1)); c('mulf', i(2)); c('mulf', f(-1), i(0));
c('divf', i(1), i(3)); c('divf', i(2), i(3)); c('divf', i(-2), i(3)); c('divf', i(10), i(4)); c('divf', i(1), i(0)); c('divf', f(1e-20), i(3)); c('divf', i(1), i(3), i(3)); c('divf', f(0.3), f(0.1)); c('divf', f('+Inf'), i(2));
c('until', i(5)); c('until', i(-3)); c('until', i(0));
c('untilStep', i(0), i(10), i(3)); c('untilStep', i(10), i(0), i(-4)); c('untilStep', i(0), i(5), i(0)); c('untilStep', i(5), i(0), i(1)); c('untilStep', i(3), i(3), i(1));
c('seq', i(5)); c('seq', i(-2)); c('seq', i(0)); c('seq', i(1)); c('seq', i(2), i(5)); c('seq', i(5), i(2)); c('seq', i(0), i(2), i(10)); c('seq', i(10), i(-3), i(0)); c('seq', i(10), i(3), i(0)); c('seq'); c('seq', i(1), i(2), i(3), i(4)); c('seq', i(1), i(0), i(3)); c('seq', i(0), i(-1), i(3));
// --- defaults
for (const v of ['', 'x', i(0), i(1), f(0), f(0.1), i64(0), true, false, null, U, l(), l(null), m({}), m({ a: null })]) { c('default', 'D', v); c('empty', v); }
c('default', 'D'); c('default', 'D', 'a', 'b'); c('default', null, null);
c('coalesce', null, '', i(0), 'x', 'y'); c('coalesce'); c('coalesce', '', false); c('coalesce', U, l(), m({ k: i(1) }));
c('all', 'a', i(1), true); c('all', 'a', i(0)); c('all'); c('all', null);
c('any', '', i(0), 'x'); c('any', '', false); c('any');
c('ternary', 'yes', 'no', true); c('ternary', 'yes', 'no', false); c('ternary', i(1), null, false);
c('fail', 'boom'); c('fail', '');
// --- reflection
for (const v of ['s', i(1), i64(1), f(1.5), true, null, U, l(1), ss('a'), m({ a: i(1) }), { l: [] }]) { c('typeOf', v); c('kindOf', v); }
c('typeIs', 'string', 'x'); c('typeIs', 'int', f(1)); c('typeIs', 'int64', i64(3)); c('typeIs', '<nil>', null); c('typeIsLike', 'string', 'x'); c('typeIsLike', 'int', i(1)); c('typeIsLike', 'float', f(1));
c('kindIs', 'int', i(1)); c('kindIs', 'slice', l()); c('kindIs', 'map', m({})); c('kindIs', 'invalid', null); c('kindIs', 'string', i(1));
c('deepEqual', i(1), i(1)); c('deepEqual', i(1), i64(1)); c('deepEqual', i(1), f(1)); c('deepEqual', 'a', 'a'); c('deepEqual', l(1, 'a'), l(1, 'a')); c('deepEqual', l(1), l(2)); c('deepEqual', m({ a: l(1) }), m({ a: l(1) })); c('deepEqual', m({ a: i(1) }), m({ a: i(2) })); c('deepEqual', null, null); c('deepEqual', null, ''); c('deepEqual', ss('a'), l('a')); c('deepEqual', f('NaN'), f('NaN'));
// --- encoding
for (const s of ['hello', '', 'é', 'a', 'ab', 'abc', 'hello world!']) { c('b64enc', s); c('b32enc', s); }
for (const s of ['aGVsbG8=', 'aGVsbG8', 'aGVsbA==', 'aGVsbA=', 'aGVs\nbG8=', 'a', '!!!!', 'aGVsbG8=x', 'aGVsbG8==', '=', 'YQ==', 'YQ', 'Y', 'YWJj', 'YW=j', 'w6k=', '', 'aGVs bG8=', 'YQ==\n', 'YQ=\n=', '//79']) c('b64dec', s);
for (const s of ['NBSWY3DP', 'NBSWY3DPEE======', 'MFRGG===', 'ME======', 'ME=====', 'MFRGG', 'mfrgg===', 'M=======', 'MFR=====', '', 'NBSW\nY3DP', 'NBSWY3D1', 'MFRGG===X', 'MFRGGZDFMZTWQ2LK']) c('b32dec', s);
// --- paths
for (const p of ['', '/', 'a/b/c', 'a/b/c/', '/a/b.txt', 'a//b', '.', '..', '../a/../b', '/../a', 'a/./b/../../c', '//x', 'file.tar.gz', '.hidden', 'dir.d/file', '///', 'a/b/']) { c('base', p); c('dir', p); c('clean', p); c('ext', p); c('isAbs', p); }
c('osBase', '/a/b.txt'); c('osDir', '/a/b.txt'); c('osClean', 'a/../../b'); c('osExt', 'x.y.z'); c('osIsAbs', 'rel'); c('osBase', ''); c('osDir', 'x');
// --- url
for (const u of ['http://user:pa%20ss@example.com:8080/a%2Fb/c d?x=1&y=2#frag%20x', 'https://[::1]:443/p', 'mailto:joe@example.com', '/rel/path?q', ':foo', 'http://host:port/', 'http://x/%zz', '', 'HTTP://EXAMPLE.com/', 'http://u@h@x/', 'http://héllo.com/ü?ä#ö', '//host/path', 'http://[::1x]/', 'http://[1.2.3.4]/', 'http://a[b]/', 'http://[fe80::1%25en0]/', 'a_b:c', 'http://x?', 'http://u^x@h/', 'http://a b.com/', 'http://[1:2]/', 'http://[12345::]/']) c('urlParse', u);
c('urlJoin', m({ scheme: 'https', host: 'example.com', path: '/a b?c', query: 'x=1', fragment: 'f g!', userinfo: 'u:pw' }));
c('urlJoin', m({ scheme: 'mailto', opaque: 'joe@x.com' })); c('urlJoin', m({ path: 'a:b/c' })); c('urlJoin', m({ host: 'h', path: 'p' })); c('urlJoin', m({})); c('urlJoin', m({ scheme: 'http' }));
c('urlJoin', m({ scheme: 'http', host: 'ü.com' })); c('urlJoin', m({ userinfo: 'u@x' })); c('urlJoin', m({ userinfo: 'u%zz' })); c('urlJoin', m({ scheme: i(1) })); c('urlJoin', m({ path: '*' }));
c('urlJoin', m({ fragment: "a'b(c)*d#" })); c('urlJoin', m({ userinfo: 'a:b:c' })); c('urlJoin', m({ userinfo: 'a b' })); c('urlJoin', m({ scheme: 'http', host: 'h', path: 'é' })); c('urlJoin', m({ scheme: null })); c('urlJoin', m({ host: 'h', query: 'a b' }));

// --- shapes the corpus charts use (values from YAML arrive as float64)
const corpus = (...call) => C.push({ call, note: 'as used in the helm corpus charts' });
corpus('trunc', i(63), 'my-release-name-that-is-far-too-long-for-a-kubernetes-resource-name-x'); corpus('trunc', i(63), 'short');
corpus('trimSuffix', '-', 'my-release-name-that-is-far-too-long-for-a-kubernetes-resource-'); corpus('trunc', i(64), 'a'.repeat(70));
corpus('typeIs', 'string', 'abc'); corpus('typeIs', 'int', f(8080)); corpus('typeIs', 'float64', f(8080)); corpus('typeIs', 'int', i(8080)); corpus('typeIs', 'float64', 'x');
corpus('kindIs', 'map', m({ a: 'b' })); corpus('kindIs', 'map', 'x'); corpus('kindIs', 'string', 'x'); corpus('kindIs', 'bool', true); corpus('kindIs', 'slice', l('a'));
corpus('ternary', 'yes', 'no', true); corpus('ternary', 'true', 'false', false); corpus('ternary', 'https', 'http', true); corpus('ternary', i(1), i(0), true);
corpus('default', 'postgres', ''); corpus('default', 'default', U); corpus('default', i(1), f(3)); corpus('default', i(10), null); corpus('default', '/', 'x'); corpus('default', 'ImplementationSpecific', null);
corpus('coalesce', U, null, 'fallback'); corpus('coalesce', 'first', 'second');
corpus('join', '_', l('a', 'b')); corpus('join', ',', l('x', f(1), true)); corpus('join', '\n', ss('l1', 'l2')); corpus('join', ' ', l());
corpus('replace', '+', '_', '1.2.3+build.4'); corpus('replace', '.', '-', 'a.b.c');
corpus('contains', '{{', 'value {{ .x }}'); corpus('contains', 'docker.io/bitnami/', 'docker.io/bitnami/redis:7'); corpus('contains', 'LoadBalancer', 'ClusterIP');
corpus('substr', i(5), i(12), 'sha256:abcdef123456'); corpus('substr', i(0), i(7), 'abcdef0123456789');
corpus('splitList', '.', '1.2.3'); corpus('splitList', '-', 'v1.2.3-rc.1'); corpus('splitList', ',', 'a, b,c'); corpus('split', '.', 'host.example.com');
corpus('upper', 'release'); corpus('lower', 'MyRelease'); corpus('kebabcase', 'myComponentName'); corpus('camelcase', 'my-component');
corpus('seq', i(1), i(3)); corpus('seq', i(0), i(2)); corpus('until', i(3));
corpus('int64', f(8080)); corpus('int64', '8080'); corpus('int', f(3)); corpus('int', '3'); corpus('float64', '0.5'); corpus('add1', f(2)); corpus('add', i(2), f(3)); corpus('sub', f(5), i(1));
corpus('mulf', i(1000), f(0.5)); corpus('mulf', f(1.5), i(1024)); corpus('min', i(1000), f(512)); corpus('max', i(256), f(128)); corpus('floor', f(2.5)); corpus('div', f(1024), i(2)); corpus('mod', f(10), i(3));
corpus('dir', '/tmp'); corpus('dir', '/tmp/x/y.sock'); corpus('base', '/etc/config/app.yaml');
corpus('b64dec', 'cGFzc3dvcmQ='); corpus('b64enc', 'admin:password'); corpus('trimAll', '"', '"quoted"');
corpus('cat', '$MARIADB_ROOT_PASSWORD_FILE'); corpus('cat', 'a', 'b'); corpus('indent', i(8), 'key: value\nother: 1'); corpus('nindent', i(4), 'a: 1\nb:\n  c: 2');
corpus('quote', 'value'); corpus('quote', f(8080)); corpus('quote', true); corpus('squote', 'v'); corpus('toString', f(8080)); corpus('toString', f(0.1)); corpus('toString', true);
corpus('empty', m({})); corpus('empty', f(0)); corpus('empty', 'x'); corpus('urlParse', 'postgres://user:secret@db.example.com:5432/app?sslmode=disable');
corpus('deepEqual', l('a'), l('a')); corpus('hasPrefix', 'http', 'https://x'); corpus('hasSuffix', '/', 'path/');
writeFileSync(process.argv[2], JSON.stringify(C));
console.error(C.length, 'cases');
