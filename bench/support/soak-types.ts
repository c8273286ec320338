/** Messages between the soak and its server process, and what the clients visit. */

export interface SoakIds {
  childIds: string[];
  incidentIds: string[];
  /** Return interviews with no outcome yet: the worklist a worker saves to. */
  rhiIds: string[];
  surnames: string[];
}

export type ToParent =
  | { type: 'ready'; port: number; apiKey: string; ids: SoakIds; demoMs: number; database: 'pglite' | 'postgres' }
  | { type: 'memory'; at: number; usage: NodeJS.MemoryUsage }
  | { type: 'failed'; error: string };

export type ToServer = { type: 'memory' } | { type: 'stop' };
