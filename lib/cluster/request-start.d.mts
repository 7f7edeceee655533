// Types for ./request-start.mjs.
export declare function runFromRequestStart<T>(fn: () => T, at?: number): T;
export declare function requestStartedAt(): number | undefined;
