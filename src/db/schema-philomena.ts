/** Drizzle tables of the philomena area (issue 3); the migration is the source of truth for constraints. */
export {};
