/** Recording police notifications by hand (the GOV.UK form) and by uploading a CSV file. */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { importNotificationFile } from '../../modules/missing/csv-import.service.ts';
import { recordMissingNotification } from '../../modules/missing/intake.service.ts';
import { NOTIFICATION_COLUMNS, parseNotification } from '../../modules/missing/notification-parse.ts';
import { RISK_GRADES } from '../../modules/missing/notification.ts';
import { assertCan } from '../../modules/access/policy.ts';
import { Conflict } from '../../modules/errors.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { requireActor } from '../require-actor.ts';
import { formErrors } from './form-messages.ts';

const FORM_VIEW = 'notifications/new.njk';

function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const column of NOTIFICATION_COLUMNS) {
      const v = (body as Record<string, unknown>)[column];
      if (typeof v === 'string') values[column] = v;
    }
  }
  return values;
}

export function registerNotificationRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get(urls.newNotification, async (request, reply) => {
    assertCan(requireActor(request), 'notification:record');
    return reply.view(FORM_VIEW, { title: 'Record a missing notification', values: {}, riskGrades: RISK_GRADES, fieldErrors: {} });
  });

  app.post(urls.newNotification, { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    assertCan(actor, 'notification:record');
    const values = formValues(request.body);
    const parsed = parseNotification(values);
    let problems = parsed.ok ? [] : parsed.errors;
    if (parsed.ok) {
      try {
        const outcome = await recordMissingNotification(db, actor, parsed.value, { source: 'form', now: now() });
        request.session.flash = { title: 'Success', text: outcome.status === 'unchanged' ? 'This notification was already recorded: nothing changed.' : `Notification ${parsed.value.policeReference} recorded.` };
        return reply.redirect(urls.incident(outcome.incidentId ?? ''));
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        problems = [{ column: 'police_reference', message: error.message }];
      }
    }
    const shown = formErrors(problems);
    const fieldErrors = Object.fromEntries(shown.map((p) => [p.column, { text: p.message }]));
    const errors = shown.map((p) => ({ text: p.message, href: `#${p.column}` }));
    return reply.code(400).view(FORM_VIEW, { title: 'Record a missing notification', values, riskGrades: RISK_GRADES, errors, fieldErrors, csrfToken: reply.generateCsrf() });
  });

  app.get(urls.uploadNotifications, async (request, reply) => {
    assertCan(requireActor(request), 'notification:import');
    return reply.view('notifications/upload.njk', { title: 'Upload a file of notifications' });
  });

  app.post(urls.uploadNotifications, { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    assertCan(actor, 'notification:import');
    const file = await request.file();
    if (!file || !file.filename) {
      const errors = [{ text: 'Select a CSV file to upload', href: '#file' }];
      return reply.code(400).view('notifications/upload.njk', { title: 'Upload a file of notifications', errors, csrfToken: reply.generateCsrf() });
    }
    // The upload is streamed to a private temporary file, then checked and imported from there in two passes.
    const dir = await mkdtemp(join(tmpdir(), 'homeward-upload-'));
    try {
      const path = join(dir, 'upload.csv');
      await pipeline(file.file, createWriteStream(path, { mode: 0o600 }));
      if (file.file.truncated) {
        const errors = [{ text: 'The file is larger than 200 MB: split it into smaller files', href: '#file' }];
        return reply.code(400).view('notifications/upload.njk', { title: 'Upload a file of notifications', errors, csrfToken: reply.generateCsrf() });
      }
      const dryRun = (file.fields.mode as { value?: string } | undefined)?.value === 'check';
      const report = await importNotificationFile(db, actor, { path, dryRun, now: now() });
      return reply.code(report.rejected.length ? 400 : 200).view('notifications/upload-result.njk', { title: dryRun ? 'File checked' : 'File imported', report, fileName: file.filename });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
