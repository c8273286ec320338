/** URLs of saved drafts of long forms and of the session's keep-alive (issue 6). */
export const draftUrls = {
  /**
   * A draft is named by the path its form posts to, sent as a query value: a path segment could not hold a long
   * form address (the router refuses parameters over 100 characters). `draft('')` is the prefix scripts add to.
   */
  draft: (key: string) => `/drafts?form=${encodeURIComponent(key)}`,
  draftDiscard: (key: string) => `/drafts/discard?form=${encodeURIComponent(key)}`,
  sessionKeepAlive: '/session/keep-alive',
  /** Where a page goes once its session has timed out: it says why on the sign-in page, and is public like it. */
  sessionTimedOut: '/sign-in/timed-out',
} as const;

/** The route paths of the two draft URLs, without their query. */
export const draftRoutes = { draft: '/drafts', discard: '/drafts/discard' } as const;
