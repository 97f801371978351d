"""Programme (補助計畫), its dated parameters (RULES §3), budget and budget movements."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backoffice.db.base import Base, enum_column_type, utcnow
from backoffice.db.enums import BudgetMovementKind, ProgrammeState


class Programme(Base):  # 補助計畫
    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    is_demo: Mapped[bool] = mapped_column(default=False)
    state: Mapped[ProgrammeState] = mapped_column(
        enum_column_type(ProgrammeState, "programme_state"), default=ProgrammeState.OPEN
    )
    applications_stopped_on: Mapped[date | None]  # announcement date (須知二(三))
    use_stopped_on: Mapped[date | None]
    subsidy_deadline: Mapped[date | None]  # 補助期限 (須知三, 七(八))
    budget_exhausted_on: Mapped[date | None]  # day the budget was announced exhausted
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    parameters: Mapped[list[ProgrammeParameter]] = relationship(back_populates="programme", lazy="raise")
    budget: Mapped[Budget | None] = relationship(back_populates="programme", lazy="raise")


class ProgrammeParameter(Base):  # 計畫參數, with an effective date
    """One value of one parameter from ``effective_from`` on; the latest row <= a day wins."""

    __tablename__ = "programme_parameters"
    __table_args__ = (
        sa.UniqueConstraint("programme_id", "name", "effective_from",
                            name="uq_programme_parameters_programme_name_from"),
        sa.CheckConstraint("int_value IS NOT NULL OR text_value IS NOT NULL", name="has_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(64))
    int_value: Mapped[int | None] = mapped_column(sa.BigInteger)
    text_value: Mapped[str | None] = mapped_column(sa.Text)
    effective_from: Mapped[date]
    set_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"), index=True)
    set_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(sa.Text)

    programme: Mapped[Programme] = relationship(back_populates="parameters", lazy="raise")


class Budget(Base):  # 補助額度
    """The single row that concurrent approvals update atomically (see ``backoffice.db.budget``)."""

    __tablename__ = "budgets"
    __table_args__ = (
        sa.CheckConstraint("committed >= 0", name="committed_not_negative"),
        sa.CheckConstraint("committed <= total", name="not_over_committed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(sa.ForeignKey("programmes.id"), unique=True)
    total: Mapped[int] = mapped_column(sa.BigInteger)
    committed: Mapped[int] = mapped_column(sa.BigInteger, default=0)

    programme: Mapped[Programme] = relationship(back_populates="budget", lazy="raise")


class BudgetMovement(Base):  # append-only: every reservation and release of budget
    __tablename__ = "budget_movements"
    __table_args__ = (
        sa.CheckConstraint("points > 0", name="points_positive"),
        # Partial: most movements have no officer (migration 0004, like the ledger's).
        sa.Index("ix_budget_movements_officer_id", "officer_id",
                 sqlite_where=sa.text("officer_id IS NOT NULL"), postgresql_where=sa.text("officer_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int] = mapped_column(sa.ForeignKey("budgets.id"), index=True)
    kind: Mapped[BudgetMovementKind] = mapped_column(enum_column_type(BudgetMovementKind, "kind"))
    points: Mapped[int] = mapped_column(sa.BigInteger)
    grant_id: Mapped[int | None] = mapped_column(sa.ForeignKey("grants.id"), index=True)
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officers.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(sa.Text)


from sqlalchemy import event  # noqa: E402

from backoffice.db.models.points import _refuse_change  # noqa: E402

event.listen(BudgetMovement, "before_update", _refuse_change)
event.listen(BudgetMovement, "before_delete", _refuse_change)
