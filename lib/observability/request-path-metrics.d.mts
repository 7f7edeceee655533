// Types for ./request-path-metrics.mjs.
import { Counter, Histogram } from "prom-client";

/** prom-client's Counter, recorded without its per-call label work (for counts made per request). */
export declare class RequestPathCounter<T extends string = string> extends Counter<T> {}
/** prom-client's Histogram, recorded without its per-call label work (for values observed per request). */
export declare class RequestPathHistogram<T extends string = string> extends Histogram<T> {}
