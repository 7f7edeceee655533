/**
 * Secrets for preview and revalidation: compared in constant time, never logged, and refused at
 * startup when too short to resist guessing (see instrumentation.ts).
 */
import { createHash, timingSafeEqual } from "node:crypto";

export const MIN_SECRET_LENGTH = 16;

/** Constant-time comparison: hashing first makes the time independent of both lengths too. */
export function secretsMatch(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

export type SecretName = "PREVIEW_SECRET" | "REVALIDATE_SECRET";

/** The configured secret, or null when the feature is off (unset or empty). */
export function configuredSecret(name: SecretName): string | null {
  const value = process.env[name];
  return value ? value : null;
}

/** Problems with the configured secrets, worded for an operator; empty when all is well. */
export function secretProblems(env: Record<string, string | undefined> = process.env): string[] {
  const problems: string[] = [];
  // EDGE_PURGE_SECRET: sent with every edge purge (lib/cluster/edge.ts), checked by the shipped VCL.
  for (const name of ["PREVIEW_SECRET", "REVALIDATE_SECRET", "EDGE_PURGE_SECRET"] as const) {
    const value = env[name];
    if (value && value.length < MIN_SECRET_LENGTH) {
      problems.push(`${name} must be at least ${MIN_SECRET_LENGTH} characters long (it is ${value.length}); use e.g. \`openssl rand -hex 24\`.`);
    }
  }
  return problems;
}
