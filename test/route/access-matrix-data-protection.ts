/** The access matrix for: retention (review, legal holds, deletion) and subject access requests (issue 6). */
import { AD, page, type Expectation } from './access-matrix-support.ts';

export const DATA_PROTECTION_ROUTES: Record<string, Expectation> = {
  // The data protection officer (admin role) reviews what is due, holds it or deletes it.
  'GET /retention': page(['retention:manage'], [AD]),
  'POST /retention/holds': page(['retention:manage'], [AD]),
  'POST /retention/holds/:id/release': page(['retention:manage'], [AD]),
  'GET /retention/delete': page(['retention:manage'], [AD]),
  'POST /retention/delete': page(['retention:manage'], [AD]),
  // Subject access requests: everything held about a child, so only the data protection officer.
  'GET /subject-access': page(['sar:produce'], [AD]),
  'GET /children/:id/subject-access': page(['sar:produce'], [AD]),
  'GET /children/:id/subject-access.json': page(['sar:produce'], [AD]),
  'GET /children/:id/subject-access.pdf': page(['sar:produce'], [AD]),
};
