/** The Philomena Protocol: Part 1 and its photo for a child looked after, Part 2 per incident, the police packet. */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../routes.ts';
import { registerPacketRoutes } from './packet.ts';
import { registerPart2Routes } from './part2.ts';
import { registerPhotoRoutes } from './photo.ts';
import { registerProfileRoutes } from './profile.ts';

export function registerPhilomenaRoutes(app: FastifyInstance, deps: RouteDeps): void {
  registerProfileRoutes(app, deps);
  registerPhotoRoutes(app, deps);
  registerPart2Routes(app, deps);
  registerPacketRoutes(app, deps);
}
