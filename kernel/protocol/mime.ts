/** Display data keyed by MIME type, as in display_data, execute_result and update_display_data. */
export type MimeBundle = { readonly [mimeType: string]: unknown };

export const MIME = {
  text: 'text/plain',
  html: 'text/html',
  markdown: 'text/markdown',
  arrow: 'application/vnd.apache.arrow.stream',
  vegaLite: 'application/vnd.vegalite.v5+json',
  svg: 'image/svg+xml',
} as const;
