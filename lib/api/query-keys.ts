/**
 * React Query keys, shared by the server pages that prefetch (and dehydrate) and the client islands
 * that read the same data. No server imports: client components import this file.
 */
export interface ArticlesKeyFilter {
  section?: string;
  author?: string;
  tag?: string;
}

export const queryKeys = {
  articles: (filter: ArticlesKeyFilter, startPage: number, perPage: number) => ["articles", filter, startPage, perPage] as const,
  search: (q: string) => ["search", q.trim()] as const,
};
