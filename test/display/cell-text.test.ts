import { describe, expect, it } from 'vitest';
import { alignsRight, cellText, escapeControls, padTo, textWidth } from '../../display/index.js';

describe('cellText', () => {
  it('shows NULL, and values as the engine formats them', () => {
    expect(cellText(null, 'INT')).toBe('NULL');
    expect(cellText(1_704_164_645_000_000, 'TIMESTAMP')).toBe('2024-01-02 03:04:05');
    expect(cellText(1_704_164_645_000_500, 'TIMESTAMP')).toBe('2024-01-02 03:04:05.000500');
    expect(cellText(-5_000_000, 'INTERVAL')).toBe('-00:00:05');
    expect(cellText(0.1 + 0.2, 'DOUBLE')).toBe('0.30000000000000004');
    expect(cellText(Number.NaN, 'DOUBLE')).toBe('NaN');
    expect(cellText(true, 'BOOLEAN')).toBe('true');
  });

  it('escapes control characters, so a value cannot break lines or drive the terminal', () => {
    expect(cellText('a\tb\r\nc', 'VARCHAR')).toBe('a\\tb\\r\\nc');
    expect(escapeControls('\u001b[31mred')).toBe('\\x1b[31mred');
    expect(escapeControls('plain')).toBe('plain');
  });
});

describe('alignsRight', () => {
  it('is true for numbers and intervals only', () => {
    expect(['INT', 'BIGINT', 'DOUBLE', 'INTERVAL'].every((t) => alignsRight(t as 'INT'))).toBe(true);
    expect(['VARCHAR', 'BOOLEAN', 'TIMESTAMP'].some((t) => alignsRight(t as 'VARCHAR'))).toBe(false);
  });
});

describe('textWidth and padTo', () => {
  it('count terminal columns', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('日本語')).toBe(6);
    expect(textWidth('e\u0301')).toBe(1);
    expect(textWidth('👍')).toBe(2);
    expect(textWidth('')).toBe(0);
  });

  it('pad on the side away from the alignment', () => {
    expect(padTo('ab', 4, true)).toBe('  ab');
    expect(padTo('ab', 4, false)).toBe('ab  ');
    expect(padTo('日本', 5, false)).toBe('日本 ');
    expect(padTo('toolong', 3, false)).toBe('toolong');
  });
});
