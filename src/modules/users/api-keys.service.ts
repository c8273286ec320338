/** Per-agency API keys for the police system: shown once, stored as a hash, revocable. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { agencies, apiKeys } from '../../db/schema.ts';
import type { Actor, AgencyKind } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { NotFound, ValidationFailed } from '../errors.ts';

// A key is long and random, so a fast hash is enough: there is nothing to guess that a slow hash would protect.
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export async function createApiKey(db: Database, actor: Actor | null, input: { authorityCode: string; agencyId: string; name: string }): Promise<{ id: string; key: string }> {
  if (actor) assertCan(actor, 'api-key:manage');
  if (!input.name.trim()) throw new ValidationFailed([{ field: 'name', message: 'Enter a name for the key, like "Control room system"' }]);
  const key = `hw_${randomBytes(24).toString('base64url')}`;
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const [agency] = await tx.select().from(agencies).where(and(eq(agencies.id, input.agencyId), eq(agencies.authorityCode, input.authorityCode)));
    // Only police systems send notifications by API today; other agencies' keys wait for a use.
    if (!agency || agency.kind !== 'police') throw new ValidationFailed([{ field: 'agencyId', message: 'Select the police force the key is for' }]);
    await tx.insert(apiKeys).values({ id, agencyId: agency.id, authorityCode: input.authorityCode, name: input.name.trim(), prefix: key.slice(0, 10), keyHash: hashKey(key), createdBy: actor?.kind === 'user' ? actor.id : null });
    if (actor) await writeAudit(tx, actor, { action: 'api-key.created', subjectType: 'api_key', subjectId: id });
  });
  return { id, key };
}

export async function revokeApiKey(db: Database, actor: Actor, id: string): Promise<void> {
  assertCan(actor, 'api-key:manage');
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.authorityCode, actor.authorityCode)));
    if (!row) throw new NotFound('There is no such API key');
    // Revoking twice keeps the first revocation's time and person.
    if (row.revokedAt) return;
    await tx.update(apiKeys).set({ revokedAt: new Date(), revokedBy: actor.id }).where(eq(apiKeys.id, id));
    await writeAudit(tx, actor, { action: 'api-key.revoked', subjectType: 'api_key', subjectId: id });
  });
}

export async function listApiKeys(db: Database, actor: Actor) {
  assertCan(actor, 'api-key:manage');
  return db.read((q) =>
    q
      .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt, agencyName: agencies.name })
      .from(apiKeys)
      .innerJoin(agencies, eq(agencies.id, apiKeys.agencyId))
      .where(eq(apiKeys.authorityCode, actor.authorityCode))
      .orderBy(desc(apiKeys.createdAt)),
  );
}

/** The authority's police forces: the agencies a key can be made for. */
export async function listPoliceAgencies(db: Database, actor: Actor) {
  assertCan(actor, 'api-key:manage');
  return db.read((q) =>
    q.select({ id: agencies.id, name: agencies.name }).from(agencies)
      .where(and(eq(agencies.authorityCode, actor.authorityCode), eq(agencies.kind, 'police')))
      .orderBy(agencies.name),
  );
}

/** The agency actor for a presented key, or null for an unknown or revoked key. */
export async function actorForApiKey(db: Database, key: string, correlationId: string): Promise<Actor | null> {
  const [row] = await db.read((q) =>
    q
      .select({ key: apiKeys, agency: agencies })
      .from(apiKeys)
      .innerJoin(agencies, eq(agencies.id, apiKeys.agencyId))
      .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt))),
  );
  if (!row || row.agency.kind !== 'police') return null;
  return {
    kind: 'api_key',
    id: row.key.id,
    role: 'police',
    authorityCode: row.key.authorityCode,
    agencyId: row.agency.id,
    agencyKind: row.agency.kind as AgencyKind,
    displayName: `${row.agency.name} (${row.key.name})`,
    correlationId,
  };
}
