/**
 * Sprig's urlParse/urlJoin over Go's net/url. Both panic on bad input in Sprig; the panic text
 * becomes the template error.
 */
import { type GoMap, hasKey, kindOf, mapGet } from '../../value.ts';
import { def, type FuncMap } from '../types.ts';
import { hostname, parseURL, urlString, userinfoString } from './a-url.ts';

function urlParse(text: string): GoMap {
  let u: ReturnType<typeof parseURL>;
  try {
    u = parseURL(text);
  } catch (e) {
    throw new Error(`unable to parse url: ${(e as Error).message}`);
  }
  return {
    fragment: u.fragment,
    host: u.host,
    hostname: hostname(u.host),
    opaque: u.opaque,
    path: u.path,
    query: u.rawQuery,
    scheme: u.scheme,
    userinfo: u.user ? userinfoString(u.user) : '',
  };
}

/** Sprig's dictGetOrEmpty: a missing key is "", a non-string value panics. */
function stringField(d: GoMap, key: string): string {
  if (!hasKey(d, key)) return '';
  const v = mapGet(d, key);
  // reflect.TypeOf(nil).Kind() dereferences a nil Type
  if (v === null || v === undefined)
    throw new Error('runtime error: invalid memory address or nil pointer dereference');
  if (typeof v !== 'string')
    throw new Error(`unable to parse ${key} key, must be of type string, but ${kindOf(v)} found`);
  return v;
}

function urlJoin(d: GoMap): string {
  const userinfo = stringField(d, 'userinfo');
  const url = {
    scheme: stringField(d, 'scheme'),
    host: stringField(d, 'host'),
    path: stringField(d, 'path'),
    rawQuery: stringField(d, 'query'),
    opaque: stringField(d, 'opaque'),
    fragment: stringField(d, 'fragment'),
    user: null as ReturnType<typeof parseURL>['user'],
    rawPath: '',
    rawFragment: '',
    forceQuery: false,
  };
  if (userinfo !== '') {
    try {
      url.user = parseURL(`proto://${userinfo}@host`).user;
    } catch (e) {
      throw new Error(`unable to parse userinfo in dict: ${(e as Error).message}`);
    }
  }
  return urlString(url);
}

export const urlFuncs: FuncMap = {
  urlParse: def(['string'], urlParse),
  urlJoin: def(['map[string]interface {}'], urlJoin),
};
