/**
 * The gate in front of the preview and revalidation endpoints, in one place: feature off → 404; the
 * right secret → through, always (compared in constant time, before any limit is consulted); a
 * wrong or missing one → 401, counted, and 429 once this client has failed too often. Returns null
 * when the caller may proceed.
 */
import { clientKey, recordFailedSecret } from "./rate-limit";
import { configuredSecret, secretsMatch, type SecretName } from "./secrets";
import { jsonError } from "../request/http";

export async function guardSecret(
  request: Request,
  name: SecretName,
  given: string | null,
  { disabled, rejected, headers = {} }: { disabled: string; rejected: string; headers?: Record<string, string> },
): Promise<Response | null> {
  const expected = configuredSecret(name);
  if (!expected) return jsonError(404, disabled);
  if (given !== null && secretsMatch(given, expected)) return null;
  const retryAfter = await recordFailedSecret(name, clientKey(request));
  if (retryAfter > 0) {
    return jsonError(429, "Too many failed attempts; try again later.", {}, { "Retry-After": String(retryAfter) });
  }
  return jsonError(401, rejected, {}, headers);
}
