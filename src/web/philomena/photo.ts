/** The Part 1 photo: uploading it (multipart, the CSRF token in the query string) and serving the current one. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertCan } from '../../modules/access/policy.ts';
import { ValidationFailed } from '../../modules/errors.ts';
import { MAX_PHOTO_BYTES, type PhotoUpload } from '../../modules/philomena/photo.ts';
import { addPhoto, currentPhoto } from '../../modules/philomena/photo.service.ts';
import { viewProfile } from '../../modules/philomena/profile.service.ts';
import { requireActor } from '../require-actor.ts';
import type { RouteDeps } from '../routes.ts';
import { urls } from '../urls.ts';
import { renderProfileView } from './profile.ts';

type Params = { Params: { id: string } };

/**
 * Reads the form: the date taken and at most MAX_PHOTO_BYTES of the file. A larger file is read to its end
 * (so the browser gets an answer) but only its start is kept, and it is marked too large.
 */
async function readUpload(request: FastifyRequest): Promise<PhotoUpload> {
  const upload: PhotoUpload = { bytes: null, tooLarge: false, takenOn: '' };
  // The plugin reads throwFileSizeLimit here too, though its types for parts() leave it out: a file over the
  // limit is then marked truncated rather than failing the whole request, so the form can say what is wrong.
  const options = { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 4 }, throwFileSizeLimit: false };
  const parts = request.parts(options);
  for await (const part of parts) {
    if (part.type === 'field') {
      if (part.fieldname === 'takenOn' && typeof part.value === 'string') upload.takenOn = part.value;
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of part.file) chunks.push(chunk as Buffer);
    // A browser sends an empty part with no file name when no file was chosen.
    if (part.fieldname !== 'photo' || !part.filename) continue;
    upload.bytes = Buffer.concat(chunks);
    upload.tooLarge = part.file.truncated;
  }
  return upload;
}

export function registerPhotoRoutes(app: FastifyInstance, { db, now }: RouteDeps): void {
  app.get<Params>(urls.childPhilomenaPhoto(':id'), async (request, reply) => {
    const photo = await currentPhoto(db, requireActor(request), request.params.id, now());
    return reply
      .header('Content-Type', photo.contentType)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', 'inline')
      .send(photo.bytes);
  });

  app.post<Params>(urls.childPhilomenaPhoto(':id'), { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = requireActor(request);
    const id = request.params.id;
    // Refused before a byte of the file is read.
    assertCan(actor, 'philomena:edit');
    const upload = await readUpload(request);
    try {
      await addPhoto(db, actor, id, upload, now());
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const view = await viewProfile(db, actor, id, now());
      return renderProfileView(reply.code(400), actor, view, { photoValues: { takenOn: upload.takenOn }, problems: error.problems });
    }
    request.session.flash = { title: 'Success', text: 'The photo is uploaded: it is now the current photo.' };
    return reply.redirect(urls.childPhilomena(id));
  });
}
