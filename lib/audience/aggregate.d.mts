// Types for ./aggregate.mjs (plain JavaScript: shared by the production server and the Next bundles).
import type { MetricName, PageType } from "./protocol.mjs";

export declare const FLUSH_MS: number;
export declare const MAX_PENDING: number;
export interface ReadRow { hour: number; scope: string; slug: string; count: number }
export interface VitalRow { hour: number; pageType: string; metric: string; bucket: number; count: number }
export interface AudienceStore {
  /** Adds one flush's counts, all or nothing. */
  add(reads: ReadRow[], vitals: VitalRow[]): Promise<void>;
  topReads(scope: string, fromHour: number, limit: number): Promise<{ slug: string; reads: number }[]>;
  vitals(fromHour: number): Promise<VitalRow[]>;
}
export interface Histogram { count: number; p75: number | null; buckets: number[] }
export type VitalsSummary = Partial<Record<PageType | string, Partial<Record<MetricName, Histogram>>>>;
export declare function recordRead(slug: string, sectionPath: string, now?: number): void;
export declare function recordVitals(pageType: PageType, values: Partial<Record<MetricName, number>>, now?: number): void;
export declare function backendName(): "redis" | "store" | "memory";
export declare function attachStore(store: AudienceStore | null): void;
export declare function flush(now?: number): Promise<void>;
export declare function topReads(scope: string, limit: number, now?: number): Promise<{ slug: string; reads: number }[] | null>;
export declare function vitalsSummary(now?: number): Promise<VitalsSummary | null>;
export declare function pendingStats(): { reads: number; vitals: number; dropped: number };
export declare function resetAggregate(): void;
export declare const HOUR_MS: number;
