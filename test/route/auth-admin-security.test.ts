/**
 * The authority's sign-in security page: only an administrator may require two-step verification or reset a
 * person's app; the change is audited, holds for their own authority only, and never touches API keys.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditEvents, userMfa } from '../../src/db/schema.ts';
import { ROLES } from '../../src/modules/access/actor.ts';
import { mfaRequiredFor } from '../../src/modules/users/mfa-settings.service.ts';
import { createApiKey } from '../../src/modules/users/api-keys.service.ts';
import { errorSummary, titleOf, visibleText } from '../fixtures/html.ts';
import { notificationCells, notificationJson } from '../fixtures/notifications.ts';
import { policeAgencyId } from '../fixtures/records.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { enrolMfa, newUser, PASSWORD, StepClock } from './mfa-support.ts';

describeEachDatabase('the authority’s sign-in security settings', (use) => {
  let app: FastifyInstance;
  let admin: Agent;
  const clock = new StepClock();
  const required = (authority: string) => use().read((q) => mfaRequiredFor(q, authority));

  beforeAll(async () => {
    app = await buildTestApp(use(), clock.now);
    admin = await new Agent(app).signIn('admin');
  });
  afterAll(() => app.close());

  it('is for administrators only: every other role is refused the page and the change', async () => {
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const agent = await new Agent(app).signIn(role);
      const page = await agent.get('/admin/security');
      expect([role, page.statusCode, titleOf(page.body)]).toEqual([role, 403, 'You do not have permission to see this – Homeward']);
      // The 403 page carries a valid form token (its sign-out form), so the refusals below are the role check.
      expect((await agent.post('/admin/security', { mfaRequired: 'yes' })).statusCode).toBe(403);
      await agent.get('/admin/security');
      expect((await agent.post('/admin/security/mfa-reset', { email: 'anyone@county.example' })).statusCode).toBe(403);
    }
    expect(await required('891')).toBe(false);
  });

  it('lets the administrator require it for their own authority, audited, and turn it off again', async () => {
    const page = await admin.get('/admin/security');
    expect(page.statusCode).toBe(200);
    expect(visibleText(page.body)).toMatch(/\d+ of \d+ people in your authority have set up two-step verification/);
    const on = await admin.post('/admin/security', { mfaRequired: 'yes' });
    expect(on.headers.location).toBe('/admin/security');
    expect(visibleText((await admin.get('/admin/security')).body)).toContain('Two-step verification is now required at sign-in.');
    expect([await required('891'), await required('892')]).toEqual([true, false]);
    const audit = await use().read((q) => q.select().from(auditEvents).where(eq(auditEvents.action, 'authority.mfa-required-changed')));
    expect(audit.map((a) => [a.authorityCode, a.details?.mfaRequired])).toEqual([['891', true]]);

    await admin.post('/admin/security', { mfaRequired: 'no' });
    expect(await required('891')).toBe(false);
  });

  it('asks for a choice when none is sent', async () => {
    await admin.get('/admin/security');
    const res = await admin.post('/admin/security', {});
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([['#mfaRequired', 'Select whether two-step verification is required']]);
  });

  it('leaves API keys alone: a police system keeps sending notifications when people must use a second factor', async () => {
    await admin.get('/admin/security');
    await admin.post('/admin/security', { mfaRequired: 'yes' });
    const { key } = await createApiKey(use(), null, { authorityCode: '891', agencyId: await policeAgencyId(use()), name: 'Control room system' });
    const res = await app.inject({ method: 'POST', url: '/api/v1/missing-notifications', headers: { authorization: `Bearer ${key}` }, payload: notificationJson(notificationCells()) });
    expect(res.statusCode).toBe(201);
    await admin.post('/admin/security', { mfaRequired: 'no' });
  });

  it('resets the app of a person in the authority who lost it, so they sign in with their password again', async () => {
    const user = await newUser(use());
    await enrolMfa(use(), user.id, clock.now());
    await admin.get('/admin/security');
    const res = await admin.post('/admin/security/mfa-reset', { email: user.email.toUpperCase() });
    expect(res.headers.location).toBe('/admin/security');
    expect(await use().read((q) => q.select().from(userMfa).where(eq(userMfa.userId, user.id)))).toEqual([]);
    const agent = new Agent(app);
    await agent.get('/sign-in');
    expect((await agent.post('/sign-in', { email: user.email, password: PASSWORD })).headers.location).toBe('/');
    const audit = await use().read((q) => q.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id)));
    expect(audit.map((a) => a.action)).toContain('mfa.reset');

    const elsewhere = await newUser(use(), { authorityCode: '892' });
    await enrolMfa(use(), elsewhere.id, clock.now());
    await admin.get('/admin/security');
    const refused = await admin.post('/admin/security/mfa-reset', { email: elsewhere.email });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([['#email', 'There is no user with that e-mail address in your authority']]);
    expect(await use().read((q) => q.select().from(userMfa).where(eq(userMfa.userId, elsewhere.id)))).toHaveLength(1);
  });
});
