"""jupyter_kernel_test's conformance suite against the installed LaminarDB kernel.

Every attribute that applies to a SQL kernel is set: a test that is skipped here is a test
that was not run. Run by test/kernel/conformance.test.ts with JUPYTER_PATH pointing at a
temporary kernelspec installation.
"""
import unittest

import jupyter_kernel_test


class LaminarKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "laminardb"
    language_name = "sql"
    file_extension = ".sql"

    # %print writes a line to stdout, %print --stderr to stderr (see %help).
    code_hello_world = "%print hello, world"
    code_stderr = "%print --stderr something went to stderr"

    completion_samples = [
        {"text": "SELECT upp", "matches": {"upper"}},
        {"text": "%lsm", "matches": {"%lsmagic"}},
        {"text": "%config chart", "matches": {"chart_rows="}},
    ]

    complete_code_samples = ["SELECT 1;", "%lsmagic", "SELECT (1 +\n  2);", "%chart bar x=a y=b\nSELECT 1 AS a, 2 AS b;"]
    incomplete_code_samples = ["SELECT 1", "SELECT (1 +", "SELECT 'unterminated", "/* open comment"]
    invalid_code_samples = ["SELECT 1);", "SELECT ) FROM t;"]

    # `?NAME` shows help for an object or magic in the pager, as IPython does.
    code_page_something = "?%chart"

    code_generate_error = "SELECT no_such_column;"

    code_execute_result = [
        {"code": "SELECT 1 + 2 AS three;", "result": "three INT\n─────────\n        3\n(1 row)"},
        {"code": "SELECT 'a' AS s, 2.5 AS d;", "mime": "text/html"},
        {"code": "SELECT 7 AS n;", "mime": "application/vnd.apache.arrow.stream"},
        {"code": "%chart bar x=k y=v\nSELECT 'a' AS k, 1 AS v UNION ALL SELECT 'b', 2;", "mime": "application/vnd.vegalite.v5+json"},
        {"code": "%chart point x=k y=v\nSELECT 'a' AS k, 1 AS v;", "mime": "image/svg+xml"},
    ]

    code_display_data = [
        {"code": "%help", "mime": "text/markdown"},
        {"code": "%config", "mime": "text/html"},
        # A live query's display (then stopped, so that no update reaches later tests).
        {"code": "CREATE SOURCE IF NOT EXISTS conformance_live (x INT);\nSELECT x FROM conformance_live;\n%stop all", "mime": "text/html"},
    ]

    code_history_pattern = "SELECT 1 + 2*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "%chart"

    code_clear_output = "%print a line\n%clear"


if __name__ == "__main__":
    unittest.main()
