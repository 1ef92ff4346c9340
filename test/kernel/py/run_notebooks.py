"""Executes notebooks with nbclient on the LaminarDB kernel; prints a JSON summary.

Usage: run_notebooks.py OUT_DIR NOTEBOOK...  (executed copies are written to OUT_DIR)
"""
import json
import os
import sys

import nbformat
from nbclient import NotebookClient


def summary(nb):
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            entry = {"type": out["output_type"]}
            if "data" in out:
                entry["mimes"] = sorted(out["data"].keys())
                entry["text"] = out["data"].get("text/plain", "")
                entry["display_id"] = "transient" in out or bool(out.get("metadata", {}).get("transient"))
            if out["output_type"] == "stream":
                entry["name"] = out["name"]
                entry["text"] = out["text"]
            if out["output_type"] == "error":
                entry["ename"] = out["ename"]
                entry["evalue"] = out["evalue"]
            outputs.append(entry)
        cells.append({"source": cell.source, "outputs": outputs})
    return cells


def main():
    out_dir, paths = sys.argv[1], sys.argv[2:]
    result = {}
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=120, kernel_name="laminardb", allow_errors=True)
        client.execute()
        nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
        result[os.path.basename(path)] = summary(nb)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
