/**
 * The graph of everything held about a child, found from the catalogue: every part of the record, a duplicate
 * merged into it, a table added after the code was written, and nothing of another child or of the audit trail.
 */
import { beforeAll, expect, it } from 'vitest';
import { readCatalogue } from '../../src/modules/data-protection/catalogue.ts';
import { collectGraph, graphCounts, type RecordGraph } from '../../src/modules/data-protection/graph.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { addThrowawayTable, childBornOn, richChild, THROWAWAY_TABLE, type RichChild } from './retention-support.ts';

describeEachDatabase('retention: the graph of a record', (use) => {
  let rich: RichChild;
  let other: RichChild;
  let otherChildId: string;
  let graph: RecordGraph;
  const keysOf = (table: string) => [...(graph.tables.get(table)?.keys() ?? [])].sort();

  beforeAll(async () => {
    await addThrowawayTable(use());
    other = await richChild(use());
    otherChildId = await childBornOn(use(), '2012-04-04');
    rich = await richChild(use(), { possibleMatchWith: otherChildId });
    graph = await use().transaction(async (tx) => collectGraph(tx, await readCatalogue(tx), { table: 'children', id: rich.childId }));
  }, 180_000);

  it('holds every part of the child’s record, the merged duplicate and its incident', () => {
    expect(keysOf('children')).toEqual([rich.childId, rich.duplicateId].sort());
    expect(keysOf('incidents')).toHaveLength(3);
    expect(keysOf('incidents')).toEqual(expect.arrayContaining([rich.incidentId, rich.openIncidentId]));
    expect(keysOf('return_interviews')).toEqual([rich.rhiId]);
    expect(keysOf('return_interview_factors')).toEqual([`${rich.rhiId}/peers`]);
    expect(keysOf('return_interview_risks')).toEqual([`${rich.rhiId}/criminal_exploitation`]);
    expect(keysOf('philomena_profiles')).toEqual([rich.childId]);
    expect(keysOf('philomena_photos')).toEqual([String(rich.photoId)]);
    expect(keysOf('alerts')).toEqual(expect.arrayContaining([rich.alertId, rich.escalationId]));
    const counts = graphCounts(graph);
    const expected = [
      'care_periods', 'meeting_requests', 'meeting_request_incidents', 'meeting_decisions', 'tasks', 'email_outbox', 'exploitation_concerns',
      'risk_assessments', 'risk_assessment_indicators', 'location_links', 'person_links', 'panel_monitoring', 'possible_matches', 'incident_changes',
    ];
    expect(expected.filter((table) => !((counts[table] ?? 0) > 0))).toEqual([]);
    expect(counts.meeting_requests).toBe(1);
    expect(counts.possible_matches).toBe(1);
  });

  it('follows a table added after the code was written, through its foreign key to incidents', () => {
    expect(keysOf(THROWAWAY_TABLE)).toEqual([rich.noteId]);
  });

  it('holds nothing of another child, of the people and places linked, or of the audit trail', () => {
    const otherIds = new Set([other.childId, other.duplicateId, other.incidentId, other.openIncidentId, other.rhiId, other.alertId, other.escalationId, otherChildId]);
    const leaks: string[] = [];
    for (const [table, rows] of graph.tables) {
      for (const [key, row] of rows) {
        if (otherIds.has(key) || (table !== 'possible_matches' && otherIds.has(String(row.child_id)))) leaks.push(`${table} ${key}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(keysOf('children')).not.toContain(otherChildId);
    for (const table of ['audit_events', 'audit_seals', 'locations', 'persons_of_concern', 'users', 'agencies', 'panels']) expect(graph.tables.has(table)).toBe(false);
  });

  it('starts as well from a location: its links to children, not the children', async () => {
    const fromLocation = await use().transaction(async (tx) => collectGraph(tx, await readCatalogue(tx), { table: 'locations', id: rich.locationId }));
    expect([...fromLocation.tables.keys()].sort()).toEqual(['location_links', 'locations']);
  });
});
