/** Corrections of a call's walk-points, their replies, and editing or deleting a coaching note. */
import { z } from 'zod';
import { ApiError, notFound } from '../../contract/errors.js';
import {
  addCorrectionReply,
  createCorrection,
  listCorrections,
  revertCorrection,
} from '../../db/corrections.js';
import { changeNote } from '../../db/notes.js';
import type { Router } from '../route.js';
import {
  correctionBody,
  correctionReplySchema,
  correctionSchema,
  idParams,
  noteBody,
  noteSchema,
  replyBody,
} from '../schemas.js';

const notAuthor = () =>
  new ApiError(403, 'forbidden', 'Only the author of a note can change or delete it.');

export function correctionRoutes(router: Router) {
  router.add({
    method: 'GET',
    path: '/calls/:id/corrections',
    tag: 'corrections',
    summary: "A call's corrections, oldest first, reverted ones included",
    access: 'user',
    params: idParams,
    response: z.array(correctionSchema),
    errors: [404],
    async handler({ db, user, params }) {
      const list = await listCorrections(db, user, params.id);
      if (!list) throw notFound();
      return list;
    },
  });

  router.add({
    method: 'POST',
    path: '/calls/:id/corrections',
    tag: 'corrections',
    summary:
      'Correct a walk-point: regrade, retype, dismiss, or promote a prospect sentence (managers and admins)',
    description:
      'The latest correction at a turn that is not reverted defines the moment there: team stats, the coaching queue, the score and the deal review read it. Moments are identified by call and turn, so a correction survives `walkpoint reanalyze`.',
    access: 'manager',
    params: idParams,
    body: correctionBody,
    status: 201,
    response: correctionSchema,
    errors: [400, 404],
    async handler({ db, user, params, body }) {
      const c = await createCorrection(db, user, params.id, body);
      if (!c) throw notFound();
      return c;
    },
  });

  router.add({
    method: 'DELETE',
    path: '/corrections/:id',
    tag: 'corrections',
    summary: 'Revert a correction (kept in the history; the previous reading applies again)',
    access: 'manager',
    params: idParams,
    response: correctionSchema,
    errors: [404, 409],
    async handler({ db, user, params }) {
      const c = await revertCorrection(db, user, params.id);
      if (!c) throw notFound('correction');
      return c;
    },
  });

  router.add({
    method: 'POST',
    path: '/corrections/:id/replies',
    tag: 'corrections',
    summary: "Reply to a correction (the call's rep, or a manager or admin who sees the call)",
    access: 'user',
    params: idParams,
    body: replyBody,
    status: 201,
    response: correctionReplySchema,
    errors: [404],
    async handler({ db, user, params, body }) {
      const r = await addCorrectionReply(db, user, params.id, body.body);
      if (!r) throw notFound('correction');
      return r;
    },
  });

  router.add({
    method: 'PATCH',
    path: '/notes/:id',
    tag: 'moments',
    summary: 'Edit a coaching note (its author only)',
    access: 'user',
    params: idParams,
    body: noteBody,
    response: noteSchema,
    errors: [403, 404],
    async handler({ db, user, params, body }) {
      const r = await changeNote(db, user, params.id, body.body);
      if (r === 'missing') throw notFound('note');
      if (r === 'not-author') throw notAuthor();
      return r;
    },
  });

  router.add({
    method: 'DELETE',
    path: '/notes/:id',
    tag: 'moments',
    summary: 'Delete a coaching note (its author only)',
    access: 'user',
    params: idParams,
    status: 204,
    errors: [403, 404],
    async handler({ db, user, params }) {
      const r = await changeNote(db, user, params.id, null);
      if (r === 'missing') throw notFound('note');
      if (r === 'not-author') throw notAuthor();
    },
  });
}
