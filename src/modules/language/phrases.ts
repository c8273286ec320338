/**
 * The maintained list of phrases that imply a child is responsible for, or complicit in, their own abuse, with
 * suggested alternatives (sources.ts says where each comes from). A phrase's code is stable: the report counts
 * by it, so a phrase is reworded freely but never recoded. Patterns are matched case-insensitively with the
 * `giu` flags, here and in the browser (src/web/public/language-guide.js), so they must stay plain JavaScript
 * regular expressions; test/unit/language-phrases.test.ts holds the sentences each must and must not match.
 */
import type { LanguageGroup, LanguageSourceId } from './sources.ts';

export interface LanguagePhrase {
  code: string;
  /** A case-insensitive regular expression (source only), matched on word boundaries. */
  pattern: string;
  /** The phrase as the guide names it. */
  phrase: string;
  why: string;
  alternatives: string[];
  group: LanguageGroup;
  sources: LanguageSourceId[];
}

const CS: LanguageSourceId[] = ['childrens-society', 'cse-taskforce'];
const CL: LanguageSourceId[] = ['childrens-society', 'county-lines'];
const ALL: LanguageSourceId[] = ['childrens-society', 'cse-taskforce', 'working-together', 'partnership'];
/** Words that say what a child is, for patterns like "is a gang member". */
const IS = String.raw`(?:is|was|are|were|as|be|being|become|became|becoming)`;
/** Going, leaving or staying, for "went willingly". */
const WENT = String.raw`(?:went|goes|going|go|got|gets|getting|left|leaves|leaving|stayed|stays|staying|returned|returns)`;
const CHOSE_TO = String.raw`(?:go\s+missing|run|stay\s+out|associate|spend\s+time|be\s+with|go\s+with|get\s+involved|get\s+into)`;

