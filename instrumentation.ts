/** Runs once when the server starts; the checks live in lib/startup.ts (Node.js runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await (await import("./lib/startup")).runStartupChecks();
  }
}
