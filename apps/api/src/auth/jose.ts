import { randomUUID } from 'node:crypto';

/**
 * jose 6 is published as ES modules only, and this build is CommonJS. A
 * dynamic import loads it; it is spelled through `Function` because the
 * TypeScript and jest (swc) compilers would otherwise rewrite `import()` into
 * a `require()`, which jest's module registry cannot do for an ES module.
 * The source carries a unique comment: V8 caches compiled functions by their
 * text, and a cached one would import through the module loader of whoever
 * compiled it first (under jest, a test file already torn down).
 */
export type Jose = typeof import('jose');

const importModule = new Function('specifier', `return import(specifier); // ${randomUUID()}`) as (
  specifier: string,
) => Promise<unknown>;

let loaded: Promise<Jose> | undefined;

export function jose(): Promise<Jose> {
  loaded ??= importModule('jose') as Promise<Jose>;
  return loaded;
}
