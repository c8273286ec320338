/**
 * Typed errors thrown by services and mapped in one place (web/errors.ts) to GOV.UK error pages and
 * API problem responses. Form validation errors are returned, not thrown.
 */
export class NotFound extends Error {
  constructor(what = 'The page or record was not found') {
    super(what);
    this.name = 'NotFound';
  }
}

export class Forbidden extends Error {
  constructor(what = 'You do not have permission to do that') {
    super(what);
    this.name = 'Forbidden';
  }
}

/** The record changed, or the request clashes with what is already there. */
export class Conflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Conflict';
  }
}

/** A request that is well formed but breaks a rule of the domain; the message is shown to the user. */
export class DomainRuleBroken extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DomainRuleBroken';
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Invalid input to a service: field-level messages for the form or API to show. */
export class ValidationFailed extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => p.message).join('; '));
    this.name = 'ValidationFailed';
  }
}
