// Types for ./singleton.mjs.
export declare function processSingleton<T>(name: string, create: () => T): T;
export declare function setProcessSingleton<T>(name: string, value: T | undefined): void;
export declare function peekProcessSingleton<T>(name: string): T | undefined;
