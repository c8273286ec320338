/**
 * The police packet: everything the police need when a child looked after goes missing, for one incident — Part 1
 * with the photo, Part 2, the incident as reported, and the missing history — as a printable page or a PDF.
 * Both are audited; only an incident the actor may see, about the live child it belongs to.
 */
import type { Database } from '../../db/database.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/policy.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { DomainRuleBroken } from '../errors.ts';
import { incidentContext } from '../missing/incident.repository.ts';
import type { MissingHistory } from './history.ts';
import { packetPdf } from './packet-pdf.ts';
import { packetFileName } from './packet-sections.ts';
import type { Part2Answers } from './part2-form.ts';
import { incidentAndChild, part2Answers } from './part2.service.ts';
import { missingHistoryOf, NOT_LOOKED_AFTER_MESSAGE, type PhilomenaChild } from './philomena-child.ts';
import * as repo from './philomena.repository.ts';
import type { ProfileAnswers } from './profile-form.ts';
import { answersOf } from './profile.service.ts';

export interface PacketIncident {
  id: string;
  policeReference: string;
  riskGrade: string;
  reportedAt: Date;
  lastSeenAt: Date;
  foundAt: Date | null;
  reportedBy: string | null;
}

export interface PolicePacket {
  madeAt: Date;
  madeBy: string;
  child: PhilomenaChild;
  answers: ProfileAnswers | null;
  /** The current photo; its bytes only for the PDF (the page shows it from its own address). */
  photo: { takenOn: string; contentType: string; bytes: Buffer | null } | null;
  part2: Part2Answers;
  part2Saved: boolean;
  incident: PacketIncident;
  history: MissingHistory;
}

export type PacketView = { kind: 'not-looked-after'; child: PhilomenaChild; incidentId: string } | { kind: 'packet'; packet: PolicePacket };

/** Assembles the packet for an incident, audited as `police-packet.viewed` (the page) or `police-packet.pdf`. */
async function assemble(db: Database, actor: Actor, incidentId: string, now: Date, as: 'page' | 'pdf'): Promise<PacketView> {
  assertCan(actor, 'philomena:view');
  return db.transaction(async (tx) => {
    const { incident, child } = await incidentAndChild(tx, actor, incidentId, now);
    const audit = { action: as === 'pdf' ? 'police-packet.pdf' : 'police-packet.viewed', childId: child.id, subjectType: 'incident', subjectId: incident.id };
    if (!child.lookedAfter) {
      // The page explains why there is no packet, naming the child: that is a view of their record too.
      if (as === 'page') await writeAudit(tx, actor, { ...audit, details: { lookedAfter: false } });
      return { kind: 'not-looked-after' as const, child, incidentId: incident.id };
    }
    const part2 = await repo.findPart2(tx, incident.id);
    const photo = as === 'pdf' ? await repo.currentPhoto(tx, child.id) : await repo.currentPhotoDetails(tx, child.id);
    const { agencyName } = await incidentContext(tx, incident.id);
    const packet: PolicePacket = {
      madeAt: now, madeBy: actor.displayName, child, answers: answersOf(await repo.findProfile(tx, child.id)),
      photo: photo ? { takenOn: photo.takenOn, contentType: photo.contentType, bytes: 'bytes' in photo ? photo.bytes : null } : null,
      part2: part2Answers(part2, incident), part2Saved: part2 !== null,
      incident: {
        id: incident.id, policeReference: incident.policeReference, riskGrade: incident.riskGrade, reportedAt: incident.reportedAt,
        lastSeenAt: incident.lastSeenAt, foundAt: incident.foundAt, reportedBy: agencyName,
      },
      history: await missingHistoryOf(tx, actor, child.id, now),
    };
    await writeAudit(tx, actor, { ...audit, details: { lookedAfter: true } });
    return { kind: 'packet' as const, packet };
  });
}

/** The printable packet; a child who is not looked after has none, and the page says why. */
export function viewPolicePacket(db: Database, actor: Actor, incidentId: string, now: Date): Promise<PacketView> {
  return assemble(db, actor, incidentId, now, 'page');
}

/** The packet as a PDF, named by the police reference (never the child's name); refused for a child not looked after. */
export async function makePolicePacketPdf(db: Database, actor: Actor, incidentId: string, now: Date): Promise<{ fileName: string; bytes: Buffer }> {
  const view = await assemble(db, actor, incidentId, now, 'pdf');
  if (view.kind === 'not-looked-after') throw new DomainRuleBroken(NOT_LOOKED_AFTER_MESSAGE);
  return { fileName: packetFileName(view.packet.incident.policeReference), bytes: await packetPdf(view.packet) };
}
