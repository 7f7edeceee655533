// Types for ./cache-policy.mjs.
export declare const LIFETIME: {
  readonly page: number;
  readonly live: number;
  readonly notFound: number;
  readonly liveNotFound: number;
  readonly redirect: number;
  readonly crawler: number;
  readonly search: number;
  readonly apiBrowser: number;
  readonly apiShared: number;
  readonly settledMonthBrowser: number;
  readonly settledMonthShared: number;
  readonly ogBrowser: number;
  readonly ogShared: number;
  readonly contentImage: number;
  readonly contentImageStale: number;
  readonly staleIfError: number;
};
export declare const CACHE_POLICY: {
  readonly noStore: string;
  readonly private: string;
  readonly page: string;
  readonly live: string;
  readonly notFound: string;
  readonly liveNotFound: string;
  readonly redirect: string;
  readonly crawler: string;
  readonly search: string;
  readonly api: string;
  readonly settledMonth: string;
  readonly ogImage: string;
  readonly contentImage: string;
};
export declare function sharedFor(seconds: number): string;
