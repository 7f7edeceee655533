// Types for ./env.mjs (plain JavaScript so scripts/ and the production server import it as it is).
type Env = Record<string, string | undefined>;
export declare function contentSourceName(env?: Env): string;
export declare function isMarkdownSource(env?: Env): boolean;
export declare function distDirName(env?: Env): string;
