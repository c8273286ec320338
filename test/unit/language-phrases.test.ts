/**
 * The language guide's phrases: each finds the ways professionals write it (inflections, capitals, spellings),
 * ordinary safeguarding sentences find nothing, and the guide's own advice never uses a phrase it advises on.
 */
import { describe, expect, it } from 'vitest';
import { adviseOn } from '../../src/modules/language/advice.ts';
import { LANGUAGE_PHRASES } from '../../src/modules/language/phrases.ts';
import { LANGUAGE_GROUPS, LANGUAGE_SOURCES } from '../../src/modules/language/sources.ts';

const codesIn = (text: string) => [...new Set(adviseOn(text).map((a) => a.phrase.code))];

const POSITIVES: [string, string][] = [
  ['She is putting herself at risk by going to the flat.', 'putting-themselves-at-risk'],
  ['He puts himself at risk most weekends.', 'putting-themselves-at-risk'],
  ['They put themselves in danger when they leave at night.', 'putting-themselves-at-risk'],
  ['The child placed herself at risk.', 'putting-themselves-at-risk'],
  ['PUTTING THEMSELVES AT RISK', 'putting-themselves-at-risk'],
  ['She is sexually active with an older male.', 'sexually-active'],
  ['Concerns she is prostituting herself.', 'prostitution'],
  ['Described by police as a child prostitute.', 'prostitution'],
  ['Possible involvement in prostitution.', 'prostitution'],
  ['He may be doing sex work.', 'sex-work'],
  ['She is exchanging sex for somewhere to stay.', 'exchanging-sex'],
  ['Has been trading sex for cannabis.', 'exchanging-sex'],
  ['Sex for money has been mentioned.', 'exchanging-sex'],
  ['The relationship appeared consensual.', 'consented'],
  ['She consented to sex with him.', 'consented'],
  ['She said she consented.', 'consented'],
  ['Staff describe her as promiscuous.', 'promiscuous'],
  ['She was with her boyfriend, who is 24.', 'boyfriend-girlfriend'],
  ['Stayed at her older boyfriends’ flat.', 'boyfriend-girlfriend'],
  ['His girlfriend (aged 30) collected him.', 'boyfriend-girlfriend'],
  ['She is in a relationship with an older male.', 'relationship-with-adult'],
  ['A sexual relationship with a 19-year-old.', 'relationship-with-adult'],
  ['He is a drug runner for a county line.', 'drug-runner'],
  ['Known as a county lines runner.', 'drug-runner'],
  ['He was caught running drugs to the coast.', 'drug-runner'],
  ['He is a drug dealer in the town centre.', 'drug-runner'],
  ['He has become a gang member.', 'gang-member'],
  ['Police say he is in a gang.', 'gang-member'],
  ['A gang-affiliated young person.', 'gang-member'],
  ['He is recruiting other children at school.', 'recruiting-others'],
  ['She recruited younger pupils.', 'recruiting-others'],
  ['Used as a money mule.', 'money-mule'],
  ['Involved in CSE since last year.', 'involved-in-exploitation'],
  ['His involvement in county lines.', 'involved-in-exploitation'],
  ['Is engaging in sexual activity with adults.', 'engaging-in'],
  ['Engaged in criminal activity.', 'engaging-in'],
  ['The child absconded from the placement.', 'absconded'],
  ['A persistent absconder.', 'absconded'],
  ['Absconding again overnight.', 'absconded'],
  ['A known runaway.', 'runaway'],
  ['Run-away episodes.', 'runaway'],
  ['Her risky behaviour continues.', 'risky-behaviour'],
  ['Risk-taking behaviours at weekends.', 'risky-behaviour'],
  ['High risk behaviour online.', 'risky-behaviour'],
  ['It is a lifestyle choice.', 'lifestyle-choice'],
  ['He is choosing this lifestyle.', 'lifestyle-choice'],
  ['She chose this criminal lifestyle.', 'lifestyle-choice'],
  ['A chaotic lifestyle.', 'lifestyle-choice'],
  ['She is making poor choices.', 'making-choices'],
  ['He made bad decisions about who to trust.', 'making-choices'],
  ['She is making her own choices.', 'making-choices'],
  ['He chooses to go missing.', 'making-choices'],
  ['She chose to stay out overnight.', 'making-choices'],
  ['He is very streetwise.', 'streetwise'],
  ['Street-wise for her age.', 'streetwise'],
  ['She hangs around with older males.', 'hanging-around-with'],
  ['He has been hanging out with adults.', 'hanging-around-with'],
  ['Hung around with a group in the park.', 'hanging-around-with'],
  ['He associates with known offenders.', 'associating-with'],
  ['Associating with older males.', 'associating-with'],
  ['She went willingly.', 'went-willingly'],
  ['He went with them willingly.', 'went-willingly'],
  ['She willingly returned to the address.', 'went-willingly'],
  ['She can be manipulative.', 'manipulative'],
  ['Attention-seeking behaviour.', 'attention-seeking'],
  ['He is an attention seeker.', 'attention-seeking'],
  ['She is not engaging with services.', 'not-engaging'],
  ['Non-engagement with the plan.', 'not-engaging'],
  ['He refuses to engage.', 'not-engaging'],
  ['She didn’t engage with the worker.', 'not-engaging'],
  ['Did not engage with the interview.', 'not-engaging'],
  ['Non-compliant with the curfew.', 'non-compliant'],
  ['Noncompliance with placement rules.', 'non-compliant'],
  ['A hard to reach young person.', 'hard-to-reach'],
  ['He is known to police.', 'known-to'],
  ['She is well known to the police.', 'known-to'],
  ['Known to Youth Justice.', 'known-to'],
  ['Known to children’s services since 2020.', 'known-to'],
];

