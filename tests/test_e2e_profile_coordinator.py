"""/profil, /mine_data, /slet_mig and the coordinator tools, end to end through the stand-in.

Assertions are on data (codes, names, municipalities, projects, files) rather than on
wording, except where both the Danish and the English text are accepted.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from typing import Any

from tests.localbot import LocalBot, Message

CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}\b")
REFUSED = ("ikke længere gyldig", "no longer valid")
NOT_REGISTERED = ("ikke registreret", "not registered")
ONLY_FOR = ("kun for", "only for")


def has(text: str, options: tuple[str, ...]) -> bool:
    return any(o in text for o in options)


def query(bot: LocalBot, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with sqlite3.connect(bot.db) as conn:
        return list(conn.execute(sql, params))


def invitations_by(bot: LocalBot, user_id: int) -> int:
    return int(query(bot, "select count(*) from invitations where created_by = ?",
                     (str(user_id),))[0][0])


def buttons(message: Message) -> list[dict[str, str]]:
    return [b for row in message["buttons"] for b in row]


def with_buttons(bot: LocalBot, user_id: int) -> Message:
    return bot.wait_for(user_id, lambda m: bool(m["buttons"]) and not m["edited"])


def replay(bot: LocalBot, user_id: int, data: str) -> None:
    """Press `data` (e.g. copied from someone else's button) on a bot message in my chat."""
    mine = [m for m in bot.messages(user_id) if m.get("from") == "bot"]
    bot.press(user_id, mine[-1], data=data)


def new_message(bot: LocalBot, user_id: int) -> Message:
    return bot.wait_for(user_id, lambda m: not m["edited"])


# -- /profil ---------------------------------------------------------------------------------


def test_profile_shows_role_project_and_municipality(local_bot: LocalBot) -> None:
    local_bot.register(400, "projektleder", "voksenliv", "Odense", first_name="Mette")
    text = local_bot.ask(400, "/profil")["text"]
    assert "Mette" in text
    assert "projektleder" in text.lower() or "project leader" in text.lower()
    assert "Odense" in text
    assert "Bedre overgang til voksenlivet for unge med handicap" in text
    year = str(time.gmtime().tm_year)
    assert year in text  # the registration date


def test_profile_switches_between_projects(local_bot: LocalBot) -> None:
    local_bot.register(401, "projektleder", "voksenliv", "Odense")
    local_bot.register(401, "praktiker", "mestring-born", "Vejle")  # now active: mestring-born
    profile = local_bot.ask(401, "/profil")
    assert "Vejle" in profile["text"] and "Mestringsindsats" in profile["text"]
    switch = buttons(profile)
    assert len(switch) == 1
    local_bot.press(401, profile, data=switch[0]["data"])
    edited = local_bot.wait_reply(401)
    assert "Odense" in edited["text"]
    assert query(local_bot, "select project from users where id = 401") == [("voksenliv",)]
    # forged switch data changes nothing
    local_bot.press(401, profile, data="pf:sw:mestring-born:aaaaaaaa")
    assert has(local_bot.wait_reply(401)["text"], REFUSED)
    assert query(local_bot, "select project from users where id = 401") == [("voksenliv",)]


# -- /mine_data ------------------------------------------------------------------------------


def test_my_data_is_a_readable_json_file(local_bot: LocalBot) -> None:
    local_bot.register(402, "praktiker", "mestring-born", "Aarhus", first_name="Søren")
    message = local_bot.ask(402, "/mine_data")
    document = message["document"]
    assert document is not None and document["file_name"] == "mine-data.json"
    raw = local_bot.client.get(document["url"])
    raw.raise_for_status()
    text = raw.content.decode("utf-8")
    assert "Søren" in text  # readable, not \u-escaped
    data = json.loads(text)
    assert data["user"]["id"] == 402 and data["user"]["project"] == "mestring-born"
    assert data["memberships"][0]["kommune"] == "Aarhus"


def test_my_data_when_not_registered(local_bot: LocalBot) -> None:
    reply = local_bot.ask(403, "/mine_data")
    assert reply["document"] is None and has(reply["text"], NOT_REGISTERED)


# -- /slet_mig -------------------------------------------------------------------------------


def test_delete_me_no_keeps_yes_deletes(local_bot: LocalBot) -> None:
    local_bot.register(404, "projektleder", "voksenliv", "Odense")
    confirm = local_bot.ask(404, "/slet_mig")
    assert len(buttons(confirm)) == 2
    local_bot.press(404, confirm, data=buttons(confirm)[1]["data"])  # "Nej, behold dem"
    local_bot.wait_reply(404)
    assert query(local_bot, "select count(*) from users where id = 404") == [(1,)]
    # the used confirmation cannot be pressed again
    local_bot.press(404, confirm, data=buttons(confirm)[0]["data"])
    assert has(local_bot.wait_reply(404)["text"], REFUSED)
    assert query(local_bot, "select count(*) from users where id = 404") == [(1,)]

    confirm = local_bot.ask(404, "/slet_mig")
    local_bot.press(404, confirm, data=buttons(confirm)[0]["data"])  # "Ja, slet mine data"
    done = local_bot.wait_reply(404)
    assert "/start" in done["text"]
    assert query(local_bot, "select count(*) from users where id = 404") == [(0,)]
    assert query(local_bot, "select count(*) from memberships where user_id = 404") == [(0,)]
    assert has(local_bot.ask(404, "/naeste")["text"], NOT_REGISTERED)
    reply = local_bot.ask(404, "/mine_data")
    assert reply["document"] is None and has(reply["text"], NOT_REGISTERED)


def test_forged_or_foreign_delete_button_deletes_nothing(local_bot: LocalBot) -> None:
    local_bot.register(405)
    local_bot.register(406)
    confirm = local_bot.ask(405, "/slet_mig")
    yes = buttons(confirm)[0]["data"]
    local_bot.press(405, confirm, data=yes[:-2] + ("zz" if not yes.endswith("zz") else "yy"))
    assert has(local_bot.wait_reply(405)["text"], REFUSED)
    replay(local_bot, 406, yes)  # someone else's button, replayed
    assert has(local_bot.wait_reply(406)["text"], REFUSED)
    assert query(local_bot, "select count(*) from users where id in (405, 406)") == [(2,)]


# -- /invitation -----------------------------------------------------------------------------


def start_invitation(bot: LocalBot, user_id: int, role_label: str = "Praktiker") -> Message:
    """/invitation, press the role, and the project step if shown; the kommune question."""
    question = bot.ask(user_id, "/invitation")
    labels = {"Praktiker": ("Praktiker", "Practitioner"),
              "Projektleder": ("Projektleder", "Project leader"),
              "Koordinator": ("Koordinator", "Coordinator")}[role_label]
    role = next(b for b in buttons(question) if b["text"] in labels)
    bot.press(user_id, question, data=role["data"])
    return new_message(bot, user_id)


def test_coordinator_creates_an_invitation_that_registers_someone(local_bot: LocalBot) -> None:
    local_bot.register(410, "koordinator", "voksenliv", kommune=None, first_name="Karen")
    question = start_invitation(local_bot, 410, "Praktiker")
    assert not question["buttons"]  # one project only: straight to the municipality
    bad = local_bot.ask(410, "!!!")
    assert not CODE.search(bad["text"]) and invitations_by(local_bot, 410) == 0
    created = local_bot.ask(410, "Aarhus")
    match = CODE.search(created["text"])
    assert match, created["text"]
    code = match.group(0)
    assert "https://t.me/" in created["text"] and f"?start={code}" in created["text"]
    assert str(time.gmtime().tm_year) in created["text"] or str(
        time.gmtime().tm_year + 1) in created["text"]
    assert query(local_bot, "select role, project, kommune, created_by from invitations "
                 "where code = ?", (code,)) == [("praktiker", "voksenliv", "Aarhus", "410")]

    local_bot.send(411, f"/start {code}", first_name="Ole")
    local_bot.wait_reply(411)
    assert query(local_bot, "select role, kommune from memberships where user_id = 411") == [
        ("praktiker", "Aarhus")]


def test_several_projects_ask_for_the_project(local_bot: LocalBot) -> None:
    local_bot.register(412, "koordinator", "voksenliv", kommune=None)
    local_bot.register(412, "koordinator", "mestring-born", kommune=None)
    question = start_invitation(local_bot, 412, "Projektleder")
    assert {b["text"] for b in buttons(question)} == {"Bedre overgang til voksenlivet",
                                                       "Mestringsindsats til børn"}
    choice = next(b for b in buttons(question) if "Mestring" in b["text"])
    local_bot.press(412, question, data=choice["data"])
    new_message(local_bot, 412)
    created = local_bot.ask(412, "ingen")
    code = CODE.search(created["text"])
    assert code, created["text"]
    assert query(local_bot, "select role, project, kommune from invitations where code = ?",
                 (code.group(0),)) == [("projektleder", "mestring-born", None)]


def test_cancel_midway(local_bot: LocalBot) -> None:
    local_bot.register(413, "koordinator", "voksenliv", kommune=None)
    question = local_bot.ask(413, "/invitation")
    local_bot.ask(413, "/annuller")
    assert invitations_by(local_bot, 413) == 0
    # the role button of the cancelled invitation is stale now
    local_bot.press(413, question, data=buttons(question)[0]["data"])
    assert has(local_bot.wait_reply(413)["text"], REFUSED)
    start_invitation(local_bot, 413)
    local_bot.ask(413, "/annuller")
    reply = local_bot.ask(413, "Aarhus")  # no longer taken as a municipality
    assert not CODE.search(reply["text"]) and invitations_by(local_bot, 413) == 0


def test_practitioner_is_refused_by_command_and_by_replayed_button(local_bot: LocalBot) -> None:
    local_bot.register(414, "koordinator", "voksenliv", kommune=None)
    local_bot.register(415, "praktiker", "voksenliv", "Odense")
    assert has(local_bot.ask(415, "/invitation")["text"], ONLY_FOR)
    assert has(local_bot.ask(415, "/deltagere")["text"], ONLY_FOR)
    question = local_bot.ask(414, "/invitation")
    for button in buttons(question):
        replay(local_bot, 415, button["data"])
        assert has(local_bot.wait_reply(415)["text"], REFUSED)
    # and a signature-less or forged role button
    replay(local_bot, 415, "iv:r:koordinator")
    assert has(local_bot.wait_reply(415)["text"], REFUSED)
    reply = local_bot.ask(415, "Aarhus")
    assert not CODE.search(reply["text"])
    assert invitations_by(local_bot, 415) == 0 and invitations_by(local_bot, 414) == 0
    assert query(local_bot, "select role from memberships where user_id = 415") == [
        ("praktiker",)]
    local_bot.ask(414, "/annuller")


def test_invitation_conversation_survives_a_restart(local_bot: LocalBot) -> None:
    local_bot.register(416, "koordinator", "voksenliv", kommune=None)
    start_invitation(local_bot, 416, "Koordinator")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the state is written right after the update
        rows = query(local_bot, "select value from ptb_state where kind = 'conversations' "
                     "and key = 'invitation'")
        if rows and "[416, 416]" in rows[0][0] and "kommune" in rows[0][0]:
            break
        time.sleep(0.05)
    local_bot.kill()
    local_bot.start()
    created = local_bot.ask(416, "Høje-Taastrup", timeout=15)
    code = CODE.search(created["text"])
    assert code, created["text"]
    assert query(local_bot, "select role, project, kommune from invitations where code = ?",
                 (code.group(0),)) == [("koordinator", "voksenliv", "Høje-Taastrup")]


# -- /deltagere ------------------------------------------------------------------------------


def test_participants_per_municipality(local_bot: LocalBot) -> None:
    local_bot.register(420, "koordinator", "udsatte-unge", kommune=None, first_name="Kirsten")
    local_bot.register(421, "projektleder", "udsatte-unge", "Vejle", first_name="Anders")
    local_bot.register(422, "praktiker", "udsatte-unge", "Vejle", first_name="Birthe")
    local_bot.register(423, "praktiker", "udsatte-unge", "Aalborg", first_name="<b>Carl</b>")
    local_bot.register(424, "praktiker", "skolefravaer", "Odense", first_name="Dorte")
    local_bot.invite("praktiker", "udsatte-unge", "Vejle")  # one open invitation
    text = local_bot.ask(420, "/deltagere")["text"]
    for name in ("Kirsten", "Anders", "Birthe", "&lt;b&gt;Carl&lt;/b&gt;"):
        assert name in text  # the feed holds the HTML as sent: names are escaped
    assert "<b>Carl" not in text
    assert "Dorte" not in text  # another project
    assert text.index("Aalborg") < text.index("Carl") < text.index("Vejle") < text.index(
        "Anders")
    assert re.search(r"\b4\b", text) and re.search(r"\b1\b", text)  # registered, open
