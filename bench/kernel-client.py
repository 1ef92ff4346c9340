"""Times a Jupyter kernel as a client sees it (used by bench/kernel-startup.ts).

Usage: kernel-client.py KERNEL_NAME CODE STARTS ROUND_TRIPS
Prints JSON: startup seconds (process start to the first kernel_info_reply) for each start,
and round-trip seconds (execute_request sent to its idle status) for each execute.
"""
import json
import queue
import sys
import time

from jupyter_client.manager import KernelManager


def first_kernel_info(kc, deadline):
    """Sends kernel_info_request until one is answered (the kernel may not listen yet)."""
    while time.perf_counter() < deadline:
        msg_id = kc.kernel_info()
        try:
            while True:
                reply = kc.get_shell_msg(timeout=0.05)
                if reply["parent_header"].get("msg_id") == msg_id:
                    return
        except queue.Empty:
            continue
    raise TimeoutError("no kernel_info_reply")


def wait_idle(kc, msg_id):
    while True:
        m = kc.get_iopub_msg(timeout=30)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle" and m["parent_header"].get("msg_id") == msg_id:
            return


def main():
    name, code, starts, trips = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    startup = []
    round_trips = []
    for i in range(starts):
        km = KernelManager(kernel_name=name)
        t0 = time.perf_counter()
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        first_kernel_info(kc, t0 + 60)
        startup.append(time.perf_counter() - t0)
        if i == starts - 1:
            # Warm up, then time the round trips.
            for _ in range(10):
                wait_idle(kc, kc.execute(code))
            for _ in range(trips):
                t = time.perf_counter()
                msg_id = kc.execute(code)
                wait_idle(kc, msg_id)
                round_trips.append(time.perf_counter() - t)
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    print(json.dumps({"startup": startup, "round_trips": round_trips}))


if __name__ == "__main__":
    main()
