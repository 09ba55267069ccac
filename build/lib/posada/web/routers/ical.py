"""``GET /ical/{slug}.ics?token=…``: the outbound feed channels subscribe to."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from posada.services.ical_export import export_feed
from posada.web.deps import DbDep
from posada.web.schemas import Channel, ErrorResponse

router = APIRouter(tags=["ical"])


@router.get(
    "/ical/{slug}.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}},
               **{code: {"model": ErrorResponse} for code in (404, 422, 429)}},
)
async def ical_feed(
    slug: Annotated[str, Path(pattern=r"^[a-z0-9-]{1,80}$")],
    db: DbDep,
    token: Annotated[str, Query(pattern=r"^[A-Za-z0-9_-]{1,128}$")],
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
