"""`python -m devstack.supervisor [--name NAME] -- COMMAND...` runs COMMAND and starts it again whenever it
stops, saying so in the log: bin/dev (and the e2e suite) run the worker under it, so a worker that crashes
or is killed comes back instead of leaving the conversations' previews stale.

A command that keeps failing is restarted after 1 s, 2 s, 4 s … up to 30 s; once it has run for a minute,
the next restart waits 1 s again. SIGTERM or SIGINT stops the command and the supervisor. The command stays
in the supervisor's process group, so bin/dev's stop_started, which signals the group, reaches both.
"""

import argparse
import logging
import signal

# bandit: it runs the command it is given, as exec does.
import subprocess  # nosec B404
import threading
import time

log = logging.getLogger("devstack.supervisor")

FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 30.0
# A run this long was not a crash loop, so the next restart is quick again.
HEALTHY_AFTER_SECONDS = 60.0


def describe_exit(returncode):
    if returncode < 0:
        return f"was killed by {signal.Signals(-returncode).name}"
    return f"exited with status {returncode}"


class Supervisor:
    def __init__(self, command, name, first_delay, max_delay, healthy_after):
        self.command = command
        self.name = name
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.healthy_after = healthy_after
        self.stopping = threading.Event()
        self.child = None

    def run(self):
        """Runs the command until `stop`; each time it ends on its own, starts it again after the delay."""
        delay = self.first_delay
        while not self.stopping.is_set():
            started = time.monotonic()
            self.child = subprocess.Popen(self.command)  # nosec B603
            if self.stopping.is_set():  # a stop that came while it was starting, before it could be forwarded
                self.child.terminate()
            log.info("started the %s (pid %d)", self.name, self.child.pid)
            returncode = self.child.wait()
            if self.stopping.is_set():
                return
            ran = time.monotonic() - started
            if ran >= self.healthy_after:
                delay = self.first_delay
            log.warning(
                "the %s (pid %d) %s after %.1f s; restarting it in %g s",
                self.name,
                self.child.pid,
                describe_exit(returncode),
                ran,
                delay,
            )
            self.stopping.wait(delay)
            delay = min(delay * 2, self.max_delay)

    def stop(self, signum, _frame):
        """A signal handler: passes the signal on to the command and starts nothing more."""
        self.stopping.set()
        if self.child:
            self.child.send_signal(signum)  # a no-op once the child has been waited for


def main():
    parser = argparse.ArgumentParser(
        prog="python -m devstack.supervisor", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--name", default="command", help="what the log lines call the command")
    parser.add_argument(
        "--first-delay", type=float, default=FIRST_DELAY_SECONDS, help="seconds before the first restart"
    )
    parser.add_argument("--max-delay", type=float, default=MAX_DELAY_SECONDS, help="the most seconds between restarts")
    parser.add_argument(
        "--healthy-after",
        type=float,
        default=HEALTHY_AFTER_SECONDS,
        help="seconds of running after which the delay starts over",
    )
    parser.add_argument("command", nargs="+", help="the command and its arguments (after --)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    supervisor = Supervisor(args.command, args.name, args.first_delay, args.max_delay, args.healthy_after)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, supervisor.stop)
    supervisor.run()


if __name__ == "__main__":
    main()
