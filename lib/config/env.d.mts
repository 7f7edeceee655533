// Types for ./env.mjs (plain JavaScript so scripts/ and the production server import it as it is).
export declare function contentSourceName(): string;
export declare function isMarkdownSource(): boolean;
export declare function distDirName(): string;
