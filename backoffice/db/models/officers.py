"""Officers (承辦人員) with their roles and certificate binding (憑證綁定)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backoffice.db.base import Base, enum_column_type, utcnow
from backoffice.db.enums import Role


class Officer(Base):  # 承辦人員
    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    active: Mapped[bool] = mapped_column(default=True, index=True)
    # Certificate binding: the officer logs in with this card certificate.
    cert_sha256: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    cert_serial: Mapped[str | None] = mapped_column(sa.String(128))
    cert_subject: Mapped[str | None] = mapped_column(sa.Text)
    cert_issuer: Mapped[str | None] = mapped_column(sa.Text)
    cert_der: Mapped[bytes | None]
    id_last4: Mapped[str | None] = mapped_column(sa.String(4))
    cert_bound_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Roles are needed whenever an officer is (authorisation checks), and are few: load eagerly.
    roles: Mapped[list[OfficerRole]] = relationship(
        back_populates="officer", lazy="selectin", cascade="all, delete-orphan"
    )

    @property
    def role_names(self) -> frozenset[Role]:
        return frozenset(r.role for r in self.roles)


class OfficerRole(Base):
    __tablename__ = "officer_roles"
    __table_args__ = (sa.UniqueConstraint("officer_id", "role", name="uq_officer_roles_officer_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(sa.ForeignKey("officers.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_column_type(Role, "role"))

    officer: Mapped[Officer] = relationship(back_populates="roles", lazy="raise")
