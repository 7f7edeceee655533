export function serverNodeArgs(env?: Record<string, string | undefined>): string[];
export function serverEntry(env?: Record<string, string | undefined>): string;
