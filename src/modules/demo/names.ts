import type { Random } from './random.ts';

/*
 * Generic, common British given names and surnames, combined at random. Demo data must never use real
 * people's names: the names of staff quoted in the seed reports (and their surnames) are deliberately absent.
 */

const MALE_FORENAMES = [
  'Oliver', 'Jack', 'Harry', 'George', 'Charlie', 'Jacob', 'Thomas', 'Noah', 'Alfie', 'Oscar',
  'James', 'William', 'Leo', 'Joshua', 'Freddie', 'Archie', 'Ethan', 'Isaac', 'Riley', 'Joseph',
  'Mason', 'Lewis', 'Logan', 'Dylan', 'Callum', 'Kieran', 'Liam', 'Connor', 'Tyler', 'Ryan',
  'Ben', 'Max', 'Finley', 'Reuben', 'Theo', 'Luke', 'Aaron', 'Kai', 'Jayden', 'Bradley',
  'Harvey', 'Louis', 'Samuel', 'Adam', 'Zain', 'Mohammed', 'Kacper', 'Owen', 'Jamie', 'Corey',
] as const;

const FEMALE_FORENAMES = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophie', 'Grace', 'Mia', 'Poppy', 'Ella',
  'Lily', 'Evie', 'Isabella', 'Sophia', 'Jessica', 'Chloe', 'Ruby', 'Millie', 'Daisy', 'Freya',
  'Holly', 'Megan', 'Lauren', 'Ellie', 'Amber', 'Erin', 'Phoebe', 'Scarlett', 'Leah', 'Maisie',
  'Abigail', 'Katie', 'Courtney', 'Jade', 'Paige', 'Niamh', 'Zara', 'Aisha', 'Layla', 'Keira',
  'Molly', 'Summer', 'Tia', 'Kayla', 'Bethany', 'Demi', 'Maya', 'Zuzanna', 'Imogen', 'Caitlin',
] as const;

const SURNAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Davies', 'Robinson', 'Wright', 'Thompson',
  'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Hughes', 'Lewis',
  'Turner', 'Hill', 'Moore', 'Cooper', 'Ward', 'Morris', 'King', 'Watson', 'Baker', 'Harris',
  'Clark', 'Martin', 'Allen', 'Scott', 'Young', 'Mitchell', 'Carter', 'Phillips', 'Patel', 'Khan',
  'Ali', 'Shaw', 'Lloyd', 'Holmes', 'Bennett', 'Marshall', 'Chapman', 'Mills', 'Atkinson', 'Simpson',
  'Webb', 'Ellis', 'Dixon', 'Barker', 'Kaur', 'Singh', 'Begum', 'Fletcher', 'Parker', 'Bailey',
  'Murphy', 'Kelly', 'Reid', 'Hunt', 'Knight', 'Palmer', 'Rogers', 'Gray', 'Stevens', 'Pearson',
  'Foster', 'Cox', 'Richards', 'Butler', 'Russell', 'Ahmed', 'Hussain', 'Nowak', 'Kowalski', 'Okafor',
  'Mensah', 'Campbell', 'Stewart', 'Booth', 'Lowe', 'Riley', 'Spencer', 'Hudson', 'Stone', 'Burton',
] as const;

/** A forename for the given sex; either list when sex is not known. */
export function randomForename(rng: Random, sex: 'male' | 'female' | null): string {
  if (sex === 'male') return rng.pick(MALE_FORENAMES);
  if (sex === 'female') return rng.pick(FEMALE_FORENAMES);
  return rng.pick(rng.chance(0.5) ? MALE_FORENAMES : FEMALE_FORENAMES);
}

/** A surname. */
export function randomSurname(rng: Random): string {
  return rng.pick(SURNAMES);
}

/** The surname with exactly one letter (never the first) replaced, as a mistyped police record would be. */
export function withOneLetterTypo(rng: Random, surname: string): string {
  const position = rng.int(1, Math.max(1, surname.length - 1));
  const original = surname.charAt(position).toLowerCase();
  const letters = 'abcdefghijklmnopqrstuvwxyz'.replace(original, '');
  const replacement = letters.charAt(rng.int(0, letters.length - 1));
  return surname.slice(0, position) + replacement + surname.slice(position + 1);
}
