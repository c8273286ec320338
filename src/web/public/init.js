// Starts GOV.UK Frontend components (error summary focus, details, buttons). Pages work without it.
import { initAll } from '/static/govuk/govuk/govuk-frontend.min.js';

initAll();

// "Print this record": the button shows only where a script can open the print dialogue.
/* global document, window */
document.querySelectorAll('[data-app-print]').forEach((button) => {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
});