export const LANGUAGE_PHRASES: readonly LanguagePhrase[] = [
  // Sexual exploitation and abuse.
  { code: 'sexually-active', group: 'sexual', sources: CS, phrase: 'sexually active (of a child who is being exploited)',
    pattern: String.raw`\bsexually\s+active\b`,
    why: 'It suggests sex is something the child chose. A child cannot consent to their own abuse or exploitation.',
    alternatives: ['is being sexually exploited', 'is being sexually abused by…', 'there are concerns that adults are sexually abusing the child'] },
  { code: 'prostitution', group: 'sexual', sources: CS, phrase: 'prostitute, prostituting, child prostitution',
    pattern: String.raw`\b(?:child\s+)?prostitut(?:e|es|ed|ing|ion)\b`,
    why: 'They describe a child who is being sexually abused as if it were work the child chose. A child cannot consent to their own abuse.',
    alternatives: ['is a victim of child sexual exploitation', 'is being sexually exploited by…', 'adults are paying to abuse the child'] },
  { code: 'sex-work', group: 'sexual', sources: CS, phrase: 'sex work, sex worker',
    pattern: String.raw`\bsex[-\s]?work(?:er|ers|ing)?\b`,
    why: 'It describes abuse as a job the child does. What is happening to them is sexual abuse and exploitation.',
    alternatives: ['is being sexually exploited', 'is being sexually abused by…'] },
  { code: 'exchanging-sex', group: 'sexual', sources: CS, phrase: 'exchanging, selling or trading sex (for money, drugs, somewhere to stay)',
    pattern: String.raw`\b(?:exchang(?:e|es|ed|ing)|trad(?:e|es|ed|ing)|sell(?:s|ing)?|sold|swap(?:s|ped|ping)?)\s+sex\b|\bsex\s+(?:in\s+exchange|for\s+(?:money|cash|drugs|gifts|alcohol|cigarettes|somewhere|a\s+place))`,
    why: 'It suggests a fair trade the child entered into. Giving a child something in return is part of how adults abuse and control them.',
    alternatives: ['is being sexually exploited', 'adults are giving the child (money, drugs, somewhere to stay) in order to sexually abuse them'] },
  { code: 'consented', group: 'sexual', sources: CS, phrase: 'consented, consensual',
    pattern: String.raw`\bconsensual(?:ly)?\b|\bconsent(?:s|ed|ing)?\s+to\s+(?:sex|sexual|intercourse|(?:have|having)\s+sex)\b|\b(?:he|she|they)\s+consented\b`,
    why: 'A child cannot consent to their own abuse. Grooming, fear and control are there even when a child appears to agree.',
    alternatives: ['was sexually abused', 'was groomed or coerced into…', 'the adult had power over the child because…'] },
  { code: 'promiscuous', group: 'sexual', sources: CS, phrase: 'promiscuous',
    pattern: String.raw`\bpromiscu(?:ous|ity)\b`,
    why: 'It judges the child and suggests they are responsible for sexual abuse done to them.',
    alternatives: ['is being sexually exploited', 'describe what has happened and who the child is at risk from'] },
  { code: 'boyfriend-girlfriend', group: 'sexual', sources: CS, phrase: 'boyfriend or girlfriend (of an adult, or of someone abusing the child)',
    pattern: String.raw`\b(?:boy|girl)friends?\b`,
    why: 'If the person is an adult, or is exploiting or abusing the child, it describes abuse as a relationship the child chose and hides a crime.',
    alternatives: ['the adult (aged …) who is abusing the child', 'a person who poses a risk to the child', 'the person exploiting the child'] },
  { code: 'relationship-with-adult', group: 'sexual', sources: CS, phrase: 'sexual relationship, in a relationship with an older or adult person',
    pattern: String.raw`\b(?:sexual|intimate)\s+relationships?\b|\brelationships?\s+with\s+(?:an?\s+)?(?:older|adult)\b`,
    why: 'An adult sexually abusing a child is not in a relationship with them.',
    alternatives: ['is being sexually abused by an adult', 'an adult is sexually exploiting the child'] },
  // Criminal exploitation and county lines.
  { code: 'drug-runner', group: 'criminal', sources: CL, phrase: 'drug runner, drug dealer, running drugs',
    pattern: String.raw`\b(?:drugs?|county[-\s]lines?)\s+(?:runners?|mules?)\b|\bdrug[-\s]running\b|\brunning\s+drugs\b|\b${IS}\s+(?:an?\s+)?drugs?\s+dealers?\b`,
    why: 'It describes the child by what adults make them do. A child moving or selling drugs for others is being criminally exploited.',
    alternatives: ['is being criminally exploited', 'adults are using the child to move or sell drugs', 'is a victim of county lines exploitation'] },
  { code: 'gang-member', group: 'criminal', sources: CL, phrase: 'gang member, gang-affiliated',
    pattern: String.raw`\b${IS}\s+(?:an?\s+)?(?:gang[-\s]?members?|members?\s+of\s+(?:a|the)\s+gang|in\s+a\s+gang)\b|\bgang[-\s](?:affiliated|involved)\b`,
    why: 'It labels the child as an offender who chose to join, not a child who may be groomed, threatened or controlled.',
    alternatives: ['is being criminally exploited by…', 'is at risk from a group involved in serious violence', 'is being groomed or controlled by…'] },
  { code: 'recruiting-others', group: 'criminal', sources: CL, phrase: 'recruiting other children',
    pattern: String.raw`\brecruit(?:s|ed|ing)?\s+(?:other\s+|younger\s+)?(?:children|young\s+people|peers|others|friends|pupils)\b`,
    why: 'Children who draw others in are usually being used by the people exploiting them, and may be under threat themselves.',
    alternatives: ['may be being used to involve other children', 'adults may be using the child to draw in others'] },
  { code: 'money-mule', group: 'criminal', sources: ['cse-taskforce'], phrase: 'money mule',
    pattern: String.raw`\bmoney\s+mul(?:e|es|ing)\b`,
    why: 'It suggests the child is a willing part of financial crime, when adults are using their bank account and exploiting them.',
    alternatives: ['is being financially exploited', 'adults are using the child’s bank account to move money'] },
  { code: 'involved-in-exploitation', group: 'criminal', sources: CS, phrase: 'involved in CSE, CCE or county lines',
    pattern: String.raw`\binvolve(?:d|ment)\s+in\s+(?:cse|cce|child\s+(?:sexual|criminal)\s+exploitation|(?:sexual|criminal)\s+exploitation|county\s+lines|exploitation)\b`,
    why: 'It suggests the child is taking part in exploitation rather than being a victim of it.',
    alternatives: ['is a victim of sexual exploitation', 'is being criminally exploited', 'is being exploited through county lines'] },
  { code: 'engaging-in', group: 'criminal', sources: CS, phrase: 'engaging in (sexual or criminal activity)',
    pattern: String.raw`\bengag(?:e|es|ed|ing)\s+in\s+(?:sexual|sex|criminal|crime|offending|drug|county\s+lines|anti-?social|risky)\b`,
    why: 'It suggests the child is taking part by choice in what adults are doing to them or making them do.',
    alternatives: ['is being sexually abused or exploited', 'is being made to…', 'is being criminally exploited'] },
  // Going missing.
  { code: 'absconded', group: 'missing', sources: ['childrens-society', 'partnership'], phrase: 'absconded, absconder',
    pattern: String.raw`\babscond(?:s|ed|ing|er|ers)?\b`,
    why: 'It sounds like an escape from custody and puts the focus on the child’s behaviour rather than the risk to them.',
    alternatives: ['went missing', 'has been missing from home or care since…', 'left … and has not come back'] },
  { code: 'runaway', group: 'missing', sources: ['childrens-society', 'partnership'], phrase: 'runaway',
    pattern: String.raw`\brun-?aways?\b`,
    why: 'It labels the child by what they did, not by why they left or the risk they face while missing.',
    alternatives: ['a child who has gone missing', 'went missing from…'] },
  { code: 'putting-themselves-at-risk', group: 'missing', sources: ALL, phrase: 'putting themselves at risk',
    pattern: String.raw`\b(?:put|puts|putting|plac(?:e|es|ed|ing))\s+(?:themselves|themself|himself|herself)\s+(?:at|in)\s+(?:risk|danger|harm)\b`,
    why: 'It suggests the child is responsible for the risk that other people pose to them.',
    alternatives: ['is at risk from…', 'may be at risk of exploitation by…', 'is being exploited by…'] },
  // Choice, behaviour and the people a child is with.
  { code: 'risky-behaviour', group: 'choice', sources: ALL, phrase: 'risky behaviour, risk-taking behaviour',
    pattern: String.raw`\b(?:risky|risk[-\s]taking|high[-\s]risk)\s+behaviou?rs?\b`,
    why: 'It puts the focus on the child’s actions rather than on the people who harm or exploit them.',
    alternatives: ['is at risk of harm from…', 'describe what is happening to the child and who poses the risk'] },
  { code: 'lifestyle-choice', group: 'choice', sources: ALL, phrase: 'lifestyle choice, choosing this lifestyle, risky lifestyle',
    pattern: String.raw`\b(?:risky|chaotic|criminal|street|party|gang)\s+lifestyles?\b|\blifestyle\s+choices?\b|\b(?:choos(?:e|es|ing)|chose|chosen)\s+(?:this|that|a|the|their|his|her)\s+(?:\w+\s+)?lifestyle\b`,
    why: 'It suggests the child has chosen to be abused or exploited. Children do not choose exploitation.',
    alternatives: ['is being exploited', 'is being groomed, coerced or controlled by…', 'may feel trapped by…'] },
  { code: 'making-choices', group: 'choice', sources: ALL, phrase: 'making (poor) choices, choosing to',
    pattern: String.raw`\b(?:mak(?:e|es|ing)|made)\s+(?:poor|bad|wrong|unwise|risky|negative|unsafe)\s+(?:choices?|decisions?)\b|\b(?:is|are|was|were)\s+making\s+(?:(?:their|his|her)\s+own\s+)?choices\b|\b(?:choos(?:es|ing)|chose)\s+to\s+${CHOSE_TO}\b`,
    why: 'It suggests the child is free to choose, and so to blame, when they may be groomed, threatened or controlled.',
    alternatives: ['is being groomed or coerced into…', 'has limited ability to keep themselves safe because…', 'adults are exploiting the child by…'] },
  { code: 'streetwise', group: 'choice', sources: CS, phrase: 'streetwise',
    pattern: String.raw`\bstreet[-\s]?wise\b`,
    why: 'It suggests the child can look after themselves and needs less protection. Children who seem worldly are still children.',
    alternatives: ['has been exposed to…', 'is at risk of harm from…', 'has had to learn to survive because…'] },
  { code: 'hanging-around-with', group: 'choice', sources: CS, phrase: 'hanging around with',
    pattern: String.raw`\b(?:hang(?:s|ing|ed)?|hung)\s+(?:a?round|about|out)\s+with\b`,
    why: 'It suggests the child has picked, and is to blame for, the company of people who may be exploiting them.',
    alternatives: ['is being targeted by…', 'has been seen with adults who pose a risk to them', 'is being groomed by…'] },
  { code: 'associating-with', group: 'choice', sources: CS, phrase: 'associating with (older males, known offenders)',
    pattern: String.raw`\bassociat(?:es|ing)\s+with\b`,
    why: 'It suggests the child has chosen the people who may be exploiting them.',
    alternatives: ['is being targeted by…', 'has been seen with adults who pose a risk to them'] },
  { code: 'went-willingly', group: 'choice', sources: CS, phrase: 'went willingly',
    pattern: String.raw`\b${WENT}\s+(?:(?:with|to)\s+\w+\s+)?willingly\b|\bwillingly\s+${WENT}\b`,
    why: 'It suggests the child agreed to harm done to them. Grooming, threats and debt can make a child appear willing.',
    alternatives: ['went with … (describe any grooming, threats, debt or control)', 'was groomed or coerced into going with…'] },
  { code: 'manipulative', group: 'choice', sources: CS, phrase: 'manipulative',
    pattern: String.raw`\bmanipulative(?:ly)?\b`,
    why: 'It blames the child for behaviour that is often a way of coping with, or surviving, abuse.',
    alternatives: ['describe what the child did and what may be behind it', 'is trying to meet a need by…'] },
  { code: 'attention-seeking', group: 'choice', sources: CS, phrase: 'attention-seeking',
    pattern: String.raw`\battention[-\s]seek(?:ing|er|ers)\b`,
    why: 'It dismisses what the child is showing you. A child seeking attention is usually seeking help or connection.',
    alternatives: ['is seeking help or connection', 'describe what the child did and what they may need'] },
  // Working with children.
  { code: 'not-engaging', group: 'services', sources: ALL, phrase: 'not engaging, refuses to engage, non-engagement',
    pattern: String.raw`\b(?:not|non|never)[-\s]+engag(?:e|es|ed|ing|ement)\b|\b(?:refus(?:e|es|ed|ing)|fail(?:s|ed|ing)?|unwilling|reluctant)\s+to\s+engage\b|\b(?:isn|wasn|won|doesn|didn)['’]t\s+engag(?:e|es|ed|ing)\b`,
    why: 'It puts the work of building trust on the child. Exploited children are often afraid or controlled, and services may not yet fit them.',
    alternatives: ['we have not yet found a way to work with the child', 'describe the barriers: fear, control by others, the times and places offered', 'the child has told us that…'] },
  { code: 'non-compliant', group: 'services', sources: CS, phrase: 'non-compliant',
    pattern: String.raw`\bnon[-\s]?complian(?:t|ce)\b`,
    why: 'It suggests the child is defying rules rather than reacting to trauma, fear or control by others.',
    alternatives: ['describe what was asked, what happened and what may have got in the way'] },
  { code: 'hard-to-reach', group: 'services', sources: CS, phrase: 'hard to reach',
    pattern: String.raw`\bhard[-\s]to[-\s]reach\b`,
    why: 'It places the difficulty with the child rather than with how services reach them.',
    alternatives: ['services have not yet found a way to reach…', 'describe what has been tried and what got in the way'] },
  { code: 'known-to', group: 'services', sources: CS, phrase: '“known to” (the police, services)',
    pattern: String.raw`(?<!\bnot\s)\b(?:well[-\s])?known\s+to\s+(?:the\s+)?(?:police|services|social\s+(?:care|services)|children['’]s\s+services|youth\s+(?:justice|offending)|yot|yjs|agencies|professionals)\b`,
    why: 'It says nothing about why, and can suggest the child is an offender when they have been a victim or a missing child.',
    alternatives: ['say how: “has been reported missing to the police four times since…”', '“has been the victim of…”', '“has been supported by … since…”'] },
];
