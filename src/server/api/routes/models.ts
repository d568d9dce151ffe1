/** Model versions: the shipped model and those retrained from corrections (admins). */
import { z } from 'zod';
import { notFound } from '../../contract/errors.js';
import { activateModel, getModel, listModels, startVersion } from '../../services/models.js';
import { retrainFromCorrections } from '../../services/retrain.js';
import type { Router } from '../route.js';
import { modelParams, modelVersionSchema } from '../schemas.js';

export function modelRoutes(router: Router, opts: { onRetrained?: (p: Promise<void>) => void }) {
  router.add({
    method: 'GET',
    path: '/models',
    tag: 'models',
    summary: 'Model versions, newest first, the shipped one included (admins)',
    access: 'admin',
    response: z.array(modelVersionSchema),
    async handler({ db }) {
      return listModels(db);
    },
  });

  router.add({
    method: 'POST',
    path: '/models/retrain',
    tag: 'models',
    summary: 'Retrain from the corrections in the background (admins)',
    description:
      'Trains on the shipped training data plus 3 in 4 corrected calls, holds the 4th out, and measures the active model and the new one on the held-out corrections and on the corpus test split. Poll `GET /models` for progress and the before/after table; the new model is used only once activated.',
    access: 'admin',
    status: 202,
    response: modelVersionSchema,
    errors: [409],
    async handler({ db, user }) {
      const id = await startVersion(db, user.id);
      const run = retrainFromCorrections(db, id);
      opts.onRetrained?.(run);
      return getModel(db, `m${id}`);
    },
  });

  router.add({
    method: 'POST',
    path: '/models/:id/activate',
    tag: 'models',
    summary: 'Make a ready model the one new analyses read with; `shipped` rolls back (admins)',
    access: 'admin',
    params: modelParams,
    response: modelVersionSchema,
    errors: [404, 409],
    async handler({ db, params }) {
      const v = await activateModel(db, params.id);
      if (!v) throw notFound('model');
      return v;
    },
  });
}
