import { createFileSource } from './file/index.js';
import { createGeneratorSource } from './generator/index.js';
import type { SourceFactory } from './source.js';

/** The connectors CREATE SOURCE … FROM <kind> (…) can name. */
export const SOURCE_FACTORIES: Readonly<Record<'GENERATOR' | 'FILE', SourceFactory>> = {
  GENERATOR: createGeneratorSource,
  FILE: createFileSource,
};
