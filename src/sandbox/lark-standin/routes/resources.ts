// GET /im/v1/messages/:message_id/resources/:file_key?type=image: the bytes of an image a user sent.
import type { FastifyInstance } from 'fastify';
import { fail } from '../http.ts';
import type { StandinState } from '../state.ts';

export function registerResources(app: FastifyInstance, state: StandinState): void {
  app.get<{ Params: { message_id: string; file_key: string } }>(
    '/open-apis/im/v1/messages/:message_id/resources/:file_key',
    async (req, reply) => {
      const image = state.images.get(req.params.file_key);
      if (!image || image.messageId !== req.params.message_id) return fail(reply, 234003);
      return reply.code(200).header('content-type', 'image/png').send(image.bytes);
    },
  );
}
