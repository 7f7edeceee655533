export interface TestPostgres {
  url: string;
  port: number;
  pid: number;
  dir: string;
  stop(): Promise<void>;
}
export function postgresBinDir(): string | null;
export function startPostgres(options?: { port?: number; dir?: string }): Promise<TestPostgres>;
export function stopPostgres(dir: string, options?: { remove?: boolean }): Promise<void>;
