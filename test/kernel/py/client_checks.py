"""Drives the installed LaminarDB kernel with jupyter_client, as notebook servers do.

Usage: client_checks.py SCENARIO. Prints one JSON object (the observations) as its last
line; test/kernel/jupyter-client.test.ts makes the assertions.
"""
import json
import os
import queue
import sys
import time

from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session


def drain_until_idle(kc, msg_id, timeout=30):
    """The iopub messages of one request, up to its idle status."""
    out = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        out.append(m)
        if (m["msg_type"] == "status" and m["content"]["execution_state"] == "idle"
                and m["parent_header"].get("msg_id") == msg_id):
            return out
    raise TimeoutError("no idle status")


def reply_to(kc, msg_id, timeout=30):
    """The shell reply to one request (start_new_kernel leaves kernel_info replies behind)."""
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["msg_type"] == "kernel_info_reply" and reply["parent_header"]["msg_id"] != msg_id:
            continue
        assert reply["parent_header"]["msg_id"] == msg_id, (reply["msg_type"], reply["content"])
        return reply


def run(kc, code, timeout=30):
    msg_id = kc.execute(code)
    reply = reply_to(kc, msg_id, timeout)
    return reply["content"], drain_until_idle(kc, msg_id, timeout)


def text_of(msg):
    return msg["content"]["data"].get("text/plain", "")


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/status") as f:
            return "\nState:\tZ" not in f.read()
    except FileNotFoundError:
        return False


def live(km, kc):
    run(kc, "CREATE SOURCE seq FROM GENERATOR (kind = 'sequence');")
    started = time.time()
    msg_id = kc.execute("SELECT key, count(*) AS n FROM seq GROUP BY key;")
    reply = reply_to(kc, msg_id)
    reply_after = time.time() - started
    drain_until_idle(kc, msg_id)
    updates, window = [], 3.0
    t0 = time.time()
    while time.time() - t0 < window:
        try:
            m = kc.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            continue
        if m["msg_type"] == "update_display_data":
            updates.append(m)
    first_display = None
    # The display_data came before idle; find its id through the updates' parent.
    ids = {m["content"]["transient"]["display_id"] for m in updates}
    parents = {m["parent_header"]["msg_id"] for m in updates}
    counts = []
    for m in updates:
        rows = [line.split("│")[1].strip() for line in text_of(m).split("\n") if line.count("│") == 1 and line.split("│")[1].strip().isdigit()]
        counts.append(sum(int(r) for r in rows))
    stop, stop_msgs = run(kc, "%stop all")
    final = [m for m in stop_msgs if m["msg_type"] == "update_display_data"]
    return {
        "reply_status": reply["content"]["status"],
        "reply_seconds": reply_after,
        "updates": len(updates),
        "window": window,
        "display_ids": sorted(ids),
        "parents_are_cell": parents == {msg_id},
        "counts_grow": all(a <= b for a, b in zip(counts, counts[1:])) and counts[-1] > counts[0],
        "has_status_line": all(" · running · " in text_of(m) for m in updates),
        "final_stopped": bool(final) and " · stopped · " in text_of(final[-1]),
        "final_same_id": bool(final) and final[-1]["content"]["transient"]["display_id"] in ids,
        "stop_status": stop["status"],
    }


def interrupt(km, kc):
    run(kc, "CREATE SOURCE big FROM GENERATOR (kind = 'sequence', events = 2000000000);")
    msg_id = kc.execute("SELECT key, sum(value) AS s FROM big GROUP BY key;")
    queued = kc.execute("SELECT 1 AS after;")
    time.sleep(1.0)
    t0 = time.time()
    km.interrupt_kernel()
    reply = reply_to(kc, msg_id)
    seconds = time.time() - t0
    aborted = reply_to(kc, queued)
    drain_until_idle(kc, queued)
    after, _ = run(kc, "SELECT 2 AS still_alive;")
    # A live display stops on interrupt too (the kernel is idle meanwhile).
    run(kc, "CREATE SOURCE endless FROM GENERATOR (kind = 'sequence');")
    live_msg = kc.execute("SELECT key FROM endless;")
    reply_to(kc, live_msg)
    drain_until_idle(kc, live_msg)
    km.interrupt_kernel()
    stopped = False
    deadline = time.time() + 10
    while time.time() < deadline and not stopped:
        try:
            m = kc.get_iopub_msg(timeout=0.5)
        except queue.Empty:
            continue
        stopped = m["msg_type"] == "update_display_data" and " · stopped · " in text_of(m)
    # SIGINT is an interrupt too.
    sig_id = kc.execute("SELECT key, sum(value) AS s FROM big GROUP BY key;")
    time.sleep(1.0)
    os.kill(km.provisioner.pid, 2)
    sig_reply = reply_to(kc, sig_id)
    drain_until_idle(kc, sig_id)
    return {
        "reply": {k: reply["content"].get(k) for k in ("status", "ename")},
                "seconds": seconds,
        "queued_status": aborted["content"]["status"],
        "after_status": after["status"],
        "live_stopped": stopped,
        "sigint_reply": {k: sig_reply["content"].get(k) for k in ("status", "ename")},
        "alive_after_sigint": km.is_alive(),
    }


