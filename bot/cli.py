"""The `pactbot` command line: wires settings, the fact service and the adapters together.

Settings are read inside `main()`, never at import. Platform libraries are imported only by the
commands that need them, so `pactbot ask` starts fast.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot import __version__
from bot.core.errors import FactFileError
from bot.signals import hold_reload_requests

if TYPE_CHECKING:
    from bot.core.service import FactService

DEFAULT_FACTS = Path(__file__).resolve().parent.parent / "facts" / "pact.yaml"

log = logging.getLogger("bot.cli")


def facts_path(args: argparse.Namespace, env: Mapping[str, str]) -> Path:
    chosen = args.facts or env.get("PACTBOT_FACTS") or DEFAULT_FACTS
    return Path(chosen).expanduser()


def fact_service(args: argparse.Namespace, env: Mapping[str, str]) -> FactService:
    """The fact service for the chosen fact file, answering in PACTBOT_DEFAULT_LANG when a question
    and its platform show no language."""
    from bot.core.cache import cache_dir_from_env
    from bot.core.service import FactService
    from bot.core.texts import known_languages
    from bot.startup import StartupError

    default_lang = env.get("PACTBOT_DEFAULT_LANG", "").strip().casefold() or "en"
    if default_lang not in known_languages():
        raise StartupError(
            f"PACTBOT_DEFAULT_LANG={default_lang!r} is not a language the bot speaks "
            f"({', '.join(known_languages())})"
        )
    return FactService(facts_path(args, env), default_lang, cache_dir_from_env(env))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pactbot",
        description="Answers questions about a treaty from a structured fact file, "
        "on Discord, Slack or an interactive console.",
    )
    parser.add_argument("--version", action="version", version=f"pactbot {__version__}")
    facts_help = "fact file to answer from (default: $PACTBOT_FACTS or facts/pact.yaml)"
    parser.add_argument("--facts", metavar="PATH", help=facts_help)
    # Also after the command (`pactbot ask --facts F ...`). SUPPRESS: a subcommand that is not given
    # --facts must leave the value given before the command alone, not overwrite it with None.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--facts", metavar="PATH", default=argparse.SUPPRESS, help=facts_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = sub.add_parser(
        "ask",
        parents=[common],
        help="answer one question (or one per line from stdin)",
        description="Answer a question and print the answer. "
        "With '-' read one question per line from standard input.",
    )
    ask.add_argument("question", nargs="+", help="the question, or '-' to read questions from stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--lang", choices=["en", "lt", "ru"], help="answer in this language")

    check = sub.add_parser(
        "check",
        parents=[common],
        help="validate a fact file",
        description="Validate a fact file: a summary and exit 0, "
        "or one FILE:LINE: message per problem and exit 1.",
    )
    check.add_argument("file", nargs="?", help="the fact file (default: the one --facts selects)")

    sub.add_parser(
        "chat",
        parents=[common],
        help="interactive console on the same core",
        description="Ask questions at a prompt; 'help' lists what the bot knows, 'quit' ends.",
    )
    sub.add_parser(
        "run",
        parents=[common],
        help="start Discord and/or Slack if their tokens are set, otherwise the console",
        description="Start every platform whose token is set (DISCORD_TOKEN, SLACK_BOT_TOKEN); "
        "with none set, open the interactive console.",
    )

    discord = sub.add_parser(
        "discord",
        parents=[common],
        help="run the Discord bot",
        description="Run the Discord bot (settings from the environment and .env).",
    )
    discord.add_argument(
        "--invite-url", action="store_true", help="print the invite URL for DISCORD_APPLICATION_ID and exit"
    )

    slack = sub.add_parser(
        "slack",
        parents=[common],
        help="run the Slack app",
        description="Run the Slack app: Socket Mode by default, HTTP mode with --http.",
    )
    slack.add_argument("--http", action="store_true", help="serve HTTP requests instead of Socket Mode")
    slack.add_argument("--host", help="HTTP mode: address to bind (default 127.0.0.1, or SLACK_HTTP_HOST)")
    slack.add_argument("--port", type=int, help="HTTP mode: port (default 3000, or SLACK_HTTP_PORT)")

    report = sub.add_parser(
        "report",
        parents=[common],
        help="what people asked: answered, declined, voted on",
        description="Read back the record of questions the bot keeps (PACTBOT_DATABASE_URL, or "
        "record.sqlite3 under PACTBOT_DATA_DIR): per platform and language the questions asked and the "
        "share answered, the most asked facts with their votes and the questions behind each "
        "thumbs-down, and the declined questions, near-duplicates merged.",
    )
    report.add_argument("--since", type=_since, default="7d", metavar="PERIOD",
                        help="how far back: 7d (default), 12h, 30m, 2w, or a date such as 2026-11-01 (UTC)")
    report.add_argument("--platform", help="only questions from this platform (discord, slack, ...)")
    report.add_argument("--lang", help="only questions in this language (en, lt, ru)")
    output = report.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the report as JSON")
    output.add_argument("--markdown", action="store_true", help="print the report as Markdown, for an issue")
    report.add_argument("--todo", metavar="FILE",
                        help="also write the unanswered questions to FILE as a question set for pactbot eval")

    evaluate = sub.add_parser(
        "eval",
        parents=[common],
        help="score a question set against the fact file",
        description="Ask every question of a question set (q, cat, and expect or abstain: true) and grade "
        "the answers: per-category scores, and each miss with the answer given. Exit 1 below --min, "
        "2 if the question set cannot be read.",
    )
    evaluate.add_argument("questions", metavar="QUESTIONS.yaml", help="the question set")
    evaluate.add_argument("--json", action="store_true", help="print the scores and misses as JSON")
    evaluate.add_argument("--min", type=_score, default=0.0, metavar="SCORE",
                          help="exit 1 when the overall score (0 to 1) is below this (default 0)")
    return parser


def _since(text: str) -> float:
    import time

    from bot.record.report import parse_since

    try:
        return parse_since(text, time.time())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"a score from 0 to 1, not {text!r}")
    return value


def _cmd_check(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    from bot.core.factfile import load_fact_file

    path = Path(args.file) if args.file else facts_path(args, env)
    try:
        facts = load_fact_file(path)
    except FactFileError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    for warning in facts.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(
        f"{path}: ok: {len(facts.facts)} facts, {len(facts.entities)} entities, "
        f"{len(facts.events)} events, {len(facts.sources)} sources, languages {', '.join(facts.languages)}"
    )
    return 0


def _cmd_ask(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    from bot.adapters.console import format_reply
    from bot.conversation import Origin, compose_reply
    from bot.conversation.policy import ask_core

    service = fact_service(args, env)
    lang = args.lang
    if args.question == ["-"]:
        questions: Iterable[str] = (line.rstrip("\r\n") for line in sys.stdin)
    else:
        questions = [" ".join(args.question)]
    for number, question in enumerate(questions):
        answer = ask_core(service, question, lang=lang)
        if args.json:
            print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
        else:
            reply = compose_reply(answer, Origin.DM, service)
            print(("\n" if number else "") + format_reply(reply), flush=True)
    return 0


def _cmd_chat(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    from bot.adapters.console import chat
    from bot.conversation.stage import Stage
    from bot.metrics import Metrics
    from bot.record.recorder import Recorder

    metrics = Metrics()
    recorder = Recorder.from_env(env, metrics)
    stage = Stage(fact_service(args, env), metrics, recorder=recorder)
    recorder.start()
    try:
        return chat(stage, sys.stdin, sys.stdout)
    finally:
        recorder.close()


def _platform_runners(args: argparse.Namespace, env: Mapping[str, str], which: Sequence[str]) -> int:
    import asyncio

    from bot.context import build_context
    from bot.runtime import Runner, serve

    ctx = build_context(env, fact_service(args, env))
    runners: list[Runner] = []
    if "discord" in which:
        from bot.adapters import discord as discord_adapter
        from bot.scale import discord_shard_env

        discord_settings = discord_adapter.DiscordSettings.from_env(discord_shard_env(env))
        runners.append(discord_adapter.build_runner(ctx, discord_settings))
    if "slack" in which:
        from bot.adapters import slack as slack_adapter

        settings = slack_adapter.SlackSettings.from_env(
            env,
            http=getattr(args, "http", False),
            host=getattr(args, "host", None),
            port=getattr(args, "port", None),
        )
        runners.append(slack_adapter.build_runner(ctx, settings))
    return asyncio.run(serve(ctx, runners))


def _cmd_run(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    from bot.settings import read_secret

    which = [
        name
        for name, token in (("discord", "DISCORD_TOKEN"), ("slack", "SLACK_BOT_TOKEN"))
        if read_secret(env, token)
    ]
    if not which:
        print(
            "No DISCORD_TOKEN or SLACK_BOT_TOKEN set: starting the console. "
            "See README.md to connect Discord or Slack.",
            file=sys.stderr,
        )
        return _cmd_chat(args, env)
    return _platform_runners(args, env, which)


def _cmd_discord(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    if args.invite_url:
        from bot.adapters.discord import invite_url_from_env

        print(invite_url_from_env(env))
        return 0
    return _platform_runners(args, env, ["discord"])


def _cmd_slack(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    return _platform_runners(args, env, ["slack"])


def _fact_titles(args: argparse.Namespace, env: Mapping[str, str]) -> dict[str, str]:
    """Fact id -> English title, to name facts in a report; none when the fact file cannot be read."""
    from bot.core.factfile import load_fact_file

    try:
        facts = load_fact_file(facts_path(args, env))
    except (FactFileError, OSError):
        return {}
    return {fact_id: fact.title.get("en", "") for fact_id, fact in facts.facts.items()}


def _cmd_report(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    import time

    from bot.record.report import build_report, render_markdown, render_text, render_todo
    from bot.record.settings import RecordSettings
    from bot.record.store import StoreError, open_store
    from bot.startup import StartupError

    settings = RecordSettings.from_env(env)
    if settings.database_url is None and not settings.sqlite_path.is_file():
        raise StartupError(
            f"no record at {settings.sqlite_path}: the bot has recorded nothing there "
            "(set PACTBOT_DATA_DIR, or PACTBOT_DATABASE_URL, as the bot has them)"
        )
    try:
        store = open_store(settings)
        try:
            store.migrate()
            report = build_report(store, args.since, time.time(), platform=args.platform, lang=args.lang,
                                  titles=_fact_titles(args, env))
        finally:
            store.close()
    except StoreError as exc:
        raise StartupError(f"cannot read the record: {exc}") from exc
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    elif args.markdown:
        print(render_markdown(report))
    else:
        print(render_text(report))
    if args.todo:
        try:
            Path(args.todo).write_text(render_todo(report), encoding="utf-8")
        except OSError as exc:
            raise StartupError(f"cannot write {args.todo}: {exc.strerror or exc}") from exc
        print(f"wrote {len(report.unanswered)} unanswered question(s) to {args.todo}", file=sys.stderr)
    return 0


def _cmd_eval(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    from bot.evaluation import QuestionSetError, evaluate, load_question_set, render_text

    try:
        cases = load_question_set(Path(args.questions))
    except QuestionSetError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    evaluation = evaluate(fact_service(args, env), cases)
    if args.json:
        print(json.dumps(evaluation.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_text(evaluation))
    return 1 if evaluation.overall.share < args.min else 0


COMMANDS = {
    "ask": _cmd_ask,
    "check": _cmd_check,
    "chat": _cmd_chat,
    "run": _cmd_run,
    "discord": _cmd_discord,
    "slack": _cmd_slack,
    "report": _cmd_report,
    "eval": _cmd_eval,
}


# The commands that may run as a service, where SIGHUP means "reload the facts".
SERVING_COMMANDS = frozenset({"run", "discord", "slack"})


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command in SERVING_COMMANDS:
        hold_reload_requests()  # before anything slow: a SIGHUP now must not end the process

    from bot.logs import configure_logging
    from bot.settings import load_environment
    from bot.startup import StartupError

    if args.command is None:
        _parser().print_help()
        return 0
    env = load_environment()
    configure_logging(env)
    try:
        return COMMANDS[args.command](args, env)
    except FactFileError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except StartupError as exc:
        print(f"pactbot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
