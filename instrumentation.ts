/** Runs once when the server starts; the checks live in lib/config/startup.ts (Node.js runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await (await import("./lib/config/startup")).runStartupChecks();
  }
}
