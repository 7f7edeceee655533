import type { z } from "zod";
import type { ContentProblem } from "./errors";

/** zod issues → content problems naming the field as a dotted path, e.g. image.alt or sections.0.slug */
export function zodProblems(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
    return { file, field: field || undefined, message: missing ? "is required but missing" : issue.message };
  });
}
