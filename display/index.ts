/**
 * Display code shared by `laminar run`, the REPL and the Jupyter kernel: pure functions from
 * result data (a schema and a columnar batch) to text. Nothing here writes anywhere.
 */
export type { Rows } from './rows.js';
export { formatTable, formatTextTable, type TableOptions } from './table.js';
export { csvHeader, csvRecords } from './csv.js';
export { jsonRowLines, jsonChangeLines, changeOpConflict } from './json.js';
export { changelogHeader, changelogLines, changelogText } from './changelog.js';
export { cellText, alignsRight, escapeControls } from './cell-text.js';
export { textWidth, padTo } from './text-width.js';
export { formatChart, type ChartOptions } from './chart.js';
export { chartLayout, type ChartLayout } from './chart-layout.js';
export { formatHtmlTable, escapeHtml, type HtmlTableOptions } from './html-table.js';
export { formatLiveStatus, type LiveStatus } from './live-status.js';
export { CHART_MARKS, resolveChart, vegaLiteSpec, naturalFieldType, type ChartMark, type ChartRequest, type ResolvedChart, type ChartField, type FieldType } from './chart-spec.js';
export { renderSvg } from './svg-chart.js';
