/** "/…/page/N" parameters: N must be a plain positive integer; "1" is a redirect to the first page. */
export function parsePageParam(raw: string | undefined): number | null {
  if (raw === undefined) return 1;
  return /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : null;
}
