/**
 * Times every call to the content source (masthead_content_query_seconds by operation, and its
 * failures): the markdown index's queries, or WordPress's REST reads. A Proxy, so the contract
 * (lib/sources/types.ts) and the sources stay unaware of it; only the source's own methods are
 * timed (calls that return a promise), everything else passes through.
 */
import type { ContentSource } from "../sources/types";
import { contentMetrics } from "./metrics";

const TIMED = Symbol.for("masthead.content.timed");

export function timedSource<T extends ContentSource>(source: T): T {
  if ((source as unknown as Record<symbol, boolean>)[TIMED]) return source;
  const { query, errors } = contentMetrics();
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(source, {
    get(target, property, receiver) {
      if (property === TIMED) return true;
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || typeof property !== "string" || property === "constructor") return value;
      let fn = wrapped.get(property) as ((...args: unknown[]) => unknown) | undefined;
      if (!fn || (fn as unknown as { original: unknown }).original !== value) {
        const original = value as (...args: unknown[]) => unknown;
        fn = Object.assign(
          function (this: unknown, ...args: unknown[]) {
            const started = performance.now();
            const result = original.apply(this === receiver ? target : this, args);
            if (!(result instanceof Promise)) return result;
            return result.then(
              (v) => {
                query.observe({ operation: property }, (performance.now() - started) / 1000);
                return v;
              },
              (error: unknown) => {
                query.observe({ operation: property }, (performance.now() - started) / 1000);
                errors.inc({ operation: property });
                throw error;
              },
            );
          },
          { original },
        );
        wrapped.set(property, fn);
      }
      return fn;
    },
  });
}
