import { expect, type APIRequestContext } from "@playwright/test";

/**
 * Each URL is refused with 400 and a JSON error naming the parameter at fault — the answer our
 * JSON API gives to a malformed query (lib/api/articles.ts `collectParams`).
 */
export async function expectParameterErrors(request: APIRequestContext, cases: Array<[url: string, parameter: string]>): Promise<void> {
  for (const [url, parameter] of cases) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(400);
    const json = await res.json();
    expect(json.parameter, url).toBe(parameter);
    expect(json.error, url).toContain(parameter);
  }
}
