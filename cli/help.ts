import { WORKERS_HELP } from './workers-option.js';

/** The text of `laminar --help`, `laminar run --help` and `laminar repl --help`. */

export const MAIN_HELP = `laminar: LaminarDB, an embedded streaming SQL engine

Usage:
  laminar                 the interactive shell (laminar < FILE.sql runs a script)
  laminar repl [--workers N] [--session DIR] [--existing [CONNECTION_FILE]]
                          the same; --existing attaches to a running kernel
  laminar run FILE.sql [--format table|csv|json|changelog] [--workers N] [--session DIR]
                          run a SQL script; FILE '-' reads standard input
  laminar test [PATH…] [--update] [--via kernel|in-process] [--timeout S]
                          replay notebooks and compare their outputs
  laminar kernel install [--user|--sys-prefix|--prefix DIR] [--name NAME]
                          install the Jupyter kernel (also: kernel uninstall)
  laminar --help          show this help (also: laminar run|repl|test --help)
  laminar --version       show the version
`;

export const RUN_HELP = `Usage: laminar run FILE.sql [--format FORMAT] [--workers N] [--session DIR]

Runs the statements of a SQL script in order (FILE '-' reads standard input) and prints
the result of each query on standard output. Acknowledgements (CREATE …, INSERT n) and
errors go to standard error, so standard output holds only results.

Options:
  -f, --format FORMAT   how results are printed (default: table)
        table       aligned columns with names and types, and a row count
        csv         a header line, then one record per row (RFC 4180 quoting)
        json        one JSON object per row; a live query prints one object per
                    change, with the change first: {"op":"+I", …columns}
        changelog   every change as it happens, after a header line:
                    OP | value | value …  (OP is +I, -U, +U or -D)
  --workers N           worker threads running keyed operators (default: the
                        number of cores, or LAMINAR_WORKERS); 1 runs everything on
                        one thread. Each key's changes come in order whatever N is;
                        how changes of different keys interleave depends on N
  --session DIR         a durable session in DIR: views and sinks are checkpointed
                        (every 10 s, on CHECKPOINT, at the end) and pushed rows
                        logged; running again with the same DIR resumes where it
                        stopped (CREATE statements for objects DIR already has are
                        skipped; sink files hold only checkpointed output)
  -h, --help            show this help

A query over inputs that end prints its result when it completes. A query over an
unbounded source keeps running: json and changelog print its changes as they happen;
table and csv print its rows when it ends or when you press Ctrl-C. Ctrl-C stops the
run (a second Ctrl-C exits at once).

Exit status: 0 done, 1 error in the SQL or the data (the first failing statement
stops the run), 2 internal error, 130 interrupted by Ctrl-C.
`;

export const REPL_HELP = `Usage: laminar [repl] [--workers N] [--session DIR] [--existing [CONNECTION_FILE]]

An interactive SQL shell. Statements end with ';' and may span lines; Tab completes
keywords, functions and names; Up and Down recall earlier statements (kept in
~/.laminar_history, or the file LAMINAR_HISTORY names; LAMINAR_HISTORY= keeps none).
A query over an unbounded source shows its result live until you press Ctrl-C, which
stops the query and keeps the shell. Ctrl-D leaves. Type .help for the dot commands
(.mode table|changelog|csv|json|chart, .describe NAME, .queries, .stop, .read, …).

When standard input is not a terminal (laminar < script.sql), it runs as a script, as
laminar run - does: no prompts, results on standard output, and the first error ends
it (exit status 1).

Options:
  --existing [CONNECTION_FILE]
                  attach to a running LaminarDB kernel (the most recent one without
                  a file): the shell and the notebook share one session
${WORKERS_HELP}
  --session DIR   a durable session in DIR, resumed if DIR holds one (.checkpoint
                  writes a checkpoint; one is written every 10 s and on exit)
  -h, --help      show this help

Colour follows NO_COLOR and FORCE_COLOR, and is off when the output is not a terminal.
`;

export const TEST_HELP = `Usage: laminar test [PATH…] [--update] [--via kernel|in-process] [--timeout S]

Replays notebooks as tests: runs each notebook's code cells in a fresh session and
compares every output with the one saved in the notebook. PATH is a .ipynb file or a
folder (every notebook under it); the default is the folder notebooks.

Compared: text/plain exactly, text/html with whitespace normalized, Arrow data by
value, Vega-Lite charts by mark, encoding and data values, errors by code. A live
display is compared in its final frame. A mismatch prints a unified diff for the cell.

Cell tags: skip-execution (not run), raises-exception (must fail; with metadata
"laminar": {"raises": "CODE"} with that error code), nbval-ignore-output or
ignore-output (run, outputs not compared). Sanitizers hide volatile values: in the
notebook's or a cell's metadata, "laminar": {"sanitizers": [{"regex": "…",
"replacement": "…"}]}, applied to both sides before comparing.

Options:
  -u, --update          write this run's outputs into the notebooks (only outputs
                        and execution counts change; nbformat's JSON layout)
  --via kernel          run through the LaminarDB kernel over ZeroMQ, as Jupyter
                        does (the default)
  --via in-process      run through the kernel's code in this process (no sockets);
                        gives the same outputs
  --timeout S           seconds a cell may take before it is interrupted and fails
                        (default 60)
  -h, --help            show this help

Exit status: 0 every cell passed (or was updated), 1 a cell failed or a notebook
could not be read.
`;
