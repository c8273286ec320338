// Starts GOV.UK Frontend components (error summary focus, details, buttons). Pages work without it.
import { initAll } from '/static/govuk/govuk/govuk-frontend.min.js';

initAll();
