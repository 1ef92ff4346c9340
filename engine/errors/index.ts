export { ERROR_CODES, type ErrorCode } from './codes.js';
export { LaminarError, isLaminarError } from './laminar-error.js';
export { caretExcerpt, lineAndColumn, type ErrorLocation, type SqlLocation, type FileLocation } from './location.js';
