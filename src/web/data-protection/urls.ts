/** URLs of retention (review list, legal holds, deletion) and subject access requests (issue 6). */
export const dataProtectionUrls = {
  retention: '/retention',
  retentionHolds: '/retention/holds',
  retentionHoldRelease: (id: string) => `/retention/holds/${id}/release`,
  /** GET: what deleting the record would remove (`?type=child&id=…`); POST: delete it. */
  retentionDelete: '/retention/delete',
  subjectAccess: '/subject-access',
  childSubjectAccess: (id: string) => `/children/${id}/subject-access`,
  childSubjectAccessJson: (id: string) => `/children/${id}/subject-access.json`,
  childSubjectAccessPdf: (id: string) => `/children/${id}/subject-access.pdf`,
} as const;
