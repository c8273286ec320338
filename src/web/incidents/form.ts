/** Shared by the incident and child forms: reading posted text, and turning problems into GOV.UK error lists. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../modules/access/actor.ts';
import { DomainRuleBroken, ValidationFailed, type FieldProblem } from '../../modules/errors.ts';
import { AlreadyFound, IncidentChanged, viewIncident } from '../../modules/missing/incident.service.ts';
import { urls } from '../urls.ts';
import { incidentRows } from './present.ts';

/** The posted fields as text ('' when absent), so a re-rendered form shows exactly what was sent. */
export function postedText<K extends string>(request: FastifyRequest, names: readonly K[]): Record<K, string> {
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  const values = {} as Record<K, string>;
  for (const name of names) {
    const v = body[name];
    values[name] = typeof v === 'string' ? v : '';
  }
  return values;
}

/** The version the form was opened at; anything unreadable counts as stale. */
export function postedVersion(text: string): number {
  return /^\d{1,9}$/.test(text) ? Number(text) : -1;
}

/**
 * What a form page needs besides its own values: a CSRF token (pages rendered in answer to a POST need a new
 * one), the error summary (each linking to its field) and the per-field messages.
 */
export function formLocals(reply: FastifyReply, problems: FieldProblem[]) {
  return {
    csrfToken: reply.generateCsrf(),
    errors: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
    fieldErrors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
  };
}

// The incident forms' fields as their pages label them: a refused change is shown back as the person entered it.
const FORM_LABELS: Record<string, string> = {
  riskGrade: 'New risk grade', foundAt: 'When the child was found', foundLocation: 'Where the child was found',
  foundPostcode: 'Postcode where found', foundBy: 'Who found the child', harm: 'Did the child come to harm', harmNotes: 'Notes about harm',
  field: 'Detail corrected', value: 'New value', classification: 'Missing from', responsibleAuthority: 'Responsible authority', reason: 'Reason',
};

/** The change a stale form asked for, as summary list rows, so nothing typed is lost from sight. */
function unsavedRows(request: FastifyRequest) {
  const values = postedText(request, Object.keys(FORM_LABELS));
  return Object.entries(FORM_LABELS).flatMap(([name, label]) => (values[name] ? [{ key: { text: label }, value: { text: values[name] } }] : []));
}

export interface IncidentFormSubmission {
  db: Database;
  actor: Actor;
  request: FastifyRequest;
  reply: FastifyReply;
  incidentId: string;
  now: Date;
  save: () => Promise<unknown>;
  /** Re-renders the form with the problems and the submitted values. */
  rerender: (problems: FieldProblem[], status: number) => Promise<FastifyReply>;
  successText: string;
  /** A rule about other records (e.g. one open incident per child) is shown against this field. */
  ruleField?: string;
}

/**
 * Saves an incident form, then back to the incident page; a stale version gets the "changed by someone else"
 * page (409) with the current values beside the change that was not saved, and problems re-render the form.
 */
export async function submitIncidentForm(s: IncidentFormSubmission): Promise<FastifyReply> {
  try {
    await s.save();
  } catch (error) {
    if (error instanceof IncidentChanged) {
      const page = await viewIncident(s.db, s.actor, s.incidentId);
      return s.reply.code(409).view('incidents/stale.njk', { title: 'This incident was changed by someone else', page, rows: incidentRows(page, s.now), unsaved: unsavedRows(s.request), csrfToken: s.reply.generateCsrf() });
    }
    if (error instanceof AlreadyFound) {
      const page = await viewIncident(s.db, s.actor, s.incidentId);
      return s.reply.code(409).view('incidents/already-found.njk', { title: 'The child is already recorded as found', page, csrfToken: s.reply.generateCsrf() });
    }
    if (error instanceof ValidationFailed) return s.rerender(error.problems, 400);
    if (error instanceof DomainRuleBroken && s.ruleField) return s.rerender([{ field: s.ruleField, message: error.message }], 409);
    throw error;
  }
  s.request.session.flash = { title: 'Success', text: s.successText };
  return s.reply.redirect(urls.incident(s.incidentId));
}
