/**
 * A Node built-in module when running under Node (process.getBuiltinModule,
 * Node ≥ 20.16), else undefined. The parallel code is shared with browsers,
 * so it never imports a Node module: it asks for one at run time.
 */
export function nodeBuiltin<T>(name: string): T | undefined {
  const scope = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  const get = scope.process?.getBuiltinModule;
  return typeof get === 'function' ? (get.call(scope.process, name) as T) : undefined;
}
