/** True while a peer's commit is missing here (kept until the catch-up has published it). */
export function contentBehind(): boolean;
