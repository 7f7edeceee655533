/**
 * Every interface string of the live blog, in one place until the message catalogues of issue 19
 * (lib/i18n) land: then these become catalogue keys (live.*) and this file goes. Client islands
 * import it too, so it has no server imports.
 */
export const liveStrings = {
  live: "Live",
  updated: "Updated",
  published: "Published",
  justNow: "just now",
  ended: "This live coverage has ended.",
  endedAt: "Coverage ended",
  keyEvents: "Key events",
  noKeyEvents: "No key events yet.",
  moreKeyEvents: (n: number) => `Show ${n} more`,
  pinned: "Pinned",
  keyEvent: "Key event",
  edited: "Edited",
  draft: "Draft — not published",
  scheduledFor: "Scheduled for",
  updatesHeading: "Live updates",
  by: "By",
  and: "and",
  copyLinkContext: (when: string) => ` to the update at ${when}`,
  newUpdates: (n: number) => (n === 1 ? "1 new update" : `${n} new updates`),
  showNewUpdates: (n: number) => (n === 1 ? "Show 1 new update" : `Show ${n} new updates`),
  arrived: (n: number, headline?: string) =>
    n === 1 ? `New update${headline ? `: ${headline}` : "."}` : `${n} new updates.`,
  waiting: (n: number) => (n === 1 ? "1 new update above. Use the button at the top of the page to show it." : `${n} new updates above. Use the button at the top of the page to show them.`),
  showing: (n: number) => (n === 1 ? "Showing 1 new update." : `Showing ${n} new updates.`),
  connectionLost: "New updates could not be loaded. Retrying…",
  newerUpdates: "Newer updates",
  olderUpdates: "Older updates",
  latestUpdates: "Latest updates",
  firstUpdates: "From the start",
  livePages: "Live blog pages",
  archiveHeading: (range: string) => `Updates from ${range}`,
  archiveNote: "You are reading earlier updates.",
  goToLatest: "Go to the latest updates",
  pageTitle: (title: string, range: string) => `${title}: updates from ${range}`,
} as const;
