/** URLs of break-glass access: asking with a reason, and the data protection officer's review list (issue 6). */
export const breakGlassUrls = {
  childBreakGlass: (id: string) => `/children/${id}/break-glass`,
  breakGlassReviews: '/break-glass-reviews',
  breakGlassReview: (id: string) => `/break-glass-reviews/${id}`,
} as const;
