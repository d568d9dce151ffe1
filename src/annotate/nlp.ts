import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

/**
 * The one wink-nlp instance the engine uses. Only sentence boundaries and negation are turned
 * on: POS tagging triples the reading time and the detectors do not need it.
 */
export const WINK_PIPELINE = ['sbd', 'negation'] as const;

let instance: ReturnType<typeof winkNLP> | undefined;

export function nlp(): ReturnType<typeof winkNLP> {
  instance ??= winkNLP(model, [...WINK_PIPELINE]);
  return instance;
}
