// Process singletons: one value per process under a global, whichever bundle asks. Next loads lib/
// code in several bundles (pages, route handlers, the proxy, instrumentation), each with its own copy
// of a module's variables; a value kept under Symbol.for(name) on globalThis is the one they share.

/** The value kept under `masthead.<name>`, created by `create` the first time it is asked for. */
export function processSingleton(name, create) {
  const key = Symbol.for(`masthead.${name}`);
  const store = globalThis;
  if (!(key in store)) store[key] = create();
  return store[key];
}

/** The value under `masthead.<name>`, or undefined when nothing has set it (another part of the process may). */
export function peekProcessSingleton(name) {
  return globalThis[Symbol.for(`masthead.${name}`)];
}

/** Replaces (or with `undefined`, forgets) the value under `masthead.<name>`; for tests and resets. */
export function setProcessSingleton(name, value) {
  const key = Symbol.for(`masthead.${name}`);
  if (value === undefined) delete globalThis[key];
  else globalThis[key] = value;
}
