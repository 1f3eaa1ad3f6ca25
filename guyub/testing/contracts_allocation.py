"""The allocation's records for the permission and tenant walks: the contract world
(published rule, three producers' capacities) with its first delivery split, so
every allocation page has a contract, a delivery and an allotment to point at. The
allotment is a producer's: to any role walked it is someone else's."""

from django_scopes import scope

from guyub.contracts.allocation import services
from guyub.testing.contracts import contract_world


def allocation_world(cooperative, actor) -> dict:
    built = contract_world(cooperative, actor)
    contract = built["contract"]
    with scope(cooperative=cooperative):
        delivery = services.allocate_delivery(delivery=contract.schedule.get(sequence=1))
        allotment = delivery.allotments.order_by("pk").first()
    return {"contract": contract, "contract_delivery": delivery, "allotment": allotment}
