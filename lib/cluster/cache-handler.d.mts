// Types for ./cache-handler.mjs (plain JavaScript: Next imports it natively, outside its bundles).
export interface CacheEntry {
  lastModified?: number;
  value: any;
  cacheControl?: { revalidate: number | false; expire?: number };
  tags?: string[];
}
export declare function serializeEntry(entry: CacheEntry): string;
export declare function deserializeEntry(text: string): CacheEntry;
export declare function entryTags(entry: Partial<CacheEntry> | null, ctx?: { tags?: string[]; softTags?: string[] }): string[];
export default class MastheadCacheHandler {
  constructor(ctx: Record<string, unknown>);
  get(key: string, ctx: Record<string, unknown>): Promise<CacheEntry | null>;
  set(key: string, data: unknown, ctx: Record<string, unknown>): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}
