"""A care facility that families review, and the theme questions per sector."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Facility(SQLModel, table=True):
    """A childcare, youth care, disability care or elderly care facility."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, max_length=200)
    sector: str = Field(index=True, max_length=40)
    type: str = Field(max_length=80)
    municipality: str = Field(index=True, max_length=100)
    postcode: str = Field(default="", max_length=10, index=True)
    address: str = Field(default="", max_length=200)
    places: int | None = None
    income_related_fee: bool = False
    quality_label: str = Field(default="", max_length=100)
    inspection_url: str = Field(default="", max_length=300)
    participating: bool = True
    # A facility that signed up itself is not public until an admin approves it.
    listed: bool = Field(default=True, sa_column_kwargs={"server_default": "1"})
    # Proof given at sign-up: the KBO enterprise number (10 digits) and a licence number.
    enterprise_number: str = Field(
        default="", max_length=10, sa_column_kwargs={"server_default": ""}
    )
    licence_number: str = Field(default="", max_length=40, sa_column_kwargs={"server_default": ""})
    # "" for facilities from the register; "waiting", "approved" or "rejected" for sign-ups.
    signup_state: str = Field(
        default="", max_length=10, index=True, sa_column_kwargs={"server_default": ""}
    )


class ThemeQuestion(SQLModel, table=True):
    """The wording of one of the eight themes for one sector (seeded from themes.toml)."""

    id: int | None = Field(default=None, primary_key=True)
    sector: str = Field(index=True, max_length=40)
    number: int = Field(ge=1, le=8)
    title: str = Field(max_length=80)
    question: str = Field(max_length=300)
