import { LaminarError } from '../engine/index.js';

/** What `%config` changes, for this kernel. */
export interface KernelSettings {
  /** Updates per second of each live display, at most. */
  readonly updateRate: number;
  /** Rows shown in a table (live or complete); a live append-only display keeps this many. */
  readonly maxRows: number;
  /** Rows a live chart keeps (the latest ones of an append-only result). */
  readonly chartRows: number;
  /** Rows put in a result's Arrow data, at most (Jupyter server drops iopub beyond 1 MB/s). */
  readonly arrowRows: number;
}

export const DEFAULT_SETTINGS: KernelSettings = { updateRate: 10, maxRows: 20, chartRows: 1000, arrowRows: 10_000 };

interface SettingSpec {
  readonly key: keyof KernelSettings;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly help: string;
}

/**
 * The settings by the name `%config` uses. The update rate stops at 50 per display: with the
 * iopub backlog check this keeps a kernel well under Jupyter server's default limit of 1000
 * iopub messages per second.
 */
export const SETTINGS: Readonly<Record<string, SettingSpec>> = {
  update_rate: { key: 'updateRate', min: 0.1, max: 50, integer: false, help: 'updates per second of each live display (0.1 to 50; default 10)' },
  max_rows: { key: 'maxRows', min: 1, max: 100_000, integer: true, help: 'rows shown in a table (1 to 100000; default 20)' },
  chart_rows: { key: 'chartRows', min: 10, max: 1_000_000, integer: true, help: 'rows a live chart keeps, the latest ones (10 to 1000000; default 1000)' },
  arrow_rows: { key: 'arrowRows', min: 0, max: 10_000_000, integer: true, help: 'rows of a result sent as Arrow data for programs, at most (0 to 10000000; default 10000)' },
};

/** The settings with one changed; INVALID_OPTION for an unknown name or a bad value. */
export function changeSetting(settings: KernelSettings, name: string, text: string): KernelSettings {
  const spec = SETTINGS[name.toLowerCase()];
  if (spec === undefined) {
    throw new LaminarError('INVALID_OPTION', `unknown setting '${name}'`, { hint: `settings: ${Object.keys(SETTINGS).join(', ')}` });
  }
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (spec.integer && !Number.isInteger(value)) || value < spec.min || value > spec.max) {
    throw new LaminarError('INVALID_OPTION', `${name} must be ${spec.integer ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}, not '${text}'`);
  }
  return { ...settings, [spec.key]: value };
}