/** Ordinary sentences from safeguarding records: no phrase of the guide is in them. */
const NEUTRAL = [
  'The child is at risk from adults who are exploiting her.',
  'She may be at risk of exploitation by older males.',
  'He is at risk of harm from the people who run the county line.',
  'Mum gave consent for the referral to the exploitation team.',
  'Consent to share information was given by the child.',
  'The child was supported to make choices about her college course.',
  'Professionals made decisions about the plan together.',
  'The child went missing from her placement on Friday and returned on Saturday.',
  'He returned home and was seen by the return interview worker.',
  'Social care is working with the family to keep him safe.',
  'The risks associated with the address were shared at the meeting.',
  'Adults at the address were arrested for supplying drugs.',
  'She is not known to the police.',
  'The worker engaged the child in a conversation about school.',
  'He is engaged in education and attends college daily.',
  'The gang targeted him on the way home from school.',
  'A referral was made to the National Referral Mechanism.',
  'Officers found her at a friend’s house.',
  'She told us she was frightened to say no.',
  'The meeting agreed to put a safety plan in place.',
  'She was placed in a foster placement near her school.',
  'The child was found at an address used by adults who sell drugs.',
  'He put his phone on the table and talked about his week.',
  'She is a friend of the family.',
  'The plan will be reviewed at the next panel.',
  'He ran away from the men who were chasing him.',
  'The police are investigating the adults who groomed her.',
  'She chose to talk to the worker at school rather than at home.',
  'Disruption activity at the hotel is ongoing.',
];

describe('the language guide’s phrases', () => {
  it('are 20 to 30, each with a stable unique code, a reason, alternatives, a section and a known source', () => {
    expect(LANGUAGE_PHRASES.length).toBeGreaterThanOrEqual(20);
    expect(LANGUAGE_PHRASES.length).toBeLessThanOrEqual(30);
    expect(new Set(LANGUAGE_PHRASES.map((p) => p.code)).size).toBe(LANGUAGE_PHRASES.length);
    for (const p of LANGUAGE_PHRASES) {
      expect(p.code).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(() => new RegExp(p.pattern, 'giu')).not.toThrow();
      expect(p.why.length).toBeGreaterThan(20);
      expect(p.alternatives.length).toBeGreaterThan(0);
      expect(Object.keys(LANGUAGE_GROUPS)).toContain(p.group);
      for (const s of p.sources) expect(Object.keys(LANGUAGE_SOURCES)).toContain(s);
    }
  });

  it.each(POSITIVES)('finds “%s” as %s', (sentence, code) => {
    expect(codesIn(sentence)).toContain(code);
  });

  it('has a sentence above for every phrase, so none goes untested', () => {
    const tested = new Set(POSITIVES.map(([, code]) => code));
    expect(LANGUAGE_PHRASES.map((p) => p.code).filter((c) => !tested.has(c))).toEqual([]);
  });

  it.each(NEUTRAL)('finds nothing in “%s”', (sentence) => {
    expect(adviseOn(sentence)).toEqual([]);
  });

  it('gives the words as written and where, in the order they appear', () => {
    const found = adviseOn('Absconded on Friday; she is Putting Herself At Risk with her boyfriend.');
    expect(found.map((f) => [f.phrase.code, f.matched])).toEqual([
      ['absconded', 'Absconded'], ['putting-themselves-at-risk', 'Putting Herself At Risk'], ['boyfriend-girlfriend', 'boyfriend'],
    ]);
    expect(found[1]?.index).toBe(28);
    expect(adviseOn('absconded, then absconded again').length).toBe(2);
  });

  it('finds nothing in empty text', () => {
    expect(adviseOn('')).toEqual([]);
    expect(adviseOn(null)).toEqual([]);
    expect(adviseOn(undefined)).toEqual([]);
  });

  it('never uses, in its own reasons and alternatives, a phrase it advises on', () => {
    for (const p of LANGUAGE_PHRASES) {
      expect([p.code, codesIn(p.why)]).toEqual([p.code, []]);
      for (const a of p.alternatives) expect([p.code, a, codesIn(a)]).toEqual([p.code, a, []]);
    }
  });
});
