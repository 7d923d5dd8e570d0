/**
 * The one kind of error a layer import gives (多网合一): a 400 whose message names the feature or
 * row and the problem, so the department can fix its file. Parsers throw it; nothing is written.
 */
import { AppError, type MessageKey, type MessageParams } from '../../platform/errors.ts';

/** Message keys of layer-import problems. */
export type LayerProblem = Extract<MessageKey, `layer.${string}`>;

/** 400 for a bad layer file; `params` name the feature (`feature`), row (`row`) or file part. */
export function layerError(key: LayerProblem, params: MessageParams = {}): AppError {
  return new AppError('bad_request', key, params, { ...params });
}
