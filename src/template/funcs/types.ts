/**
 * How template functions are declared. Go's text/template checks and converts each argument
 * against the Go parameter type of the function it calls (an untyped number literal becomes the
 * parameter's type; a string passed for an int is "wrong type for value; expected int; got
 * string"), so every function declares its parameters with Go type names.
 */

/**
 * Go parameter types the executor knows how to check and convert to. `interface {}` accepts
 * anything (including nil and missing values, which arrive as `null`/`undefined`).
 */
export type ParamType =
  | 'interface {}'
  | 'string'
  | 'bool'
  | 'int'
  | 'int64'
  | 'uint32'
  | 'float64'
  | '[]interface {}'
  | '[]string'
  | 'map[string]interface {}'
  | 'reflect.Value';

export interface FuncDef {
  /** Called with converted arguments. A throw becomes `error calling NAME: MESSAGE`. */
  fn: (...args: any[]) => unknown;
  /** Fixed parameters, in order. */
  params: readonly ParamType[];
  /** Element type of a trailing `...T` parameter, if the Go function is variadic. */
  variadic?: ParamType;
  /**
   * Set for the few functions that need the running executor (include, tpl, template-aware
   * helpers): `fn` then receives the `ExecState` as its first argument, before the Go arguments.
   */
  needsState?: boolean;
}

export type FuncMap = Record<string, FuncDef>;

/** Shorthand for declaring a function. */
export function def(
  params: readonly ParamType[],
  fn: (...args: any[]) => unknown,
  variadic?: ParamType,
): FuncDef {
  return variadic ? { fn, params, variadic } : { fn, params };
}

/** Thrown by function bodies for Go-style errors; the message is what Go's error text would be. */
export class FuncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FuncError';
  }
}
