"""The sales endpoints of the JSON API, one router over the sub-domains' (orders and
payments; the public storefront search), mounted at /cooperatives by guyub/api.py."""

from ninja import Router

from .orders.api import router as orders
from .storefront.api import router as storefront

router = Router(tags=["sales"])
router.add_router("", orders)
router.add_router("", storefront)
