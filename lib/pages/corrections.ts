/** What the article page, /corrections and the corrections feed agree on about one correction. */
import type { Correction } from "../sources/types";

/**
 * The anchor of a correction's notice on its article: its date and time, which no later edit
 * shifts (a position in the list would move if a correction were ever backdated).
 */
export function correctionAnchor(correction: Pick<Correction, "date">): string {
  return `correction-${correction.date.replace(/\.\d{3}Z$/, "Z").replace(/[^0-9TZ]/g, "").toLowerCase()}`;
}
