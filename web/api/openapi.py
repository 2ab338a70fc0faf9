"""The OpenAPI 3 document of the read-only public API."""

from __future__ import annotations

from typing import Any

_ERROR = {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}
_NOT_FOUND = {"description": "Niet gevonden", "content": {"application/json": {"schema": _ERROR}}}
_ID = {
    "name": "facility_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
}
_PAGE = {
    "name": "page",
    "in": "query",
    "required": False,
    "schema": {"type": "integer", "minimum": 1, "maximum": 10000},
}
FACILITY = {
    "type": "object",
    "required": ["id", "name", "sector", "type", "municipality", "postcode"],
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "sector": {"type": "string"},
        "type": {"type": "string"},
        "municipality": {"type": "string"},
        "postcode": {"type": "string"},
        "places": {"type": "integer", "nullable": True},
        "income_related_fee": {"type": "boolean"},
        "published_reviews": {"type": "integer"},
    },
}
THEME = {
    "type": "object",
    "required": ["theme", "title", "average", "count"],
    "properties": {
        "theme": {"type": "integer"},
        "title": {"type": "string"},
        "average": {"type": "number", "nullable": True},
        "count": {"type": "integer"},
    },
}
REVIEW = {
    "type": "object",
    "required": ["id", "published_at", "verified", "answers", "story", "replies"],
    "properties": {
        "id": {"type": "integer"},
        "published_at": {"type": "string", "format": "date-time"},
        "verified": {"type": "boolean"},
        "story": {"type": "string"},
        "answers": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["theme", "score", "text"],
                "properties": {
                    "theme": {"type": "integer"},
                    "score": {"type": "integer"},
                    "text": {"type": "string"},
                },
            },
        },
        "replies": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "published_at"],
                "properties": {
                    "text": {"type": "string"},
                    "published_at": {"type": "string", "format": "date-time"},
                },
            },
        },
    },
}


def _page_of(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["items", "page", "has_next"],
        "properties": {
            "items": {"type": "array", "items": item},
            "page": {"type": "integer"},
            "has_next": {"type": "boolean"},
        },
    }


def document() -> dict[str, Any]:
    """The OpenAPI document."""
    ok = "Gelukt"
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Zorgwaardering Vlaanderen – publieke gegevens",
            "version": "1.0.0",
            "description": "Alleen gepubliceerde, geredigeerde gegevens.",
        },
        "paths": {
            "/api/v1/facilities": {
                "get": {
                    "summary": "Voorzieningen zoeken",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "maxLength": 100},
                        },
                        {
                            "name": "sector",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "maxLength": 40},
                        },
                        _PAGE,
                    ],
                    "responses": {
                        "200": {
                            "description": ok,
                            "content": {"application/json": {"schema": _page_of(FACILITY)}},
                        }
                    },
                }
            },
            "/api/v1/facilities/{facility_id}": {
                "get": {
                    "summary": "Eén voorziening met scores per thema",
                    "parameters": [_ID],
                    "responses": {
                        "200": {
                            "description": ok,
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["facility", "themes"],
                                        "properties": {
                                            "facility": FACILITY,
                                            "themes": {"type": "array", "items": THEME},
                                        },
                                    }
                                }
                            },
                        },
                        "404": _NOT_FOUND,
                    },
                }
            },
            "/api/v1/facilities/{facility_id}/reviews": {
                "get": {
                    "summary": "Gepubliceerde waarderingen met reacties, nieuwste eerst",
                    "parameters": [_ID, _PAGE],
                    "responses": {
                        "200": {
                            "description": ok,
                            "content": {"application/json": {"schema": _page_of(REVIEW)}},
                        },
                        "404": _NOT_FOUND,
                    },
                }
            },
        },
    }
