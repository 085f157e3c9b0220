"""``/catalogue``: the tool catalogue view (filters, sorting, comparison), drawn in the browser
from the curated query ``tool-catalogue``."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from mlopskg.api.pages import STATIC

router = APIRouter()


@router.get("/catalogue", include_in_schema=False)
async def catalogue_page() -> FileResponse:
    return FileResponse(STATIC / "catalogue.html", media_type="text/html")
