/**
 * The category tree's memo (source.ts): loaded on demand, reused for a while, and kept when a refresh
 * fails (WordPress down). Ids by slug use the process-wide memos of lib/request/resolution-cache.ts instead,
 * which the webhook clears.
 */
/** A value loaded on demand and reused for a while; on a failed refresh the last value is kept. */
export class Memo<T> {
  private value: { data: T; at: number } | undefined;
  private pending: Promise<T> | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
  ) {}

  get(): Promise<T> {
    if (this.value && Date.now() - this.value.at < this.ttlMs) return Promise.resolve(this.value.data);
    this.pending ??= this.load()
      .then(
        (data) => {
          this.value = { data, at: Date.now() };
          return data;
        },
        (error) => {
          if (this.value) return this.value.data; // WordPress is down: the last good tree will do.
          throw error;
        },
      )
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  clear(): void {
    this.value = undefined;
  }
}
