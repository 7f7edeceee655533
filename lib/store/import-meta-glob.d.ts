// import.meta.glob is implemented by Turbopack (Next's bundler) and by Vite (vitest); lib/store uses it
// to find its migration files. Typed here rather than pulling in vite/client's ambient types.
interface ImportMeta {
  glob<T = unknown>(patterns: string | string[], options: { eager: true; import?: string }): Record<string, T>;
}
