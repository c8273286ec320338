/** The police packet for an incident: the printable page, and the same as a PDF to download. */
import type { FastifyInstance } from 'fastify';
import { formatUkDate, formatUkDateTime } from '../../modules/missing/uk-time.ts';
import { MARKING } from '../../modules/philomena/packet-pdf.ts';
import { packetSections } from '../../modules/philomena/packet-sections.ts';
import { makePolicePacketPdf, viewPolicePacket } from '../../modules/philomena/packet.service.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { childName, summaryRows } from './present.ts';

type Params = { Params: { id: string } };

export function registerPacketRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Params>(urls.incidentPolicePacket(':id'), async (request, reply) => {
    const view = await viewPolicePacket(db, requireActor(request), request.params.id, now());
    if (view.kind === 'not-looked-after') {
      return reply.view('philomena/not-looked-after.njk', { title: 'The Philomena Protocol is for children looked after', child: view.child, canRecordCareStatus: false });
    }
    const p = view.packet;
    return reply.view('philomena/packet.njk', {
      title: `Police packet ${p.incident.policeReference}: ${childName(p.child)}`, packet: p, marking: MARKING,
      madeAt: formatUkDateTime(p.madeAt), photoTaken: p.photo ? formatUkDate(p.photo.takenOn) : null,
      sections: packetSections(p).map((s) => ({ ...s, rows: summaryRows(s.lines) })),
      pdfHref: urls.incidentPolicePacketPdf(p.incident.id), photoHref: urls.childPhilomenaPhoto(p.child.id),
      incidentHref: urls.incident(p.incident.id), part2Href: urls.incidentPhilomena(p.incident.id),
    });
  });

  app.get<Params>(urls.incidentPolicePacketPdf(':id'), async (request, reply) => {
    const pdf = await makePolicePacketPdf(db, requireActor(request), request.params.id, now());
    return reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `attachment; filename="${pdf.fileName}"`)
      .header('X-Content-Type-Options', 'nosniff')
      .send(pdf.bytes);
  });
}
