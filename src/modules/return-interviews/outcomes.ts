/**
 * Return home interview code lists (pure) and the SSD values derived from an RHI. Labels describe what
 * happened, never the child's fault: "Declined by the child", never "refused to engage".
 */

export interface CodeLabel<C extends string = string> {
  readonly code: C;
  readonly label: string;
}

export const RHI_OUTCOMES = [
  { code: 'completed', label: 'Interview completed' },
  { code: 'declined', label: 'Declined by the child' },
  { code: 'unable_to_contact', label: 'Unable to make contact' },
  { code: 'missing_again', label: 'Missing again before the interview' },
  { code: 'not_attempted', label: 'Not attempted (reason recorded)' },
  { code: 'advice_given', label: 'Advice and information given instead' },
] as const satisfies readonly CodeLabel[];
export type RhiOutcome = (typeof RHI_OUTCOMES)[number]['code'];

/** Outcomes that are not valid without a written reason. */
export const OUTCOMES_NEEDING_REASON: readonly RhiOutcome[] = ['not_attempted'];

/**
 * Reasons the child gives (push and pull factors). The list follows what the partnership's annual reports
 * say children most often give: boundaries, family conflict and parental relationships, siblings,
 * boyfriend or girlfriend, school, drugs and alcohol, mental health (seed 000 para 30, seed 004 para 13).
 */
export const PUSH_PULL_FACTORS = [
  { code: 'boundaries', label: 'Boundaries and rules at home or in placement' },
  { code: 'family_conflict', label: 'Conflict in the family, including with parents or carers' },
  { code: 'siblings', label: 'Relationships with brothers or sisters' },
  { code: 'relationships', label: 'A boyfriend, girlfriend or partner' },
  { code: 'school', label: 'School or education' },
  { code: 'drugs_alcohol', label: 'Drugs and alcohol' },
  { code: 'mental_health', label: 'Mental health and emotional wellbeing' },
  { code: 'peers', label: 'Friends and peer group' },
  { code: 'exploitation', label: 'Concerns about exploitation' },
  { code: 'see_family_friends', label: 'Wanting to see family or friends' },
  { code: 'placement', label: 'Placement issues' },
  { code: 'other', label: 'Other' },
] as const satisfies readonly CodeLabel[];
export type PushPullFactor = (typeof PUSH_PULL_FACTORS)[number]['code'];

/** Risks identified at the interview (issue 3; the main ones in seed 004 para 13 come first). */
export const RHI_RISKS = [
  { code: 'adults_posing_risk', label: 'Adults who may pose a risk' },
  { code: 'sexual_exploitation', label: 'Sexual exploitation' },
  { code: 'criminal_exploitation', label: 'Criminal exploitation' },
  { code: 'offending', label: 'Offending' },
  { code: 'substance_misuse', label: 'Substance misuse' },
  { code: 'mental_health', label: 'Mental health' },
  { code: 'self_harm', label: 'Self-harm' },
  { code: 'trafficking', label: 'Trafficking' },
  { code: 'online_harm', label: 'Online harm' },
  { code: 'other', label: 'Other' },
] as const satisfies readonly CodeLabel[];
export type RhiRisk = (typeof RHI_RISKS)[number]['code'];

export const RHI_OFFER_METHODS = [
  { code: 'in_person', label: 'In person' },
  { code: 'phone', label: 'Phone call' },
  { code: 'video', label: 'Video call' },
  { code: 'letter', label: 'Letter' },
  { code: 'text_message', label: 'Text message' },
] as const satisfies readonly CodeLabel[];
export type RhiOfferMethod = (typeof RHI_OFFER_METHODS)[number]['code'];

/** The label of a code in one of the lists above; undefined for a code not in it. */
export function labelFor(list: readonly CodeLabel[], code: string): string | undefined {
  return list.find((c) => c.code === code)?.label;
}

/** Narrows text (a form field, a database value) to a code of the list. */
export function isCode<C extends string>(list: readonly CodeLabel<C>[], code: string): code is C {
  return list.some((c) => c.code === code);
}

export type SsdYesNo = 'Y' | 'N' | 'NA' | null;

/** The facts about an incident's RHI the SSD values depend on; null when the incident has no RHI. */
export interface RhiForSsd {
  readonly outcome: RhiOutcome | null;
  readonly offeredAt: Date | null;
}

/**
 * SSD `miss_missing_rhi_offered` / `miss_missing_rhi_accepted` for one incident.
 * Source: uk-standards.md 3.1, ssd_missing MISS006A/MISS007A, `Y`/`N`/`NA`/NULL.
 *
 * | RHI                                  | offered       | accepted      |
 * | none recorded for the incident       | NULL          | NULL          |
 * | open, no outcome yet                 | Y if offered, else NULL | NULL |
 * | completed                            | Y             | Y             |
 * | declined by the child                | Y             | N             |
 * | missing again before the interview   | Y if offered, else NA | NA    |
 * | unable to contact, advice given,     | Y if offered  | N if offered  |
 * | not attempted                        | else N        | else NA       |
 *
 * NA means the question did not arise: no offer reached the child, so there was nothing to accept, or the
 * child went missing again first. NULL means not known yet.
 */
export function ssdRhiValues(rhi: RhiForSsd | null): { offered: SsdYesNo; accepted: SsdYesNo } {
  if (rhi === null) return { offered: null, accepted: null };
  const wasOffered = rhi.offeredAt !== null;
  switch (rhi.outcome) {
    case null:
      return { offered: wasOffered ? 'Y' : null, accepted: null };
    case 'completed':
      return { offered: 'Y', accepted: 'Y' };
    case 'declined':
      return { offered: 'Y', accepted: 'N' };
    case 'missing_again':
      return { offered: wasOffered ? 'Y' : 'NA', accepted: 'NA' };
    case 'unable_to_contact':
    case 'advice_given':
    case 'not_attempted':
      return wasOffered ? { offered: 'Y', accepted: 'N' } : { offered: 'N', accepted: 'NA' };
  }
}
