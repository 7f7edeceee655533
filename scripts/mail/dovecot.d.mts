export const DUPLICATES_FOLDER: string;
export function ensureDovecot(): void;
export function lmtpSocket(dir: string): string;
export function startDovecot(options: { dir: string; mailDir: string; timeoutMs?: number }): Promise<{ pid: number }>;
export function stopDovecot(dir: string): Promise<void>;
export function alive(pid: number): boolean;
