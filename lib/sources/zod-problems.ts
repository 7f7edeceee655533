import type { z } from "zod";
import type { ContentProblem } from "./errors";
import { didYouMean, positionOf, type FieldPositions } from "./front-matter";

/**
 * zod issues → content problems naming the field as a dotted path (image.alt, sections.0.slug),
 * each at its line in the file when the positions are known, an unknown field with the one meant.
 */
export function zodProblems(file: string, error: z.ZodError, positions?: FieldPositions, schema?: { shape?: Record<string, unknown> }): ContentProblem[] {
  const known = schema?.shape ? Object.keys(schema.shape) : [];
  return error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        return {
          file,
          field: path.map(String).join("."),
          message: "is not a known field",
          ...positionOf(positions, path),
          hint: (issue.path.length === 0 ? didYouMean(key, known) : undefined) ?? "unknown fields are refused so a typo never drops data silently",
        };
      });
    }
    const field = issue.path.map(String).join(".");
    const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
    const hint = missing && issue.path.length === 1 && typeof issue.path[0] === "string" ? missingHint(issue.path[0], positions) : undefined;
    return [
      {
        file,
        field: field || undefined,
        message: missing ? "is required but missing" : issue.message,
        ...positionOf(positions, issue.path),
        ...(hint ? { hint } : {}),
      },
    ];
  });
}

/** A required field missing while a near name is present ("author" for "authors"). */
function missingHint(field: string, positions?: FieldPositions): string | undefined {
  if (!positions) return undefined;
  const present = Object.keys(positions).filter((k) => !k.includes("."));
  const near = present.find((k) => didYouMean(k, [field]));
  return near ? `"${near}" is there: did you mean "${field}"?` : undefined;
}
