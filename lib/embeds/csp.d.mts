export declare const MASTODON_HOSTS: readonly string[];
export declare const EMBED_FRAME_ORIGINS: readonly string[];
export declare function frameSourcesFromHtml(html: string): string[];
