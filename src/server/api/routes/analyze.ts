/** Analyse without storing, and the question bank. */
import { z } from 'zod';
import { listQuestions } from '../../../coach/index.js';
import type { Analyzer } from '../../services/analyzer.js';
import { checkUploadSize } from '../../services/ingest.js';
import { activeModel } from '../../services/models.js';
import type { Router } from '../route.js';
import { analyzeBody, questionsQuery } from '../schemas.js';

export function analyzeRoutes(router: Router, opts: { analyzer: Analyzer }) {
  router.add({
    method: 'POST',
    path: '/analyze',
    tag: 'analyze',
    summary: 'Analyse a transcript and return the analysis; nothing is stored',
    access: 'user',
    body: analyzeBody,
    response: z.record(z.string(), z.unknown()).meta({ description: 'The engine analysis' }),
    errors: [413, 422, 429, 503],
    async handler({ body, user, db }) {
      const raw = body.encoding === 'base64' ? Buffer.from(body.content, 'base64') : body.content;
      checkUploadSize(body.filename, raw);
      const { analysis } = await opts.analyzer.analyze(
        { content: raw, file: body.filename, rep: body.speakers, model: await activeModel(db) },
        { userId: user.id },
      );
      return analysis;
    },
  });

  router.add({
    method: 'GET',
    path: '/questions',
    tag: 'questions',
    summary: 'The nothing-to-lose question bank, by trigger and text search',
    access: 'user',
    query: questionsQuery,
    errors: [422],
    response: z.array(
      z.object({
        id: z.string(),
        trigger: z.string(),
        subtype: z.string().optional(),
        text: z.string(),
        why: z.string(),
        technique: z.string(),
      }),
    ),
    async handler({ query }) {
      const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      return listQuestions(query.trigger)
        .filter((e) =>
          words.every((w) => `${e.text} ${e.why} ${e.technique}`.toLowerCase().includes(w)),
        )
        .map(({ quote: _q, suits: _s, ...e }) => e);
    },
  });
}
