/** Nunjucks with the GOV.UK Frontend and MoJ Frontend macros, and the filters the pages share. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import view from '@fastify/view';
import type { FastifyInstance } from 'fastify';
import nunjucks from 'nunjucks';
import { formatUkDate, formatUkDateTime } from '../../modules/missing/uk-time.ts';
import { durationSince } from '../format.ts';

const require = createRequire(import.meta.url);
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
export const MOJ_ROOT = dirname(require.resolve('@ministryofjustice/frontend/package.json'));
const WEB_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

export async function registerViews(app: FastifyInstance): Promise<void> {
  await app.register(view, {
    engine: { nunjucks },
    templates: [WEB_DIR, join(WEB_DIR, 'views'), GOVUK_DIST, MOJ_ROOT],
    options: {
      autoescape: true,
      throwOnUndefined: false,
      onConfigure: (env: nunjucks.Environment) => {
        env.addFilter('ukDateTime', (d: Date | null) => (d ? formatUkDateTime(d) : ''));
        env.addFilter('ukDate', (d: string | null) => (d ? formatUkDate(d) : ''));
        env.addFilter('since', (d: Date, now?: Date) => durationSince(d, now ?? new Date()));
        env.addFilter('isoDateTime', (d: Date | null) => (d ? d.toISOString() : ''));
      },
    },
  });
}
