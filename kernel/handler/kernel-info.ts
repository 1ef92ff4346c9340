import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROTOCOL_VERSION } from '../protocol/header.js';
import { packageRoot, packageVersion } from '../version.js';

/** The kernel_info_reply content (without status). */
export function kernelInfo(): Record<string, unknown> {
  const version = packageVersion();
  return {
    protocol_version: PROTOCOL_VERSION,
    implementation: 'laminardb',
    implementation_version: version,
    language_info: {
      name: 'sql',
      version,
      mimetype: 'text/x-sql',
      file_extension: '.sql',
      codemirror_mode: 'sql',
      pygments_lexer: 'sql',
    },
    banner: `LaminarDB ${version}: streaming SQL. Type %help for help.`,
    help_links: [
      { text: 'LaminarDB README', url: pathToFileURL(join(packageRoot(), 'README.md')).href },
      { text: 'Vega-Lite (charts)', url: 'https://vega.github.io/vega-lite/docs/' },
    ],
    debugger: false,
  };
}
