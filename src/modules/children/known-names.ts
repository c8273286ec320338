/** Other names a child is known by: kept when two records are confirmed to be one child, or added by hand. */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/database.ts';
import { childKnownNames } from '../../db/schema.ts';
import { normaliseName } from './child-matching.ts';

export async function recordKnownName(
  tx: Tx,
  name: { authorityCode: string; childId: string; forename: string; surname: string; dateOfBirth: string; source: string },
): Promise<void> {
  await tx
    .insert(childKnownNames)
    .values({ id: randomUUID(), ...name, forenameNorm: normaliseName(name.forename), surnameNorm: normaliseName(name.surname) })
    .onConflictDoNothing();
}
