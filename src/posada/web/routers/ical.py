"""``GET /ical/{slug}.ics?token=…``: the outbound feed channels subscribe to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from posada.services.ical_export import export_feed
from posada.web.deps import DbDep
from posada.web.schemas import Channel, ErrorResponse

router = APIRouter(tags=["ical"])


@router.get(
    "/ical/{slug}.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, 404: {"model": ErrorResponse}},
)
async def ical_feed(
    slug: str,
    db: DbDep,
    token: Annotated[str, Query(min_length=1, max_length=128)],
    exclude: Channel | None = None,
) -> Response:
    body = await export_feed(db, slug, token, exclude=exclude)
    return Response(
        body, media_type="text/calendar; charset=utf-8",
        headers={
            "Cache-Control": "no-store",
            "Content-Disposition": f'inline; filename="{slug}.ics"',
        },
    )
