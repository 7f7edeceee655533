// Types for ./backup.mjs (a script: run by Node directly, imported by tests/store/backup.test.ts).
export declare const SQLITE_FILE: string;
type Env = Record<string, string | undefined>;
export declare function storeLocation(env?: Env, cwd?: string): { dialect: "postgres"; url: string } | { dialect: "sqlite"; file: string };
export declare function backup(dest: string, options?: { env?: Env; cwd?: string }): Promise<{ dialect: "postgres" | "sqlite"; file: string; bytes: number }>;
export declare function restore(src: string, options?: { env?: Env; cwd?: string }): Promise<{ dialect: "postgres" | "sqlite" }>;
