/**
 * Who a Philomena profile is about, reached within the actor's scope (another authority's child, or a child no
 * incident from a police user's force is about, does not exist for them), and whether the protocol applies:
 * it is for children looked after, by this authority or by another one and placed here.
 */
import type { Tx } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { scopeOf } from '../access/policy.ts';
import { listCarePeriods } from '../children/care-status.service.ts';
import { careStatusLabel } from '../children/care-status.ts';
import { childIncidents } from '../children/child-record.repository.ts';
import { findVisibleChild } from '../children/child-record.service.ts';
import { DomainRuleBroken } from '../errors.ts';
import { carePeriodAt } from '../missing/classification.ts';
import { ageInYears, londonDate } from '../missing/uk-time.ts';
import { missingHistory, type MissingHistory } from './history.ts';

const LOOKED_AFTER: readonly string[] = ['own_care', 'ola_care'];

export interface PhilomenaChild {
  id: string;
  forename: string;
  surname: string;
  dateOfBirth: string;
  age: number;
  sex: string | null;
  laChildId: string | null;
  policePersonId: string | null;
  careNow: { label: string; startsOn: string; placement: string | null; responsibleAuthority: string | null } | null;
  lookedAfter: boolean;
}

export type ChildResolution = { kind: 'merged'; mergedInto: string } | { kind: 'child'; child: PhilomenaChild };

/** The child as the protocol's pages need them; a merged record answers with the child it joined. */
export async function philomenaChild(tx: Tx, actor: Actor, childId: string, now: Date): Promise<ChildResolution> {
  const { child: c } = await findVisibleChild(tx, actor, childId);
  if (c.mergedInto) return { kind: 'merged', mergedInto: c.mergedInto };
  const period = carePeriodAt(await listCarePeriods(tx, c.id), now);
  return {
    kind: 'child',
    child: {
      id: c.id, forename: c.forename, surname: c.surname, dateOfBirth: c.dateOfBirth, age: ageInYears(c.dateOfBirth, now), sex: c.sex,
      laChildId: c.laChildId, policePersonId: c.policePersonId,
      careNow: period ? { label: careStatusLabel(period.status), startsOn: londonDate(period.startsAt), placement: period.placement, responsibleAuthority: period.responsibleAuthority } : null,
      lookedAfter: period !== null && LOOKED_AFTER.includes(period.status),
    },
  };
}

export const NOT_LOOKED_AFTER_MESSAGE =
  'The Philomena Protocol is for children looked after. Record that the child is looked after (their care status) before filling in the protocol.';

/** Refuses changes to the protocol's forms for a child who is not looked after now. */
export function assertLookedAfter(child: PhilomenaChild): void {
  if (!child.lookedAfter) throw new DomainRuleBroken(NOT_LOOKED_AFTER_MESSAGE);
}

/** The live child of a record id, or the rule that a merged record is changed on the record it joined. */
export async function liveChild(tx: Tx, actor: Actor, childId: string, now: Date): Promise<PhilomenaChild> {
  const resolved = await philomenaChild(tx, actor, childId, now);
  if (resolved.kind === 'merged') throw new DomainRuleBroken('This record was merged into another child’s record: fill in the Philomena profile there');
  return resolved.child;
}

/** The child's missing history from their incidents; a police user's from what their force sent, as everywhere. */
export async function missingHistoryOf(tx: Tx, actor: Actor, childId: string, now: Date): Promise<MissingHistory> {
  const rows = await childIncidents(tx, childId, scopeOf(actor).sourceAgencyId);
  return missingHistory(rows.map(({ incident: i }) => ({
    incidentId: i.id, policeReference: i.policeReference, lastSeenAt: i.lastSeenAt, foundAt: i.foundAt, foundLocation: i.foundLocation,
  })), now);
}
