/** URLs of break-glass access (asking with a reason, the review list) and of restricting a record (issue 6). */
export const breakGlassUrls = {
  childBreakGlass: (id: string) => `/children/${id}/break-glass`,
  breakGlassReviews: '/break-glass-reviews',
  breakGlassReview: (id: string) => `/break-glass-reviews/${id}`,
  childRestriction: (id: string) => `/children/${id}/restriction`,
  childRestrictionLift: (id: string) => `/children/${id}/restriction/lift`,
} as const;
