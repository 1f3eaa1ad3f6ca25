"""The OpenAPI operationIds are part of the published API: client generators name
their methods after them. Moving an endpoint to another module (issue 11 split the
apps into sub-packages) must not rename them."""

from guyub.api import api

PUBLISHED = {
    "guyub_core_api_get_cooperative", "guyub_core_api_list_cooperatives",
    "guyub_core_api_update_cooperative",
    "guyub_ledger_api_list_accounts", "guyub_ledger_api_list_entries",
    "guyub_ledger_api_trial_balance",
    "guyub_members_api_change_member_status", "guyub_members_api_create_member",
    "guyub_members_api_get_member", "guyub_members_api_list_members",
    "guyub_members_api_my_membership", "guyub_members_api_update_member",
    "guyub_members_simpanan_api_get_simpanan", "guyub_members_simpanan_api_my_simpanan",
    "guyub_members_simpanan_api_record_simpanan",
    "guyub_purchasing_rounds_api_close_round", "guyub_purchasing_rounds_api_get_round",
    "guyub_purchasing_rounds_api_list_rounds", "guyub_purchasing_rounds_api_set_commitment",
    "guyub_purchasing_tender_api_get_tender", "guyub_purchasing_tender_api_list_bids",
    "guyub_purchasing_tender_api_list_tenders", "guyub_purchasing_tender_api_place_bid",
    "guyub_sales_api_get_order", "guyub_sales_api_notify_payment",
    "guyub_sales_api_place_order", "guyub_sales_api_storefront_search",
}


def test_no_published_operation_id_changed():
    schema = api.get_openapi_schema()
    ids = {operation["operationId"] for path in schema["paths"].values()
           for operation in path.values()}
    # A new endpoint adds an id; none of the published ones disappears.
    assert PUBLISHED <= ids, sorted(PUBLISHED - ids)
    assert len(ids) == sum(len(path) for path in schema["paths"].values())
