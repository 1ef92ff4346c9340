/** The text of `laminar --help` and `laminar run --help`. */

export const MAIN_HELP = `laminar: LaminarDB, an embedded streaming SQL engine

Usage:
  laminar run FILE.sql [--format table|csv|json|changelog]
                          run a SQL script; FILE '-' reads standard input
  laminar --help          show this help (also: laminar run --help)
  laminar --version       show the version

The interactive terminal (REPL) is not available yet.
`;

export const RUN_HELP = `Usage: laminar run FILE.sql [--format FORMAT]

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
  -h, --help            show this help

A query over inputs that end prints its result when it completes. A query over an
unbounded source keeps running: json and changelog print its changes as they happen;
table and csv print its rows when it ends or when you press Ctrl-C. Ctrl-C stops the
run (a second Ctrl-C exits at once).

Exit status: 0 done, 1 error in the SQL or the data (the first failing statement
stops the run), 2 internal error, 130 interrupted by Ctrl-C.
`;
