/** URLs of saved drafts of long forms and of the session's keep-alive (issue 6). */
export const draftUrls = {
  draft: (key: string) => `/drafts/${encodeURIComponent(key)}`,
  draftDiscard: (key: string) => `/drafts/${encodeURIComponent(key)}/discard`,
  sessionKeepAlive: '/session/keep-alive',
} as const;
