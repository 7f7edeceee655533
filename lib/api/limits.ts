/** API limits, in a module with no server imports so client islands can share them. */
export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 12;
export const MAX_QUERY_LENGTH = 200;
export const SEARCH_LIMIT = 20;
