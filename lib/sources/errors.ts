/** One problem in one content file, naming the file and the field so an editor can fix it. */
export interface ContentProblem {
  file: string;
  field?: string;
  message: string;
  /** Where in the file (1-based, counted from the file's first line), when known. */
  line?: number;
  column?: number;
  /** How to fix a common mistake ("quote the title", "did you mean \"authors\"?"). */
  hint?: string;
}

/** `content/articles/x.md:2:8 → field "title": message (hint)` — the form editors and terminals link to. */
export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}${p.column ? `:${p.column}` : ""}` : p.file;
  return `${where}${p.field ? ` → field "${p.field}"` : ""}: ${p.message}${p.hint ? ` (${p.hint})` : ""}`;
}

/** Thrown when content is invalid; the build and the dev server stop with every problem listed. */
export class ContentValidationError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    super(
      `Invalid content (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join("\n"),
    );
    this.name = "ContentValidationError";
    this.problems = problems;
  }
}

/** A content source that cannot answer right now (network, remote server down). Pages answer 503. */
export class ContentUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ContentUnavailableError";
  }
}

/**
 * Recognises a validation error by shape, not class: the content source is shared across bundles
 * (proxy and routes each have their own copy of this module), so `instanceof` can be false.
 */
export function isContentValidationError(error: unknown): error is ContentValidationError {
  return error instanceof Error && error.name === "ContentValidationError" && Array.isArray((error as ContentValidationError).problems);
}

/** By shape, for the same reason as isContentValidationError. */
export function isContentUnavailable(error: unknown): boolean {
  return error instanceof Error && error.name === "ContentUnavailableError";
}

/**
 * For page furniture (navigation, "latest" lists): when the content source is down, show the page
 * without it rather than failing the whole response. Other errors still propagate.
 */
export async function orWhenUnavailable<T>(read: Promise<T>, fallback: T): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (isContentUnavailable(error)) return fallback;
    throw error;
  }
}
