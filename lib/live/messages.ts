/** The live blog islands' strings, from the site's catalogue (lib/i18n; keys live.*). Server only. */
import { getI18n } from "../i18n/translate";
import type { LiveMessages } from "./types";

export function liveMessages(): LiveMessages {
  const { t, clientMessage, locale } = getI18n();
  return {
    locale,
    badge: t("live.badge"),
    updated: clientMessage("live.updated"),
    ended: t("live.ended"),
    endedAt: clientMessage("live.endedAt"),
    keyEvents: t("live.keyEvents"),
    noKeyEvents: t("live.noKeyEvents"),
    moreKeyEvents: clientMessage("live.moreKeyEvents"),
    pinned: t("live.pinned"),
    keyEvent: t("live.keyEvent"),
    edited: clientMessage("live.edited"),
    draft: t("live.draft"),
    scheduledFor: clientMessage("live.scheduledFor"),
    updatesHeading: t("live.updatesHeading"),
    byline: clientMessage("article.byline"),
    copyLink: t("live.copyLink"),
    linkCopied: t("live.linkCopied"),
    showNewUpdates: clientMessage("live.showNewUpdates"),
    arrivedOne: clientMessage("live.arrivedOne"),
    arrived: clientMessage("live.arrived"),
    waiting: clientMessage("live.waiting"),
    showing: clientMessage("live.showing"),
    connectionLost: t("live.connectionLost"),
  };
}
