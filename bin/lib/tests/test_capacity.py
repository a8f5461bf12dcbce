"""The capacity model (bin/lib/capacity.py) and the deploy lint's check of the parameters against it. The lint
runs on a copy of aws/cfn whose parameters files a test edits, as a person sizing an environment would.
Run by the deploy suite with the tools venv's Python (it has cfn-lint, which the lint reads templates with):
    .data/tools-venv/bin/python -m unittest discover -s bin/lib/tests
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import uuid
from dataclasses import replace
from pathlib import Path

LIB = Path(__file__).resolve().parents[1]
CFN = LIB.parents[1] / "aws" / "cfn"
TIMELINE_STORE = LIB.parents[1] / "backend-flask" / "cruddur" / "timelines" / "store.py"
sys.path.insert(0, str(LIB))

import capacity  # noqa: E402


class TheModel(unittest.TestCase):
    def test_each_tier_plan_holds_its_tier_and_not_ten_times_more(self):
        for made in capacity.plans():
            self.assertEqual(capacity.problems(made.config, made.dau), [], made.dau)
            self.assertNotEqual(capacity.problems(made.config, made.dau * 10), [], made.dau)

    def test_before_migration_0020_every_expiry_on_every_stream_outgrew_any_database_at_1m(self):
        now = capacity.plans()
        before = capacity.plans(replace(capacity.Config(), expiry_deletes_streamed=True))
        for current, old in zip(now, before, strict=True):
            self.assertGreaterEqual(old.config.StreamMaxTasks, current.config.StreamMaxTasks)
        self.assertGreater(before[1].config.StreamMaxTasks, 5 * now[1].config.StreamMaxTasks)
        problems = capacity.problems(before[2].config, before[2].dau)
        self.assertEqual([resource for resource, _, _ in problems], ["database connection budget"])

    def test_what_runs_out_on_the_way_is_below_the_tier_and_in_order(self):
        for made in capacity.plans():
            limits = [limit for limit, _ in made.runs_out]
            self.assertEqual(limits, sorted(limits))
            self.assertTrue(all(limit < made.dau for limit in limits))
        # The first step starts from the parameters as they were: a micro cache, outgrown by the timelines.
        self.assertEqual(capacity.plans()[0].runs_out[0][1], "cache memory (timelines)")

    def test_a_row_with_pgbench_splits_the_measured_cost_between_the_api_and_the_database(self):
        api, database = capacity.request_cost("search")
        self.assertAlmostEqual(api + database, 1000 * capacity.BENCH_CORES / 711)
        self.assertAlmostEqual(database, 1000 * capacity.BENCH_CORES / 1663)

    def test_stream_deliveries_grow_with_the_square_of_the_people(self):
        # Every live crud's deletion goes to every stream, and the cruds grow with the people as the streams do.
        small = replace(capacity.Config(), StreamMaxTasks=10)
        large = replace(capacity.Config(), StreamMaxTasks=40)
        ratio = capacity.holds_up_to(large, "stream deliveries") / capacity.holds_up_to(small, "stream deliveries")
        self.assertGreater(ratio, 1.8)
        self.assertLess(ratio, 2.5)

    def test_the_home_announcements_are_sized_as_the_fan_out_writes_them(self):
        chunk = int(re.search(r"^HOME_CHUNK = (\d+)$", TIMELINE_STORE.read_text(), re.MULTILINE)[1])
        self.assertEqual(capacity.HOME_VIEWERS_PER_MESSAGE, chunk)
        for viewers in (1, 116, chunk):
            # The message publish_home sends (timelines/store.py): a crud, no reposter, the viewers named.
            message = {"uuid": str(uuid.uuid4()), "by": None, "to": [str(uuid.uuid4()) for _ in range(viewers)]}
            expected = capacity.HOME_MESSAGE_BYTES + viewers * capacity.HOME_BYTES_PER_VIEWER
            self.assertEqual(len(json.dumps(message)), expected)

    def test_the_cache_node_is_chosen_by_memory_and_its_network_checked(self):
        for made in capacity.plans():
            # The home events take a small share of the baseline: memory alone picks the same node.
            self.assertEqual(capacity.pick_cache(made.demand, 0), made.config.CacheNodeType)
        largest = capacity.plans()[-1]
        small_node = replace(largest.config, CacheNodeType="cache.t4g.medium")
        resources = [resource for resource, _, _ in capacity.problems(small_node, largest.dau)]
        self.assertIn("cache network (home events)", resources)

    def test_the_readme_tables_are_the_models(self):
        self.assertEqual(capacity.readme_tables(), capacity.markdown())


class TheLintOnACopy(unittest.TestCase):
    def setUp(self):
        self.cfn = Path(tempfile.mkdtemp()) / "cfn"
        shutil.copytree(CFN, self.cfn)
        self.addCleanup(shutil.rmtree, self.cfn.parent)

    def edit(self, path, **values):
        file = self.cfn / path
        file.write_text(json.dumps({**json.loads(file.read_text()), **values}, indent=2))

    def lint(self):
        run = subprocess.run(
            [sys.executable, str(LIB / "deploy_lint.py"), "capacity", str(self.cfn)],
            capture_output=True,
            text=True,
            check=False,
        )
        return run.returncode, run.stdout + run.stderr

    def test_the_repositorys_parameters_hold_their_tiers(self):
        code, output = self.lint()
        self.assertEqual(code, 0, output)
        self.assertIn("prod: sized for 10k daily active people; holds up to", output)

    def test_a_cache_node_too_small_for_the_tier_fails_naming_it_and_the_node_needed(self):
        self.edit("data/params/prod.json", CacheNodeType="cache.t4g.micro")
        code, output = self.lint()
        self.assertEqual(code, 1, output)
        self.assertIn("prod (sized for 10k daily active people): CacheNodeType cache.t4g.micro", output)
        self.assertIn("it needs cache.t4g.medium", output)
        self.assertNotIn("rehearsal (sized", output)

    def test_too_few_api_tasks_fail(self):
        self.edit("services/params/prod.json", BackendMinTasks="1", BackendMaxTasks="1")
        code, output = self.lint()
        self.assertEqual(code, 1, output)
        self.assertIn("BackendMaxTasks 1 does not hold the API CPU; it needs 2", output)
        self.assertIn("BackendMinTasks 1 does not hold the API tasks off-peak; it needs 2", output)

    def test_the_prod_parameters_do_not_hold_a_hundred_thousand_people(self):
        self.edit("capacity-tiers.json", prod=100_000)
        code, output = self.lint()
        self.assertEqual(code, 1, output)
        for wanted in (
            "prod (sized for 100k daily active people): DatabaseInstanceClass db.t4g.small does not hold the "
            "database memory; it needs db.t4g.large",
            "CacheNodeType cache.t4g.medium does not hold the cache memory (timelines); it needs cache.r7g.xlarge",
            "StreamMaxTasks 3 does not hold the stream connections; it needs 6",
            "RequestsPerTargetPerMinute 600 does not hold the request-count scaling; it needs 2032",
        ):
            self.assertIn(wanted, output)

    def test_max_connections_past_what_the_class_derives_fails(self):
        self.edit("data/params/prod.json", DatabaseMaxConnections="400")
        code, output = self.lint()
        self.assertEqual(code, 1, output)
        self.assertIn("DatabaseMaxConnections 400 does not hold the database connections; it needs at most 191", output)

    def test_a_class_the_model_has_no_figures_for_fails(self):
        self.edit("data/params/prod.json", DatabaseInstanceClass="db.x9.huge")
        code, output = self.lint()
        self.assertEqual(code, 1, output)
        self.assertIn("prod: bin/lib/capacity.py has no figures for DatabaseInstanceClass db.x9.huge", output)

    def test_pools_past_the_connection_budget_still_fail(self):
        self.edit("services/params/prod.json", BackendPoolSize="10")
        code, output = self.lint()
        self.assertEqual(code, 1, output)
        self.assertIn("prod: the API's pools may open 6 tasks x 2 workers x 2 pools x 10 = 240 connections", output)

    def test_an_environment_with_no_tier_fails(self):
        for stack in ("services", "data"):
            shutil.copy(self.cfn / stack / "params" / "prod.json", self.cfn / stack / "params" / "staging.json")
        code, output = self.lint()
        self.assertEqual(code, 1, output)
        self.assertIn("staging: no capacity tier", output)


if __name__ == "__main__":
    unittest.main()
