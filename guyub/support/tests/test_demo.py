"""The support demo: the member login's running loan (instalments paid, one from
sukarela), a loan in arrears (kurang lancar), an application waiting for the board; the
solidarity fund with its contributions, a paid fire grant and a request waiting; the
help board's posts, replies and mentors; all through the services, the ledger
balanced."""

import pytest
from django.utils import timezone
from django_scopes import scope

from guyub.core.demo import MEMBER_LOGIN
from guyub.core.roles import Role
from guyub.ledger.selectors import trial_balance
from guyub.members.models import Sector
from guyub.support.demo import STAFF_LOGIN, load_support_demo
from guyub.support.helpboard.models import Mentor, Post, Reply
from guyub.support.loans import collectibility
from guyub.support.loans import selectors as loan_reads
from guyub.support.loans.models import Instalment, Loan, LoanSettings, PayMethod
from guyub.support.solidarity import selectors as fund_reads
from guyub.support.solidarity.models import Contribution, Grant
from guyub.testing.factories import CoopRoleFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wulan(coop):
    user = UserFactory(username=MEMBER_LOGIN, email=MEMBER_LOGIN)
    CoopRoleFactory(user=user, cooperative=coop, role=Role.MEMBER)
    return MemberFactory(cooperative=coop, sector=Sector.COFFEE, user=user,
                         owner_name="Wulan Puspitasari")


@pytest.fixture
def demo(coop, board, wulan):
    staff = UserFactory(username=STAFF_LOGIN)
    CoopRoleFactory(user=staff, cooperative=coop, role=Role.STAFF)
    for sector in (Sector.COFFEE, Sector.SNACKS, Sector.FOOD, Sector.FASHION, Sector.BATIK,
                   Sector.CRAFTS):
        MemberFactory(cooperative=coop, sector=sector)
    with scope(cooperative=coop):
        load_support_demo(coop, board)


def test_three_loans_running_in_arrears_and_waiting(coop, demo, wulan):
    today = timezone.localdate()
    with scope(cooperative=coop):
        assert LoanSettings.objects.count() == 1
        running = Loan.objects.get(member=wulan)
        assert running.status == Loan.Status.ACTIVE
        paid = running.instalments.filter(status=Instalment.Status.PAID)
        assert paid.count() >= 2
        assert PayMethod.SUKARELA in set(running.repayments.values_list("method", flat=True))
        assert loan_reads.grade_of(running, today, 7) == collectibility.LANCAR
        late = Loan.objects.get(status=Loan.Status.ACTIVE, member__sector=Sector.FASHION)
        assert late.instalments.filter(status=Instalment.Status.PAID).count() == 1
        assert loan_reads.grade_of(late, today, 7) == collectibility.KURANG_LANCAR
        waiting = Loan.objects.get(status=Loan.Status.APPLIED)
        assert waiting.assessment and waiting.decided_at is None
        rows = trial_balance(as_of=today)
        assert sum(r.debit for r in rows) == sum(r.credit for r in rows) > 0


def test_the_fund_a_paid_fire_grant_and_a_request_waiting(coop, demo, wulan):
    with scope(cooperative=coop):
        sources = set(Contribution.objects.values_list("source", flat=True))
        assert sources == {"member", "cooperative", "donor"}
        assert Contribution.objects.filter(member=wulan, method="sukarela").exists()
        fire = Grant.objects.get(category=Grant.Category.FIRE)
        assert fire.status == Grant.Status.PAID
        assert fire.amount_approved < fire.amount_requested and fire.entry_id
        assert Grant.objects.filter(status=Grant.Status.REQUESTED).count() == 1
        total = sum(Contribution.objects.values_list("amount", flat=True))
        assert fund_reads.fund_balance(coop) == total - fire.amount_approved


def test_the_help_board_has_needs_offers_replies_and_mentors(coop, demo, wulan):
    with scope(cooperative=coop):
        kinds = set(Post.objects.values_list("kind", flat=True))
        assert kinds == {Post.Kind.NEED, Post.Kind.OFFER}
        assert Post.objects.filter(done=True).count() == 1
        assert Reply.objects.count() >= 5
        assert Mentor.objects.filter(active=True).count() == 3
        assert Mentor.objects.filter(member=wulan).exists()


def test_the_member_login_and_the_board_see_the_pages(client, coop, demo, wulan, board):
    with scope(cooperative=coop):
        loan = Loan.objects.get(member=wulan)
    client.force_login(wulan.user)
    base = f"/k/{coop.slug}"
    for url in ("/saya/pinjaman/", f"/saya/pinjaman/{loan.pk}/", "/saya/dana-sosial/",
                "/papan-bantuan/", "/papan-bantuan/mentor/"):
        assert client.get(base + url).status_code == 200, url
    client.force_login(board)
    for url in ("/pinjaman/", "/pinjaman/portofolio/", f"/pinjaman/{loan.pk}/",
                "/dana-sosial/", "/dana-sosial/bantuan/", "/papan-bantuan/"):
        assert client.get(base + url).status_code == 200, url
