/** The OpenAPI 3.1 description of the API, served at /api/openapi.json. */
import { NOTIFICATION_COLUMNS } from '../../modules/missing/notification-parse.ts';
import { MISSING_FROM, RISK_GRADES } from '../../modules/missing/notification.ts';
import { REPORTS } from '../../modules/reports/registry.ts';

/** Every report the registry has (Table 1, the committee measures, Tables 2 and 3, ...). */
const REPORT_IDS = Object.keys(REPORTS);

const TIMESTAMP = { type: 'string', description: 'ISO 8601 (2024-03-31T23:15 or with an offset) or dd/mm/yyyy HH:mm; Europe/London unless an offset is given', examples: ['2024-03-31T23:15:00+01:00'] };

const notificationProperties: Record<string, object> = {
  police_reference: { type: 'string', maxLength: 50, description: "The force's unique reference for this missing report: the idempotency key" },
  reported_at: TIMESTAMP,
  notified_at: TIMESTAMP,
  last_seen_at: TIMESTAMP,
  found_at: { ...TIMESTAMP, description: 'When found; omit or null while the child is still missing' },
  risk_grade: { type: 'string', enum: [...RISK_GRADES, 'absent'] },
  forename: { type: 'string', maxLength: 100 },
  surname: { type: 'string', maxLength: 100 },
  date_of_birth: { type: 'string', description: 'yyyy-mm-dd or dd/mm/yyyy' },
  sex: { type: ['string', 'null'], enum: ['male', 'female', 'm', 'f', null] },
  la_child_id: { type: ['string', 'null'] },
  police_person_id: { type: ['string', 'null'] },
  missing_from: { type: 'string', enum: [...MISSING_FROM] },
  responsible_authority: { type: ['string', 'null'], description: 'Required when missing_from is "ola care"' },
  district: { type: ['string', 'null'] },
  missing_from_postcode: { type: ['string', 'null'] },
  found_location: { type: ['string', 'null'] },
  found_postcode: { type: ['string', 'null'] },
  circumstances: { type: ['string', 'null'] },
};

const VALUE = { type: ['number', 'string', 'null'], description: 'A count or individuals (number), a percentage to one decimal place (number, 0-100), a ratio or age range (text, e.g. "49:50", "14-17"), a suppressed count ("<5" or "[c]"), or null' };

const reportSchema = {
  type: 'object',
  required: ['report', 'title', 'authority', 'period', 'generatedAt', 'settings', 'suppressed', 'tables'],
  properties: {
    report: { type: 'string', enum: REPORT_IDS },
    title: { type: 'string' },
    authority: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
    period: { type: 'object', properties: { fy: { type: 'string', examples: ['2023/24'] }, quarter: { type: ['integer', 'null'], minimum: 1, maximum: 4 }, start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time', description: 'Exclusive' }, label: { type: 'string' } } },
    generatedAt: { type: 'string', format: 'date-time' },
    settings: { type: 'object', additionalProperties: { type: 'string' }, description: 'The configurable settings the figures used' },
    suppressed: { type: 'boolean', description: 'Whether small numbers are hidden (published=true)' },
    tables: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          columns: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, label: { type: 'string' } } } },
          rows: { type: 'array', items: { type: 'object', properties: { key: { type: 'string', description: 'The measure\'s key in the measures definitions, e.g. total_incidents' }, label: { type: 'string' }, kind: { type: 'string', enum: ['count', 'individuals', 'percent', 'ratio', 'age', 'age-range', 'text'] }, values: { type: 'object', description: 'By column key', additionalProperties: VALUE }, notReported: { type: 'object', description: 'By column key: the reason a figure was not reported by the authority (its value is null)', additionalProperties: { type: 'string' } } } } },
          notes: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

const problem = { description: 'A problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Homeward API', version: '1.0.0', description: 'Police missing notifications into Homeward, and report figures out. Authenticate with the API key issued to your force: `Authorization: Bearer <key>`.' },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A per-agency API key' } },
      schemas: {
        MissingNotification: { type: 'object', required: ['police_reference', 'reported_at', 'notified_at', 'last_seen_at', 'risk_grade', 'forename', 'surname', 'date_of_birth', 'missing_from'], properties: notificationProperties, additionalProperties: true },
        Problem: { type: 'object', properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' }, correlationId: { type: 'string' }, errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } } } },
        Report: reportSchema,
        Outcome: { type: 'object', properties: { status: { type: 'string', enum: ['accepted', 'updated', 'unchanged'] }, policeReference: { type: 'string' }, incidentId: { type: 'string', format: 'uuid' }, warnings: { type: 'array', items: { type: 'object' } } } },
      },
    },
    security: [{ apiKey: [] }],
    paths: {
      '/api/v1/missing-notifications': {
        post: {
          summary: 'Send one missing notification',
          description: `Records a notification, or updates the incident with the same police_reference (idempotent: the same notification twice changes nothing). Fields: ${NOTIFICATION_COLUMNS.join(', ')}.`,
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/MissingNotification' } } } },
          responses: {
            '201': { description: 'A new incident was recorded', content: { 'application/json': { schema: { $ref: '#/components/schemas/Outcome' } } } },
            '200': { description: 'The incident already existed: updated, or unchanged', content: { 'application/json': { schema: { $ref: '#/components/schemas/Outcome' } } } },
            '400': problem,
            '401': problem,
            '403': problem,
            '409': problem,
            '429': problem,
          },
        },
      },
      '/api/v1/reports/{id}': {
        get: {
          summary: "A report's figures for a period",
          description: "A report (Table 1, the committee measures, Tables 2 and 3...) for the key's authority, worked out from the records now. Operational figures (nothing hidden) unless published=true, which hides counts under the authority's threshold (5 unless set).",
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', enum: REPORT_IDS } },
            { name: 'fy', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{4}/\\d{2}$', examples: ['2023/24'] } },
            { name: 'quarter', in: 'query', required: false, schema: { type: 'string', enum: ['Q1', 'Q2', 'Q3', 'Q4'] }, description: 'Only for reports by quarter (not Table 1)' },
            { name: 'published', in: 'query', required: false, schema: { type: 'boolean', default: false } },
          ],
          responses: {
            '200': { description: 'The report', content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } } } },
            '400': problem,
            '401': problem,
            '403': problem,
            '404': problem,
            '429': problem,
          },
        },
      },
    },
  };
}
