export const DOMAIN: string;
export function ensurePostfix(): void;
export function startPostfix(options: { dir: string; port?: number; timeoutMs?: number }): Promise<{ pid: number; port: number; dir: string; mailDir: string }>;
export function stopPostfix(dir: string): Promise<void>;
export function deliveredTo(raw: string): string | null;
export function readMailbox(mailDir: string, address: string): string[];
export function queuedMessages(dir: string): number;
export function mailboxCounts(mailDir: string): Map<string, number>;
