"""The bot end to end, through the local Telegram stand-in, like a user on a phone."""

from __future__ import annotations

import time

from tests.localbot import LocalBot


def test_start_without_code_explains_how_to_register(local_bot: LocalBot) -> None:
    reply = local_bot.ask(101, "/start")
    assert "invitationskode" in reply["text"] and "/start" in reply["text"]


def test_registration_with_code_and_greeting(local_bot: LocalBot) -> None:
    reply = local_bot.register(102, "projektleder", "voksenliv", "Odense", first_name="Mette")
    assert "Velkommen, Mette" in reply["text"]
    assert "projektleder" in reply["text"] and "Odense" in reply["text"]
    assert "/naeste" in reply["text"]


def test_a_code_works_once(local_bot: LocalBot) -> None:
    code = local_bot.invite("praktiker", "mestring-born", "Aarhus")
    local_bot.send(103, f"/start {code}")
    assert "Velkommen" in local_bot.wait_reply(103)["text"]
    local_bot.send(104, f"/start {code}")
    assert "allerede brugt" in local_bot.wait_reply(104)["text"]


def test_wrong_expired_and_odd_codes_change_nothing(local_bot: LocalBot) -> None:
    assert "findes ikke" in local_bot.ask(105, "/start ABCD-EFGH")["text"]
    assert "ligner ikke" in local_bot.ask(105, "/start <b>hej</b>")["text"]
    expired = local_bot.cli(
        "invite", "--role", "praktiker", "--project", "voksenliv", "--days", "0"
    ).stdout.splitlines()[-1]
    assert "udløbet" in local_bot.ask(105, f"/start {expired}")["text"]
    assert "ikke registreret" in local_bot.ask(105, "/naeste")["text"]


def test_questions_are_answered_for_my_project(local_bot: LocalBot) -> None:
    local_bot.register(106, "projektleder", "mestring-born", "Vejle")
    reply = local_bot.ask(106, "hvornaar er opstartsmoedet?")
    assert "20. januar 2022" in reply["text"] and "Kilde:" in reply["text"]


def test_strategy_questions_work_without_registering(local_bot: LocalBot) -> None:
    reply = local_bot.ask(107, "hvad er kriterierne for at gå videre til afprøvningsfasen")
    assert "lovende" in reply["text"]


def test_did_you_mean_buttons(local_bot: LocalBot) -> None:
    reply = local_bot.ask(108, "hvor stort er budgettet")
    assert reply["buttons"], reply
    local_bot.press(108, reply, label=reply["buttons"][0][0]["text"])
    answer = local_bot.wait_reply(108)
    assert "mio. kr." in answer["text"]


def test_browse_phase_activity_details_and_back(local_bot: LocalBot) -> None:
    local_bot.register(109)
    menu = local_bot.ask(109, "/aktiviteter")
    local_bot.press(109, menu, label="Forankring")
    phase = local_bot.wait_reply(109)
    assert phase["edited"] and any(
        "afslutningsworkshop" in b["text"].lower() for row in phase["buttons"] for b in row
    )
    local_bot.press(109, phase, label="afslutningsworkshop")
    details = local_bot.wait_reply(109)
    assert "november 2024" in details["text"] and "Odense" in details["text"]


def test_forged_and_foreign_buttons_are_refused(local_bot: LocalBot) -> None:
    local_bot.register(110)
    own = local_bot.register(111, "praktiker")
    menu = local_bot.ask(110, "/aktiviteter")
    data = menu["buttons"][0][0]["data"]
    local_bot.press(110, menu, data=data[:-2] + "zz")  # forged signature
    assert "ikke længere gyldig" in local_bot.wait_reply(110)["text"]
    local_bot.press(111, own, data=data)  # someone else's button data, replayed
    assert "ikke længere gyldig" in local_bot.wait_reply(111)["text"]
    local_bot.press(110, menu, data="br:a:999")  # made up, unsigned
    assert "ikke længere gyldig" in local_bot.wait_reply(110)["text"]


def test_stickers_photos_edits_unknown_commands_and_groups(local_bot: LocalBot) -> None:
    local_bot.send(112, "", sticker=True)
    assert "kun læse tekst" in local_bot.wait_reply(112)["text"]
    local_bot.send(112, "", photo=True)
    assert "kun læse tekst" in local_bot.wait_reply(112)["text"]
    assert "kender jeg ikke" in local_bot.ask(112, "/pizza")["text"]
    mid = local_bot.send(112, "hvad er SØM")
    local_bot.wait_reply(112)
    local_bot.client.post(
        "/client/edit", json={"user_id": 112, "message_id": mid, "text": "hvad er spor 1"}
    ).raise_for_status()
    assert "rettede" in local_bot.wait_reply(112)["text"]
    local_bot.send(113, "/start", chat_type="group", chat_id=-500)
    reply = local_bot.wait_for(-500, lambda m: True)
    assert "private" in reply["text"]


def test_huge_and_odd_messages_get_a_calm_reply(local_bot: LocalBot) -> None:
    for text in ["x" * 4000, "🙂" * 50, "<script>alert(1)</script>", "'; DROP TABLE users; --"]:
        reply = local_bot.ask(114, text)
        assert "Det ved jeg" in reply["text"] or "Skriv et spørgsmål" in reply["text"]


def test_registration_survives_a_crash(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bot = LocalBot(tmp_path).start()
    try:
        bot.register(120, "projektleder", "mestring-born", "Vejle")
        bot.kill()
        bot.start()
        started = time.monotonic()
        reply = bot.ask(120, "/naeste", timeout=15)
        assert time.monotonic() - started < 15
        assert "ikke registreret" not in reply["text"]
        assert "Mestringsindsats" in reply["text"]
    finally:
        bot.stop()
