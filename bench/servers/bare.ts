/**
 * The baseline server: a bare Fastify route that validates and parses a JSON body shaped like a
 * report and answers a small JSON — no database, no auth. Run by `intake.ts` as a child process.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { onStopRequest, sendToParent } from './protocol.ts';

const app = Fastify({ logger: false });
app.post(
  '/api/v1/cases',
  {
    schema: {
      body: {
        type: 'object',
        required: ['description', 'lng', 'lat'],
        additionalProperties: false,
        properties: {
          description: { type: 'string', minLength: 1, maxLength: 5000 },
          caseType: { type: 'string', minLength: 1, maxLength: 40 },
          lng: { type: 'number', minimum: -180, maximum: 180 },
          lat: { type: 'number', minimum: -90, maximum: 90 },
          contactPhone: { type: 'string', minLength: 1, maxLength: 20 },
        },
      },
    },
  },
  async (_request, reply) => reply.status(201).send({ id: randomUUID(), status: 'reported' }),
);

await app.listen({ host: '127.0.0.1', port: 0 });
const bound = app.server.address();
if (!bound || typeof bound === 'string') throw new Error('the bare server has no TCP port');
onStopRequest(async () => {
  await app.close();
  return { type: 'stopped' };
});
await sendToParent({ type: 'ready', port: bound.port });
