import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../engine/errors/codes.js';
import { aggregateCatalogue } from '../../engine/plan/aggregates.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..', '..');

/** The README shows what users copy: its code must run as written. */
describe('README', () => {
  it('TypeScript example runs and prints what it says', async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const code = /### From TypeScript\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    const dir = await mkdtemp(join(tmpdir(), 'laminar-readme-'));
    const file = join(dir, 'example.mjs');
    await writeFile(file, code!.replace("from 'laminardb'", `from ${JSON.stringify(join(root, 'dist', 'engine', 'index.js'))}`));
    const { stdout } = await run(process.execPath, [file], { timeout: 30_000 });
    expect(stdout).toBe("[ '+I' ] [ [ 1, 1 ] ]\n[ { two: 2 } ]\n");
  });

  it('quick start script runs to the end', async () => {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'dist', 'cli', 'main.js'), 'run', 'notebooks/quickstart.sql'], { cwd: root, timeout: 30_000 });
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      'CREATE SOURCE trades',
      'CREATE SOURCE orders',
      'CREATE TABLE fx',
      'INSERT 2',
      'CREATE MATERIALIZED VIEW rates',
      'INSERT 2',
    ]);
    expect(stdout).toContain('currencies BIGINT │ best DOUBLE');
    expect(stdout).toContain('                3 │        1.27');
    expect(stdout).toContain('ann              │             3 │         47.5 │ 2024-01-02 08:45:00');
  });
});

describe('README reference tables', () => {
  it('lists every error code with its meaning, in the order of the registry', async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Error codes'), readme.indexOf('## Performance'));
    const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| (.*) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(Object.entries(ERROR_CODES));
  });

  it('lists every aggregate with its signature', async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Aggregates'), readme.indexOf('### Generator sources'));
    for (const a of aggregateCatalogue()) {
      const aliases = a.names.length > 1 ? ` (also ${a.names.slice(1).join(', ')})` : '';
      expect(section).toContain(`| \`${a.signature.replace(/\|/g, '\\|')}\`${aliases} | ${a.description} |`);
    }
  });
});
