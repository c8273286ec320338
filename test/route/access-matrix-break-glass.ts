/** The access matrix for: break-glass access and its review by the data protection officer (issue 6). */
import { AD, MO, page, PO, SW, type Expectation } from './access-matrix-support.ts';

export const BREAK_GLASS_ROUTES: Record<string, Expectation> = {
  // Those who may see exploitation records with a need to know may also ask, with a reason, without one.
  'GET /children/:id/break-glass': page(['break-glass:use'], [MO, SW, PO]),
  'POST /children/:id/break-glass': page(['break-glass:use'], [MO, SW, PO]),
  // The data protection officer (admin role) reviews every one.
  'GET /break-glass-reviews': page(['break-glass:review'], [AD]),
  'POST /break-glass-reviews/:id': page(['break-glass:review'], [AD]),
  // Restricting a record to named people: the data protection officer too.
  'GET /children/:id/restriction': page(['restriction:manage'], [AD]),
  'POST /children/:id/restriction': page(['restriction:manage'], [AD]),
  'POST /children/:id/restriction/lift': page(['restriction:manage'], [AD]),
};
