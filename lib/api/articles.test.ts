import { describe, expect, it } from "vitest";
import { collectParams, ParameterError, parseArticlesQuery, parseSearchQuery } from "./articles";

describe("query parameters", () => {
  it("are collected without a prototype, so property names are ordinary keys", () => {
    const params = collectParams(new URLSearchParams("constructor=1&__proto__=2&toString=3&toString=4"));
    expect(Object.getPrototypeOf(params)).toBeNull();
    expect(Object.entries(params)).toEqual([
      ["constructor", ["1"]],
      ["__proto__", ["2"]],
      ["toString", ["3", "4"]],
    ]);
  });

  it("named like Object.prototype members are unknown parameters (400 naming them), never a TypeError", () => {
    for (const name of ["constructor", "__proto__", "toString", "__defineGetter__", "hasOwnProperty", "valueOf", "isPrototypeOf"]) {
      for (const parse of [() => parseArticlesQuery(new URLSearchParams(`${name}=1`)), () => parseSearchQuery(new URLSearchParams(`q=harbour&${name}=1`))]) {
        let error: unknown;
        try {
          parse();
        } catch (e) {
          error = e;
        }
        expect(error, name).toBeInstanceOf(ParameterError);
        expect((error as ParameterError).parameter).toBe(name);
        expect((error as ParameterError).message).toBe(`unknown parameter "${name}"`);
      }
    }
  });

  it("still reads known parameters and refuses repeats", () => {
    expect(parseArticlesQuery(new URLSearchParams("section=news&limit=5"))).toMatchObject({ section: "news", limit: 5 });
    expect(() => parseArticlesQuery(new URLSearchParams("section=news&section=sport"))).toThrow(/only once/);
  });
});
