// Types for the parts of lighthouse.mjs the e2e suites use (e2e/editions/ar.spec.ts).
export interface LighthouseSummary {
  url: string;
  form: string;
  lighthouseVersion: string;
  scores: Record<string, number>;
  failing: Record<string, { id: string; title: string; score: number; displayValue?: string; items: unknown[] }[]>;
}
export function runLighthouse(url: string, options?: { form?: "mobile" | "desktop"; categories?: string[] }): LighthouseSummary;
export const CATEGORIES: string[];
export function chromePath(): string;
