/** One problem in one content file, naming the file and the field so an editor can fix it. */
export interface ContentProblem {
  file: string;
  field?: string;
  message: string;
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}${p.field ? ` → field "${p.field}"` : ""}: ${p.message}`;
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
