from __future__ import annotations

from posada.db.engine import Database
from tests.conftest import LiveServer


async def test_token_from_password_opens_admin_calls(
    live_server: LiveServer, admin_user: str
) -> None:
    async with live_server.client() as client:
        wrong = await client.post("/api/v1/auth/token",
                                  data={"username": admin_user, "password": "nope-nope"})
        assert (wrong.status_code, wrong.json()["error"]["code"]) == (401, "unauthorized")
        unknown = await client.post("/api/v1/auth/token",
                                    data={"username": "ghost", "password": "whatever1"})
        assert unknown.status_code == 401
        empty = await client.post("/api/v1/auth/token", data={})
        assert (empty.status_code, empty.json()["error"]["code"]) == (422, "invalid_request")
        granted = await client.post("/api/v1/auth/token", data={
            "username": admin_user, "password": "correct horse battery"})
        assert granted.status_code == 200
        token = granted.json()["access_token"]
        assert granted.json()["token_type"] == "bearer"
        listing = await client.get("/api/v1/admin/accommodations",
                                   headers={"Authorization": f"Bearer {token}"})
        assert listing.status_code == 200


async def test_password_is_stored_as_argon2(db: Database, admin_user: str) -> None:
    from sqlalchemy import select

    from posada.db.models import AdminUser

    async with db.session() as session:
        stored = await session.scalar(select(AdminUser.password_hash))
    assert stored is not None and stored.startswith("$argon2id$")
    assert "correct horse" not in stored
