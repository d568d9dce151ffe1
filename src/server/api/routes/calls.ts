/** Calls: upload, list, read, rename, delete; and the moments of a call. */
import { z } from 'zod';
import { MAX_UPLOAD_TEXT, notFound } from '../../contract/errors.js';
import {
  deleteCall,
  getCall,
  getCallContent,
  listCalls,
  listMoments,
  updateCall,
} from '../../db/calls.js';
import type { Analyzer } from '../../services/analyzer.js';
import { ingestUpload } from '../../services/ingest.js';
import { type Router, splitCsv, splitIds } from '../route.js';
import {
  callDetailSchema,
  callEditBody,
  callListQuery,
  callSummarySchema,
  idParams,
  momentSchema,
  uploadBody,
  uploadForm,
} from '../schemas.js';

export function callRoutes(router: Router, opts: { analyzer: Analyzer }) {
  router.add({
    method: 'POST',
    path: '/calls',
    tag: 'calls',
    summary: 'Upload a transcript: analysed, assigned to a rep and stored',
    description: `JSON with the text (or base64 bytes), or multipart/form-data with a \`file\`. Limit ${MAX_UPLOAD_TEXT}. The same file twice for the same rep answers 409 (the same file for another rep is another call). Stored (committed) before the response. Analysed within a time and memory budget: a file over it answers 422 \`analysis-too-costly\` and nothing is stored.`,
    access: 'user',
    body: uploadBody,
    bodyAlso: { 'multipart/form-data': uploadForm },
    status: 201,
    response: callDetailSchema,
    errors: [409, 413, 415, 422, 429, 503],
    async handler({ db, user, body }) {
      const content =
        body.encoding === 'base64' ? Buffer.from(body.content, 'base64') : body.content;
      const stored = await ingestUpload(
        db,
        user,
        {
          filename: body.filename,
          content,
          repId: body.repId,
          date: body.date,
          speakers: body.speakers,
        },
        opts.analyzer,
      );
      return getCall(db, user, stored.id);
    },
  });

  router.add({
    method: 'GET',
    path: '/calls',
    tag: 'calls',
    summary: 'List the calls you may see, filtered, searched, sorted and paginated',
    access: 'user',
    query: callListQuery,
    response: z.object({
      items: z.array(callSummarySchema),
      total: z.number().meta({
        description:
          'Calls matching the filter, counted up to 10,000 (1,000 with a text search or a response or trigger filter; see totalCapped)',
      }),
      totalCapped: z.boolean().meta({
        description: 'True when more calls match than were counted: total is then a lower bound',
      }),
      page: z.number(),
      pageSize: z.number(),
    }),
    async handler({ db, user, query }) {
      const { items, total, totalCapped } = await listCalls(db, user, {
        ...query,
        rep: splitIds(query.rep),
        response: splitCsv(query.response),
        trigger: splitCsv(query.trigger),
      });
      return { items, total, totalCapped, page: query.page, pageSize: query.pageSize };
    },
  });

  router.add({
    method: 'GET',
    path: '/calls/:id',
    tag: 'calls',
    summary: 'A call with its analysis and stored moments',
    access: 'user',
    params: idParams,
    response: callDetailSchema,
    errors: [404],
    async handler({ db, user, params }) {
      const call = await getCall(db, user, params.id);
      if (!call) throw notFound();
      return call;
    },
  });

  router.add({
    method: 'GET',
    path: '/calls/:id/transcript',
    tag: 'calls',
    summary: 'The original transcript text as uploaded (decoded to UTF-8)',
    access: 'user',
    params: idParams,
    errors: [404],
    async handler({ db, user, params, reply }) {
      const call = await getCallContent(db, user, params.id);
      if (!call) throw notFound();
      return reply.type('text/plain; charset=utf-8').send(call.content);
    },
  });

  router.add({
    method: 'PATCH',
    path: '/calls/:id',
    tag: 'calls',
    summary: "Rename a call or name its account (the prospect's company)",
    access: 'user',
    params: idParams,
    body: callEditBody,
    response: callDetailSchema,
    errors: [400, 404],
    async handler({ db, user, params, body }) {
      if (!(await updateCall(db, user, params.id, body))) throw notFound();
      const call = await getCall(db, user, params.id);
      if (!call) throw notFound();
      return call;
    },
  });

  router.add({
    method: 'DELETE',
    path: '/calls/:id',
    tag: 'calls',
    summary: 'Delete a call with its moments, findings and notes',
    access: 'user',
    params: idParams,
    status: 204,
    errors: [404],
    async handler({ db, user, params }) {
      if (!(await deleteCall(db, user, params.id))) throw notFound();
    },
  });

  router.add({
    method: 'GET',
    path: '/calls/:id/moments',
    tag: 'moments',
    summary: 'The walk-point moments of a call, with review state and note counts',
    access: 'user',
    params: idParams,
    response: z.array(momentSchema),
    errors: [404],
    async handler({ db, user, params }) {
      const call = await getCallContent(db, user, params.id);
      if (!call) throw notFound();
      return listMoments(db, user, params.id);
    },
  });
}
