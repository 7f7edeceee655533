export const SERVER_FILE: string;
export function buildServer(options?: { appRoot?: string; distDir?: string }): string;
