"""The contract records the permission and tenant walks point the contract pages at,
built once per cooperative (one grade, one contract): delivery 1 split by the
allocation, checked and delivered to the buyer with its invoice; delivery 2 split and
waiting for the goods, with a producer's allotment (someone else's to any role walked)."""

from django_scopes import scope

from guyub.contracts.allocation import services as allocation
from guyub.contracts.deliveries.services import deliver_to_buyer
from guyub.testing.contracts import contract_world
from guyub.testing.contracts_deliveries import check_all


def contracts_walk_world(cooperative, actor) -> dict:
    built = contract_world(cooperative, actor)
    contract = built["contract"]
    with scope(cooperative=cooperative):
        delivered = allocation.allocate_delivery(delivery=contract.schedule.get(sequence=1))
    receipts = check_all(delivered, actor)
    with scope(cooperative=cooperative):
        invoice = deliver_to_buyer(delivery=delivered, actor=actor)
        waiting = allocation.allocate_delivery(delivery=contract.schedule.get(sequence=2))
        allotment = waiting.allotments.order_by("pk").first()
    return {"contract": contract, "contract_buyer": built["buyer"],
            "contract_delivery": delivered, "contract_receipt": receipts[0],
            "buyer_invoice": invoice, "allotted_delivery": waiting, "allotment": allotment}
