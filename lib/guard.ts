/**
 * The gate in front of the preview and revalidation endpoints, in one place: feature off → 404,
 * too many failures from this client → 429, wrong or missing secret → 401 (and the failure
 * counted). Returns null when the caller may proceed.
 */
import { clientKey, sharedLimiter } from "./rate-limit";
import { configuredSecret, secretsMatch, type SecretName } from "./secrets";
import { jsonError } from "./http";

export function guardSecret(
  request: Request,
  name: SecretName,
  given: string | null,
  { disabled, rejected, headers = {} }: { disabled: string; rejected: string; headers?: Record<string, string> },
): Response | null {
  const expected = configuredSecret(name);
  if (!expected) return jsonError(404, disabled);
  const limiter = sharedLimiter(name);
  const client = clientKey(request);
  if (!limiter.allowed(client)) {
    return jsonError(429, "Too many failed attempts; try again later.", {}, { "Retry-After": String(limiter.retryAfter(client)) });
  }
  if (!given || !secretsMatch(given, expected)) {
    limiter.recordFailure(client);
    return jsonError(401, rejected, {}, headers);
  }
  return null;
}
