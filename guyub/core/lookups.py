"""`pk__in` with a number past the column finds nothing instead of failing.

Django answers `pk=99999999999999999999` with "no such row", but not `pk__in=[...]`:
the number goes to the database driver, which fails (SQLite: OverflowError; PostgreSQL:
out of range), a 500 on every form with a multiple choice of records (suppliers,
channels, members to hand goods to) when someone posts such an id. Registered on
IntegerField, this covers every integer primary key and column of the project.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type())
            self.rhs = [v for v in self.rhs
                        if not isinstance(v, int) or ((low is None or v >= low)
                                                      and (high is None or v <= high))]
        return super().process_rhs(compiler, connection)
