/** Small response helpers for route handlers: JSON errors without internals, never cached. */
export function jsonError(status: number, error: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export function methodNotAllowed(allow: string): Response {
  return jsonError(405, `Method not allowed; use ${allow}.`, {}, { Allow: allow });
}

/** Only a path on this site: one leading slash, no scheme, no "//" or "/\" host tricks. */
export function safeReturnPath(value: FormDataEntryValue | string | null): string {
  if (typeof value !== "string" || value.length > 500) return "/";
  return /^\/(?![/\\])[A-Za-z0-9\-._~/]*$/.test(value) ? value : "/";
}