def restart(km, kc):
    run(kc, "CREATE SOURCE before_restart (x INT);")
    old_pid = km.provisioner.pid
    t0 = time.time()
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=30)
    seconds = time.time() - t0
    new_pid = km.provisioner.pid
    content, _ = run(kc, "SELECT x FROM before_restart;")
    fresh, _ = run(kc, "SELECT 1 AS fresh;")
    return {
        "old_alive": alive(old_pid),
        "new_pid_differs": new_pid != old_pid,
        "seconds": seconds,
        "old_object": content.get("ename"),
        "fresh_status": fresh["status"],
        "execution_count": fresh["execution_count"],
    }


def table_rows(text):
    """The data rows of a text table: the cells of each line with exactly one '│' between two."""
    rows = []
    for line in text.split("\n"):
        cells = [c.strip() for c in line.split("│")]
        if len(cells) == 2 and cells[0].isdigit() and cells[1].isdigit():
            rows.append([int(cells[0]), int(cells[1])])
    return sorted(rows)


def live_rows(kc, code):
    """Starts a live display; returns its display id and the rows it first shows."""
    content, msgs = run(kc, code)
    shown = [m for m in msgs if m["msg_type"] == "display_data"]
    return content["status"], shown[-1]["content"]["transient"]["display_id"], table_rows(text_of(shown[-1]))


def latest_update(kc, display_id, want, timeout=10):
    """Rows of the display's updates until they equal `want` (or the last seen at the timeout)."""
    rows = None
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            continue
        if m["msg_type"] == "update_display_data" and m["content"]["transient"]["display_id"] == display_id:
            rows = table_rows(text_of(m))
            if rows == want:
                break
    return rows


def durable_restart(km, kc):
    """The kernel runs with LAMINAR_SESSION: a view and its live display survive a restart."""
    run(kc, "CREATE SOURCE p (k INT, v INT);")
    run(kc, "CREATE MATERIALIZED VIEW counts AS SELECT k, count(*) AS n FROM p GROUP BY k;")
    run(kc, "INSERT INTO p VALUES (1, 10), (1, 11), (2, 20);")
    status, display, before = live_rows(kc, "SELECT * FROM counts;")
    checkpoint, msgs = run(kc, "%checkpoint")
    checkpoint_text = "".join(m["content"].get("text", "") for m in msgs if m["msg_type"] == "stream")
    run(kc, "INSERT INTO p VALUES (3, 30);")
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=30)
    _, display2, after = live_rows(kc, "SELECT * FROM counts;")
    run(kc, "INSERT INTO p VALUES (2, 21), (4, 40);")
    continued = latest_update(kc, display2, [[1, 2], [2, 2], [3, 1], [4, 1]])
    run(kc, "%stop all")
    return {
        "live_status": status,
        "before": before,
        "checkpoint": checkpoint["status"],
        "checkpoint_text": checkpoint_text.startswith("checkpoint 00000001: "),
        "after_restart": after,
        "continued": continued,
    }


def bad_signature(km, kc):
    shell = kc.shell_channel.socket
    forger = Session(key=b"not-the-key", signature_scheme="hmac-sha256", username="mallory")
    forger.send(shell, "execute_request", content={"code": "CREATE SOURCE forged (x INT);", "silent": False})
    unsigned = Session(key=b"", username="mallory")
    unsigned.send(shell, "execute_request", content={"code": "CREATE SOURCE unsigned (x INT);", "silent": False})
    # Malformed: no delimiter, too few frames, signed garbage JSON.
    shell.send_multipart([b"garbage"])
    shell.send_multipart([b"<IDS|MSG>", b"x"])
    parts = [b"{not json", b"{}", b"{}", b"{}"]
    shell.send_multipart([b"<IDS|MSG>", kc.session.sign(parts).encode() if isinstance(kc.session.sign(parts), str) else kc.session.sign(parts)] + parts)
    # A correctly signed message of an unknown type.
    kc.session.send(shell, "no_such_request", content={})
    answered = []
    try:
        while True:
            m = kc.get_shell_msg(timeout=2)
            if m["msg_type"] != "kernel_info_reply":
                answered.append(m["msg_type"])
    except queue.Empty:
        pass
    content, msgs = run(kc, "SHOW SOURCES;")
    result = [m for m in msgs if m["msg_type"] == "execute_result"]
    sources = text_of(result[0]) if result else ""
    info = kc.kernel_info(reply=True, timeout=10)
    return {
        "answered": answered,
        "show_status": content["status"],
        "forged_created": "forged" in sources,
        "unsigned_created": "unsigned" in sources,
        "kernel_info_ok": info["content"]["status"] == "ok",
    }


def shutdown(km, kc):
    run(kc, "CREATE SOURCE seq FROM GENERATOR (kind = 'sequence');")
    msg_id = kc.execute("SELECT key, count(*) FROM seq GROUP BY key;")
    reply_to(kc, msg_id)
    drain_until_idle(kc, msg_id)
    pid = km.provisioner.pid
    t0 = time.time()
    km.shutdown_kernel(now=False)
    seconds = time.time() - t0
    return {"alive": alive(pid), "seconds": seconds}


SCENARIOS = {"live": live, "interrupt": interrupt, "restart": restart, "bad_signature": bad_signature, "shutdown": shutdown, "durable_restart": durable_restart}


def main():
    scenario = SCENARIOS[sys.argv[1]]
    km, kc = start_new_kernel(kernel_name="laminardb", startup_timeout=60)
    try:
        result = scenario(km, kc)
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=False)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
