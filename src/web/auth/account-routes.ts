/**
 * A person's own sign-in security: whether two-step verification is on, setting up an authenticator app (also
 * the step a person must take before anything else when their authority requires it), new recovery codes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../modules/access/actor.ts';
import { Forbidden, ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import type { SecretBox } from '../../modules/users/mfa-secret.ts';
import { groupedSecret, totpUri } from '../../modules/users/mfa-totp.ts';
import { beginSetup, confirmSetup, mfaStatus, regenerateRecoveryCodes } from '../../modules/users/mfa.service.ts';
import { actorForUser } from '../../modules/users/users.service.ts';
import { formLocals, postedText } from '../incidents/form.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { completeSignIn, pendingOf, type PendingSignIn } from './sign-in-flow.ts';

/** The signed-in person, or one who gave their password and must set up an app before going further. */
async function accountHolder(request: FastifyRequest, db: Database): Promise<{ actor: Actor; pending: PendingSignIn | null }> {
  if (request.actor) return { actor: request.actor, pending: null };
  const pending = pendingOf(request);
  const actor = pending?.need === 'setup' ? await actorForUser(db, pending.userId, request.id) : null;
  if (!actor || !pending) throw new Forbidden('Sign in to continue');
  return { actor, pending };
}

interface SetupPage {
  db: Database;
  box: SecretBox;
  reply: FastifyReply;
  request: FastifyRequest;
  actor: Actor;
  problems?: FieldProblem[];
}

/** The setup page: the same secret until it is confirmed, so a reload does not undo a scan already made. */
async function renderSetup({ db, box, reply, request, actor, problems = [] }: SetupPage): Promise<FastifyReply> {
  let secret = request.session.mfaSetup ? box.open(request.session.mfaSetup, actor.id) : null;
  if (!secret) {
    request.session.mfaSetup = beginSetup(box, actor);
    secret = box.open(request.session.mfaSetup, actor.id) ?? '';
  }
  const status = await mfaStatus(db, actor);
  const qrCode = await QRCode.toDataURL(totpUri(secret, status.accountName), { errorCorrectionLevel: 'M', margin: 2, width: 220 });
  return reply.code(problems.length ? 400 : 200).view('auth/mfa-setup.njk', {
    title: 'Set up two-step verification', qrCode, secret: groupedSecret(secret), status, signingIn: !request.actor, ...formLocals(reply, problems),
  });
}

export function registerAccountRoutes(app: FastifyInstance, { db, now }: RouteDeps, box: SecretBox): void {
  app.get(urls.accountSecurity, async (request, reply) => {
    const status = await mfaStatus(db, requireActor(request));
    return reply.view('auth/account-security.njk', { title: 'Your sign-in security', status });
  });

  app.get(urls.mfaSetup, async (request, reply) => renderSetup({ db, box, reply, request, actor: (await accountHolder(request, db)).actor }));

  app.post(urls.mfaSetup, { preHandler: app.csrfProtection }, async (request, reply) => {
    const { actor, pending } = await accountHolder(request, db);
    const sealed = request.session.mfaSetup;
    if (!sealed) return reply.redirect(urls.mfaSetup);
    let codes: string[];
    try {
      codes = await confirmSetup(db, box, actor, { sealed, code: postedText(request, ['code'] as const).code }, now());
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      return renderSetup({ db, box, reply, request, actor, problems: error.problems });
    }
    request.session.mfaSetup = undefined;
    // Setting up the app was the last step of signing in: the person is in now, under a new session id.
    const next = pending ? await completeSignIn(request, actor.id) : urls.accountSecurity;
    return reply.view('auth/recovery-codes.njk', { title: 'Save your recovery codes', codes, next, justSetUp: true });
  });

  app.post(urls.mfaRecoveryCodes, { preHandler: app.csrfProtection }, async (request, reply) => {
    const codes = await regenerateRecoveryCodes(db, requireActor(request), now());
    // Shown in answer to the POST only, never stored: reloading will not show them again.
    return reply.view('auth/recovery-codes.njk', { title: 'Save your new recovery codes', codes, next: urls.accountSecurity, justSetUp: false });
  });
}
