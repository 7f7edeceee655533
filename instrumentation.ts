/**
 * Runs once when the server starts: refuse to start with secrets too short to be safe, rather than
 * run with a guessable preview or revalidation secret.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { secretProblems } = await import("./lib/secrets");
  const problems = secretProblems();
  if (problems.length) {
    console.error(`Masthead cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    process.exit(1);
  }
}
