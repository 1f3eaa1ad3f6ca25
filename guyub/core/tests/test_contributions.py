"""Apps plug into the platform through their AppConfig, never by core importing them."""

import pytest

from guyub.core.contributions import contributions
from guyub.core.jobs import registered_jobs


def test_the_demo_is_loaded_in_layer_order_members_first():
    modules = [load.__module__ for load in contributions("demo")]
    assert modules == ["guyub.members.demo", "guyub.sales.demo", "guyub.purchasing.demo",
                       "guyub.contracts.demo", "guyub.resources.demo",
                       "guyub.support.demo", "guyub.governance.demo",
                       "guyub.finance.demo"]


def test_the_scheduled_jobs_are_the_ones_the_apps_declare():
    assert [job.name for job in registered_jobs()] == [
        "prune_job_runs", "send_notifications", "remind_simpanan_dues",
        "warn_expiring_certificates", "refresh_sales_summaries", "remind_handovers",
        "close_due_rounds",
        "close_due_tenders", "remind_rounds", "allocate_due_deliveries",
        "remind_contract_deliveries", "remind_member_payments", "tell_overdue_invoices",
        "remind_due_back", "expire_waitlist",
        "remind_maintenance",
        "remind_instalments",
        "remind_rat", "seat_officers", "reorder_ballot_boxes",
        "settle_unclaimed_shu"]


def test_an_unknown_hook_is_a_programming_error_not_an_empty_list():
    with pytest.raises(ValueError, match="Unknown contribution hook 'dashbord'"):
        contributions("dashbord")
