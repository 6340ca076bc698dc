"""The command line: everything an operator does, `python -m bot COMMAND`.

Every command takes --data DIR (default: data/ beside the code, or
PROJEKTBOT_DATA) and --db PATH (default: projektbot.db, or PROJEKTBOT_DB).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.i18n import _
from bot.loader import DataErrors, Knowledge, check, load_knowledge, read_data
from bot.settings import Settings


def _common(parser: argparse.ArgumentParser, settings: Settings) -> None:
    parser.add_argument("--data", type=Path, default=settings.data_dir, help=_("data folder"))
    parser.add_argument("--db", type=Path, default=settings.db_path, help=_("SQLite database"))


def cmd_check_data(args: argparse.Namespace, settings: Settings) -> int:
    """Validate data/, print errors and warnings; exit 1 on an error."""
    started = time.perf_counter()
    loaded = read_data(args.data)
    report = check(loaded, args.seeds if args.seeds.is_dir() else None)
    elapsed = time.perf_counter() - started
    errors = loaded.problems + report.errors
    for problem in errors:
        print(_("ERROR {problem}").format(problem=problem))
    if not args.quiet:
        for problem in report.warnings:
            print(_("WARNING {problem}").format(problem=problem))
    activities = sum(len(p.activities) for p in loaded.projects.values())
    print(
        _(
            "{projects} projects, {activities} activities, {forms} forms read in {ms} ms: "
            "{errors} errors, {warnings} warnings."
        ).format(
            projects=len(loaded.projects),
            activities=activities,
            forms=len(loaded.forms),
            ms=round(elapsed * 1000),
            errors=len(errors),
            warnings=len(report.warnings),
        )
    )
    if not args.seeds.is_dir():
        print(
            _("Note: the seed folder {path} was not found, so quotes were not checked.").format(
                path=args.seeds
            )
        )
    return 1 if errors else 0


def _load(args: argparse.Namespace) -> Knowledge | None:
    try:
        return load_knowledge(args.data)
    except DataErrors as exc:
        print(
            _("The data in {path} is not valid; run `python -m bot check-data`:").format(
                path=args.data
            ),
            file=sys.stderr,
        )
        for problem in exc.problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        return None


def _known_project(kb: Knowledge, project: str) -> bool:
    """Whether the project id exists; if not, say which ones do."""
    if project in kb.projects:
        return True
    print(_("Unknown project '{id}'. Known: {ids}").format(
        id=project, ids=", ".join(kb.projects)), file=sys.stderr)
    return False


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not a date (YYYY-MM-DD)").format(value=value)
        ) from None


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer one question, or JSON lines from standard input with --batch."""
    from bot.qa import Engine

    kb = _load(args)
    if kb is None:
        return 1
    if args.project and not _known_project(kb, args.project):
        return 2
    engine = Engine(kb)
    if args.batch:
        for n, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("q"), str):
                    raise ValueError(_('each line needs a "q" with the question'))
                day = dt.date.fromisoformat(item["today"]) if item.get("today") else args.today
                project = item.get("project") or args.project
                result = engine.ask(item["q"], project=project, today=day).as_json()
            except (ValueError, TypeError) as exc:
                result = {
                    "answered": False,
                    "sources": [],
                    "text": _("Line {n} could not be read: {error}").format(n=n, error=exc),
                }
            print(json.dumps(result, ensure_ascii=False), flush=False)
        sys.stdout.flush()
        return 0
    if not args.question:
        print(_("Write a question, or use --batch."), file=sys.stderr)
        return 2
    answer = engine.ask(" ".join(args.question), project=args.project, today=args.today)
    if args.json:
        print(json.dumps(answer.as_json(), ensure_ascii=False))
    else:
        print(answer.text)
    return 0


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the bot: Telegram with a token, else local mode with the web chat."""
    import logging

    from bot.store import Role
    from handlers.app import run

    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        level=logging.INFO)
    for noisy in ("httpx", "aiohttp.access", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if _load(args) is None:
        print(_("The bot does not start on invalid data."), file=sys.stderr)
        return 1
    settings = settings.model_copy(update={"data_dir": args.data, "db_path": args.db})
    local = True if args.local else None
    invitations: list[tuple[Role, str, str | None]] = []
    if local or settings.telegram_bot_token is None:
        invitations = [("koordinator", "voksenliv", None),
                       ("projektleder", "voksenliv", "Odense")]
    return run(settings, local=local, port=args.port, invitations=invitations,
               api_url=args.api_url)


def cmd_invite(args: argparse.Namespace, settings: Settings) -> int:
    """Create a one-time invitation; the last line printed is the code."""
    from bot.store import Store

    kb = _load(args)
    if kb is None:
        return 1
    if not _known_project(kb, args.project):
        return 2
    kommune = (args.kommune or "").strip() or None
    if kommune is not None and (len(kommune) > 60 or not any(c.isalpha() for c in kommune)):
        print(_("'{name}' is not a municipality name.").format(name=kommune), file=sys.stderr)
        return 2
    store = Store(args.db)
    try:
        invitation = store.create_invitation(args.role, args.project, kommune,
                                             created_by="cli", days=args.days)
    finally:
        store.close()
    print(_("Invitation for {role} in {project}{kommune}, valid until {until}. Send it as "
            "/start CODE or open t.me/<bot>?start=CODE:").format(
        role=args.role, project=args.project, kommune=f", {kommune}" if kommune else "",
        until=invitation.expires_at.date().isoformat()))
    print(invitation.code)
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Write the submitted self-evaluations of a project as Word, Excel or CSV."""
    from bot.evaluations import Evaluations
    from bot.export import export_csv, export_docx, export_xlsx
    from bot.forms import rounds_for
    from bot.store import Store

    kb = _load(args)
    if kb is None:
        return 1
    if not _known_project(kb, args.project):
        return 2
    form = kb.forms["selvevaluering"]
    if args.round and args.round not in {r.id for r in rounds_for(kb, args.project, form)}:
        print(_("Unknown round '{id}'.").format(id=args.round), file=sys.stderr)
        return 2
    store = Store(args.db)
    try:
        submissions = Evaluations(store).submissions(args.project, args.round)
    finally:
        store.close()
    writer = {"docx": export_docx, "xlsx": export_xlsx, "csv": export_csv}[args.format]
    out = writer(kb, form, submissions, args.out)
    print(_("{n} submissions written to {path}").format(n=len(submissions), path=out))
    return 0


