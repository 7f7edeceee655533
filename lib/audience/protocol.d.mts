// Types for ./protocol.mjs (plain JavaScript: the production server imports it natively).
export declare const BEACON_PATH: string;
export declare const MAX_BODY_BYTES: number;
export declare const SLUG_PATTERN: RegExp;
export type PageType = "article" | "home" | "section";
export type MetricName = "LCP" | "INP" | "CLS" | "TTFB";
export declare const PAGE_TYPES: PageType[];
export declare const METRICS: Record<MetricName, { max: number; buckets: number[] }>;
export declare const METRIC_NAMES: MetricName[];
export declare function bucketOf(metric: MetricName, value: number): number;
export declare function quantile(metric: MetricName, counts: number[], q: number): number | null;
export type Beacon =
  | { kind: "read"; slug: string; error?: undefined }
  | { kind: "vitals"; pageType: PageType; values: Partial<Record<MetricName, number>>; error?: undefined }
  | { error: string; kind?: undefined };
export declare function parseBeacon(text: string): Beacon;
export declare function scopesOf(sectionPath: string): string[];
export declare const HOUR_MS: number;
export declare const WINDOW_HOURS: number;
export declare function hourOf(ms: number): number;
