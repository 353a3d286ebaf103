"""`manage.py run_worker`: the database task worker that survives outages (lms/worker.py).

Takes db_worker's options, plus how often to beat and to look for abandoned tasks. Run it
under a supervisor that restarts it (the README's lms-worker.service: Restart=always).
"""

import os
import socket

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from lms.worker import ResilientWorker, stale_after


class Command(DBWorkerCommand):
    help = "Run the database task worker with reconnection, retries, a heartbeat and reclaiming."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=f"{socket.gethostname()}-{os.getpid()}"[:64])
        parser.add_argument(
            "--heartbeat-every",
            type=float,
            default=None,
            help="Seconds between heartbeats (default: a sixth of LMS_WORKER_STALE_SECONDS).",
        )
        parser.add_argument(
            "--reclaim-every",
            type=float,
            default=None,
            help="Seconds between looks for tasks whose worker stopped (default: a third of "
            "LMS_WORKER_STALE_SECONDS).",
        )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, **options):
        self.configure_logging(verbosity)
        worker = ResilientWorker(
            queue_names=queue_name.split(","),
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            heartbeat_every=options["heartbeat_every"] or max(stale_after() / 6, 0.2),
            reclaim_every=options["reclaim_every"] or max(stale_after() / 3, 0.5),
        )
        if reload and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
