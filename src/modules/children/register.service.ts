/**
 * Registering children the authority already knows (from its case system, or the demo loader) with their
 * care history, in bulk. Notifications then link to them by LA child id.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/database.ts';
import { carePeriods, children } from '../../db/schema.ts';
import type { Actor } from '../access/actor.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { CareStatus } from '../missing/classification.ts';
import { normaliseName } from './child-matching.ts';

export interface KnownChild {
  laChildId: string;
  forename: string;
  surname: string;
  dateOfBirth: string;
  sex: 'male' | 'female' | null;
  districtId: number | null;
  carePeriods: { status: CareStatus; startsAt: Date; endsAt: Date | null; placement: string | null; outOfArea: boolean; responsibleAuthority: string | null }[];
}

const CHUNK = 1000;

export async function registerChildren(tx: Tx, actor: Actor, list: KnownChild[], source: string): Promise<void> {
  for (let i = 0; i < list.length; i += CHUNK) {
    const chunk = list.slice(i, i + CHUNK).map((c) => ({ ...c, id: randomUUID() }));
    await tx.insert(children).values(
      chunk.map((c) => ({
        id: c.id, authorityCode: actor.authorityCode, forename: c.forename, surname: c.surname,
        forenameNorm: normaliseName(c.forename), surnameNorm: normaliseName(c.surname), dateOfBirth: c.dateOfBirth,
        sex: c.sex, laChildId: c.laChildId, districtId: c.districtId, createdVia: source,
      })),
    );
    const periods = chunk.flatMap((c) => c.carePeriods.map((p) => ({ ...p, id: randomUUID(), authorityCode: actor.authorityCode, childId: c.id })));
    for (let j = 0; j < periods.length; j += CHUNK) await tx.insert(carePeriods).values(periods.slice(j, j + CHUNK));
    await writeAudit(tx, actor, chunk.map((c) => ({ action: 'child.registered', childId: c.id, subjectType: 'child', subjectId: c.id, details: { source } })));
  }
}
