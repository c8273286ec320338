/** Drizzle tables of the feedback area (issue 3); the migration is the source of truth for constraints. */
export {};
