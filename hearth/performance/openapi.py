"""The OpenAPI description of Hearth's read-only JSON API, for the council's data warehouse and for
the API fuzzer in the tests (schemathesis checks every answer against this description).

Written out by hand: the API is one endpoint today. The list of indicator ids is read from the
catalogue, so the description cannot fall behind it.
"""

from hearth.performance.catalogue import CATALOGUE

SUPPRESSED = {"type": "string", "enum": ["c"], "description": "A small number, suppressed for aggregate-only readers"}
WHOLE_NUMBER = {"type": "integer", "minimum": 0}


def _count_or_suppressed(description: str) -> dict:
    return {"description": description, "anyOf": [WHOLE_NUMBER, SUPPRESSED, {"type": "null"}]}


def openapi_document() -> dict:
    """The API description as a dict (served as JSON at /api/openapi.json)."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Hearth performance API",
            "version": "1",
            "description": "Every indicator's figures for a date: figures only, never a child's record.",
        },
        "paths": {"/api/indicators/": {"get": _indicators_operation()}},
        "components": {
            "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "sessionid"}},
            "schemas": {"Scorecard": _scorecard_schema(), "Error": _error_schema()},
        },
        "security": [{"session": []}],
    }


def _indicators_operation() -> dict:
    return {
        "operationId": "indicators",
        "summary": "Every indicator's value, numerator and denominator as of a date",
        "parameters": [
            {
                "name": "as_of",
                "in": "query",
                "required": False,
                "description": "The date the figures are for, written 2026-03-31 (today if omitted)",
                "schema": {"type": "string", "format": "date"},
            }
        ],
        "responses": {
            "200": _json("The figures", "Scorecard"),
            "400": _json("The date is not a date, is in the future, or is before 14 October 1991", "Error"),
            "401": _json("Not signed in (or the second sign-in factor not yet given)", "Error"),
            "403": {"description": "The signed-in user may not read performance figures"},
        },
    }


def _json(description: str, schema: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _error_schema() -> dict:
    return {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}


def _scorecard_schema() -> dict:
    number_or_null = {"anyOf": [{"type": "number"}, {"type": "null"}]}
    indicator = {
        "type": "object",
        "required": [
            "id",
            "title",
            "unit",
            "polarity",
            "numerator",
            "denominator",
            "value",
            "rag",
            "travel",
            "last_period",
            "travel_since_last_period",
        ],
        "properties": {
            "id": {"type": "string", "enum": [indicator.id for indicator in CATALOGUE]},
            "title": {"type": "string"},
            "unit": {"type": "string"},
            "polarity": {"type": "string", "enum": sorted({indicator.polarity.value for indicator in CATALOGUE})},
            "numerator": _count_or_suppressed("Members of the denominator counted (or the count itself)"),
            "denominator": _count_or_suppressed("Members counted over, or null for a count"),
            "value": {"anyOf": [{"type": "number"}, SUPPRESSED, {"type": "null"}]},
            "target": number_or_null,
            "rag": {"anyOf": [{"type": "string", "enum": ["red", "amber", "green"]}, {"type": "null"}]},
            "same_point_last_year": {"anyOf": [{"type": "number"}, SUPPRESSED, {"type": "null"}]},
            "same_point_last_year_published": {
                "type": "boolean",
                "description": "The figure a year before is a published month's (as sent), not the record's today",
            },
            "travel": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "last_period_end": {"type": "string", "format": "date"},
            "last_period": {"anyOf": [{"type": "number"}, SUPPRESSED, {"type": "null"}]},
            "last_period_published": {
                "type": "boolean",
                "description": "The last month-end's figure is the published month's (as sent), not the record's today",
            },
            "travel_since_last_period": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "benchmarks": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "required": ["year", "value"],
                    "properties": {"year": {"type": "integer"}, "value": {"type": "number"}},
                },
            },
        },
    }
    return {
        "type": "object",
        "required": ["as_of", "period_start", "indicators"],
        "properties": {
            "as_of": {"type": "string", "format": "date"},
            "period_start": {"type": "string", "format": "date"},
            "indicators": {"type": "array", "items": indicator},
        },
    }