def cmd_reminders(args: argparse.Namespace, settings: Settings) -> int:
    """List the reminders that would be sent from --from to --to, without sending."""
    from bot.dates import TZ
    from bot.store import Store
    from scheduler.jobs import preview, reminder_json

    kb = _load(args)
    if kb is None:
        return 1
    if args.project and not _known_project(kb, args.project):
        return 2
    if args.to < args.from_:
        print(_("--to must not be before --from."), file=sys.stderr)
        return 2
    start = dt.datetime.combine(args.from_, dt.time(0), tzinfo=TZ)
    end = dt.datetime.combine(args.to + dt.timedelta(days=1), dt.time(0), tzinfo=TZ)
    store = Store(args.db)
    try:
        found = preview(kb, store, start, end - dt.timedelta(seconds=1), args.project)
    finally:
        store.close()
    for r in found:
        if args.json:
            print(json.dumps(reminder_json(r), ensure_ascii=False))
        else:
            first = r.text.splitlines()[0] if r.text else ""
            print(f"{r.due_at.astimezone(TZ):%Y-%m-%d %H:%M}  {r.user_id}  {r.project}  "
                  f"{r.kind}  {first}")
    if not args.json:
        print(_("{n} reminders.").format(n=len(found)))
    return 0


def build_parser(
    settings: Settings,
) -> tuple[argparse.ArgumentParser, dict[str, Callable[..., int]]]:
    parser = argparse.ArgumentParser(prog="python -m bot", description=_("Projektbot"))
    sub = parser.add_subparsers(dest="command")
    commands: dict[str, Callable[..., int]] = {}

    p = sub.add_parser("run", help=_("run the bot (local mode without a token)"))
    _common(p, settings)
    p.add_argument("--local", action="store_true",
                   help=_("use the local Telegram stand-in even with a token"))
    p.add_argument("--port", type=int, default=settings.port, help=_("port for local mode"))
    p.add_argument("--api-url", help=_("a Bot API server of its own, e.g. a stand-in started "
                                       "with python -m bot.standin"))
    commands["run"] = cmd_run

    p = sub.add_parser("check-data", help=_("validate data/ and list conflicts"))
    _common(p, settings)
    p.add_argument(
        "--seeds",
        type=Path,
        default=settings.seeds_dir,
        help=_("folder with the source documents, to check quotes"),
    )
    p.add_argument("--quiet", action="store_true", help=_("only errors"))
    commands["check-data"] = cmd_check_data

    p = sub.add_parser("invite", help=_("create a one-time invitation code"))
    _common(p, settings)
    p.add_argument("--role", required=True, choices=["projektleder", "praktiker", "koordinator"])
    p.add_argument("--project", required=True, help=_("project id"))
    p.add_argument("--kommune", help=_("municipality"))
    p.add_argument("--days", type=int, default=14, help=_("days the code is valid"))
    commands["invite"] = cmd_invite

    p = sub.add_parser("ask", help=_("answer a question as the bot would"))
    _common(p, settings)
    p.add_argument("--project", help=_("the asking user's project id"))
    p.add_argument("--today", type=_date, default=None, help=_("today's date, YYYY-MM-DD"))
    p.add_argument("--json", action="store_true", help=_("answer as JSON"))
    p.add_argument(
        "--batch",
        action="store_true",
        help=_('read JSON lines {"q": …, "project": …, "today": …} from standard input'),
    )
    p.add_argument("question", nargs="*", help=_("the question"))
    commands["ask"] = cmd_ask

    p = sub.add_parser("export", help=_("export the submitted self-evaluations"))
    _common(p, settings)
    p.add_argument("--project", required=True, help=_("project id"))
    p.add_argument("--round", help=_("only this round, e.g. 2023-06"))
    p.add_argument("--format", required=True, choices=["docx", "xlsx", "csv"])
    p.add_argument("--out", required=True, type=Path, help=_("the file to write"))
    commands["export"] = cmd_export

    p = sub.add_parser("reminders", help=_("list the reminders that would be sent"))
    _common(p, settings)
    p.add_argument("--from", dest="from_", required=True, type=_date,
                   help=_("first day, YYYY-MM-DD"))
    p.add_argument("--to", required=True, type=_date, help=_("last day, YYYY-MM-DD"))
    p.add_argument("--project", help=_("only this project id"))
    p.add_argument("--json", action="store_true", help=_("one JSON object per reminder"))
    commands["reminders"] = cmd_reminders
    return parser, commands


def main(argv: Sequence[str] | None = None) -> int:
    settings = Settings()
    parser, commands = build_parser(settings)
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.command is None:  # `python -m bot` runs the bot
        args = parser.parse_args(["run", *(argv or sys.argv[1:])])
    return commands[args.command](args, settings)


if __name__ == "__main__":
    sys.exit(main())
