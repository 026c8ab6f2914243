"""How to send each office-wide write command, in a setting of its own, for the role matrix."""

from __future__ import annotations

import itertools

from storage.models import Commemoration, Task, TaskUnit
from tests.roles_harness import OWN, SCOPES, Go, Send, World, counter
from tests.roles_unit_writes import dossier

closing_years = itertools.count(1950)


async def themsukien(world: World, actor: str, unit: str) -> Go:
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    return lambda: world.say(actor, chat, f"/themsukien 01/02/2001 Ngày thử {next(counter)}")


async def xoa_office(kind: str, world: World, actor: str) -> Go:
    code = f"X{next(counter)}"
    async with world.app.sessions() as session, session.begin():
        if kind == "sukien":
            session.add(
                Commemoration(
                    code=code, title="Ngày thử", calendar="solar", day=1, month=2, category="khac"
                )
            )
        else:
            session.add(Task(year=2026, code=code, title="Nhiệm vụ thử"))
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    return lambda: world.say(actor, chat, f"/xoa {kind} {code} xacnhan")


async def xoa_sukien(world: World, actor: str, unit: str) -> Go:
    return await xoa_office("sukien", world, actor)


async def xoa_nhiemvu(world: World, actor: str, unit: str) -> Go:
    return await xoa_office("nhiemvu", world, actor)


async def themnhiemvu(world: World, actor: str, unit: str) -> Go:
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    return lambda: world.say(
        actor, chat, f"/themnhiemvu 15/12/2026 Nhiệm vụ thử {next(counter)} HM"
    )


async def suanhiemvu(world: World, actor: str, unit: str) -> Go:
    code = f"NV2026-S{next(counter)}"
    async with world.app.sessions() as session, session.begin():
        session.add(Task(year=2026, code=code, title="Nhiệm vụ thử"))
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    return lambda: world.say(actor, chat, f"/suanhiemvu {code} donvi HM P-DAIKIM")


async def khoanam(world: World, actor: str, unit: str) -> Go:
    year = next(closing_years)  # a year nobody closed yet, so closing it writes
    async with world.app.sessions() as session, session.begin():
        session.add(Task(year=year, code=f"NV{year}-K{next(counter)}", title="Nhiệm vụ thử"))
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    return lambda: world.say(actor, chat, f"/khoanam {year}")


async def quyen_chung(world: World, actor: str, unit: str) -> Go:
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    person = f"{world.platform}:{next(counter) + 7000}"
    return lambda: world.say(actor, chat, f"/quyen them chung {person}")


async def xulyhoso(world: World, actor: str, unit: str) -> Go:
    code = await dossier(world, SCOPES[OWN])
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    return lambda: world.say(actor, chat, f"/xulyhoso {code} thamdinh")


async def donvi_them(world: World, actor: str, unit: str) -> Go:
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    code = f"U-{next(counter)}"
    return lambda: world.say(actor, chat, f"/donvi them {code} trường học Trường thử thuộc HM")


async def nhacbaocao(world: World, actor: str, unit: str) -> Go:
    # A task of its own each time: a second nudge the same day is answered without writing.
    code = f"NB{next(counter)}"
    async with world.app.sessions() as session, session.begin():
        task = Task(year=2026, code=code, title="Nhiệm vụ thử")
        session.add(task)
        await session.flush()
        session.add(TaskUnit(task_id=task.id, unit_id=world.units["P-GIAPBAT"]))
    chat = await world.new_chat(SCOPES[OWN] if actor == "group_admin" else None)
    return lambda: world.say(actor, chat, f"/nhacbaocao {code}")


OFFICE_COMMANDS: list[tuple[str, Send]] = [
    ("/themsukien", themsukien),
    ("/xoa sukien", xoa_sukien),
    ("/xoa nhiemvu", xoa_nhiemvu),
    ("/quyen them chung", quyen_chung),
    ("/nhacbaocao", nhacbaocao),
    ("/xulyhoso", xulyhoso),
    ("/donvi them", donvi_them),
    ("/themnhiemvu", themnhiemvu),
    ("/suanhiemvu", suanhiemvu),
    ("/khoanam", khoanam),
]
