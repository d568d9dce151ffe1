/** Coaching on a moment: notes and the reviewed mark. */
import { z } from 'zod';
import { notFound } from '../../contract/errors.js';
import { addNote, listNotes, setReviewed } from '../../db/notes.js';
import type { Router } from '../route.js';
import { idParams, noteBody, noteSchema, reviewBody } from '../schemas.js';

export function momentRoutes(router: Router) {
  router.add({
    method: 'GET',
    path: '/moments/:id/notes',
    tag: 'moments',
    summary: 'Coaching notes on a moment, oldest first',
    access: 'user',
    params: idParams,
    response: z.array(noteSchema),
    errors: [404],
    async handler({ db, user, params }) {
      const notes = await listNotes(db, user, params.id);
      if (!notes) throw notFound('moment');
      return notes;
    },
  });

  router.add({
    method: 'POST',
    path: '/moments/:id/notes',
    tag: 'moments',
    summary: 'Add a coaching note on a moment (managers and admins)',
    access: 'manager',
    params: idParams,
    body: noteBody,
    status: 201,
    response: noteSchema,
    errors: [404],
    async handler({ db, user, params, body }) {
      const note = await addNote(db, user, params.id, body.body);
      if (!note) throw notFound('moment');
      return note;
    },
  });

  router.add({
    method: 'PATCH',
    path: '/moments/:id',
    tag: 'moments',
    summary: 'Mark a moment reviewed, or not (managers and admins)',
    access: 'manager',
    params: idParams,
    body: reviewBody,
    response: z.object({ id: z.number(), reviewed: z.boolean() }),
    errors: [404],
    async handler({ db, user, params, body }) {
      if (!(await setReviewed(db, user, params.id, body.reviewed))) throw notFound('moment');
      return { id: params.id, reviewed: body.reviewed };
    },
  });
}
