"""The Slack adapter's settings and its translation of text in and Block Kit out, without a network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.adapters.slack import SlackSettings, escape, normalise_api_url, plain_question, render
from bot.conversation import Button, ButtonKind, Reply, ReplyKind, Visibility
from bot.core.answer import Source
from bot.startup import StartupError

SOCKET_ENV = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}
HTTP_ENV = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "secret"}
PINGS = ("<!channel>", "<!here>", "<!everyone>", "<@U666>", "<#C1>", "<http://evil.example|x>")


def test_socket_mode_is_the_default() -> None:
    settings = SlackSettings.from_env(SOCKET_ENV)
    assert not settings.http
    assert settings.command == "/pact"
    assert settings.api_url == "https://slack.com/api/"
    assert (settings.host, settings.port) == ("127.0.0.1", 3000)


def test_http_mode_from_flag_or_env_with_host_and_port() -> None:
    by_flag = SlackSettings.from_env(HTTP_ENV, http=True, host="0.0.0.0", port=8080)
    assert by_flag.http and (by_flag.host, by_flag.port) == ("0.0.0.0", 8080)
    by_env = SlackSettings.from_env({**HTTP_ENV, "SLACK_MODE": "HTTP", "SLACK_HTTP_HOST": "::1",
                                     "SLACK_HTTP_PORT": "3100"})
    assert by_env.http and (by_env.host, by_env.port) == ("::1", 3100)
    # The command line wins over the environment.
    assert SlackSettings.from_env({**HTTP_ENV, "SLACK_HTTP_PORT": "3100"}, http=True, port=3200).port == 3200


@pytest.mark.parametrize(("env", "http", "message"), [
    ({}, False, "SLACK_BOT_TOKEN is not set"),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, False, "Socket Mode needs SLACK_APP_TOKEN"),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, True, "HTTP mode needs SLACK_SIGNING_SECRET"),
    ({**SOCKET_ENV, "SLACK_MODE": "webhooks"}, False, "SLACK_MODE must be 'socket' or 'http'"),
    ({**HTTP_ENV, "SLACK_HTTP_PORT": "eighty"}, True, "SLACK_HTTP_PORT must be a whole number"),
    ({**HTTP_ENV, "SLACK_HTTP_PORT": "70000"}, True, "between 0 and 65535"),
    ({**SOCKET_ENV, "SLACK_API_URL": "slack.com"}, False, "SLACK_API_URL must be an http(s) URL"),
    ({**SOCKET_ENV, "PACTBOT_COMMAND": "Pact Bot"}, False, "PACTBOT_COMMAND must be"),
])
def test_bad_settings_are_one_clear_line(env: dict[str, str], http: bool, message: str) -> None:
    with pytest.raises(StartupError) as caught:
        SlackSettings.from_env(env, http=http)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_tokens_come_from_files_and_never_show_in_repr(tmp_path: Path) -> None:
    (tmp_path / "bot").write_text("xoxb-from-file\n", encoding="utf-8")
    (tmp_path / "app").write_text("xapp-from-file", encoding="utf-8")
    settings = SlackSettings.from_env({"SLACK_BOT_TOKEN_FILE": str(tmp_path / "bot"),
                                       "SLACK_APP_TOKEN_FILE": str(tmp_path / "app")})
    assert (settings.bot_token, settings.app_token) == ("xoxb-from-file", "xapp-from-file")
    assert "from-file" not in repr(settings)
    with pytest.raises(StartupError, match=r"SLACK_BOT_TOKEN_FILE=.* cannot be read"):
        SlackSettings.from_env({"SLACK_BOT_TOKEN_FILE": str(tmp_path / "missing"), "SLACK_APP_TOKEN": "x"})


def test_the_command_name_is_configurable() -> None:
    assert SlackSettings.from_env({**SOCKET_ENV, "PACTBOT_COMMAND": "/treaty"}).command == "/treaty"
    assert SlackSettings.from_env({**SOCKET_ENV, "PACTBOT_COMMAND": "ask-history"}).command == "/ask-history"


@pytest.mark.parametrize(("raw", "expected"), [
    ("", "https://slack.com/api/"),
    ("https://slack-gov.com", "https://slack-gov.com/api/"),
    ("https://slack-gov.com/", "https://slack-gov.com/api/"),
    ("https://slack-gov.com/api", "https://slack-gov.com/api/"),
    ("https://slack-gov.com/api/", "https://slack-gov.com/api/"),
    (" http://127.0.0.1:8080/api ", "http://127.0.0.1:8080/api/"),
])
def test_the_api_url_always_ends_in_api_slash(raw: str, expected: str) -> None:
    assert normalise_api_url(raw) == expected


def test_escape_neutralises_slack_control_characters() -> None:
    assert escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"


@pytest.mark.parametrize(("text", "question"), [
    ("<@UBOT> when was it broken?", "when was it broken?"),
    ("<@UBOT|pactbot>   who   signed", "who signed"),
    ("<!channel> <!here> <!everyone> <!subteam^S1|@team> who signed", "who signed"),
    ("what about &lt;b&gt; &amp; co", "what about <b> & co"),
    ("see <https://example.org/x|this page> and <#C123|general>", "see this page and #general"),
    ("<https://example.org/x>", "https://example.org/x"),
])
def test_plain_question_drops_mentions_and_decodes_slack_text(text: str, question: str) -> None:
    assert plain_question(text) == question


def hostile_reply(kind: ReplyKind = ReplyKind.ANSWER, visibility: Visibility = Visibility.PUBLIC) -> Reply:
    return Reply(
        kind=kind, lang="en", visibility=visibility, text="Signed by <!channel> & <@U666> <!here>",
        title="<!everyone> title", question="<!channel> question <@U666> <#C1>",
        sources=(Source("<!here> source", "https://example.org/a?b=1&c=<2>|x"),
                 Source("bad", "javascript:x")),
        buttons=(Button("pactbot:fact:en:f1", "<@U666> related", ButtonKind.FACT),
                 Button("pactbot:ask:en:0123456789abcdef", "<!channel> suggestion", ButtonKind.ASK)),
        sources_label="Sources", buttons_label="<!here>",
    )


@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("kind", list(ReplyKind))
def test_every_text_is_escaped_everywhere_in_the_blocks(kind: ReplyKind, visibility: Visibility) -> None:
    message = render(hostile_reply(kind, visibility))
    sent = json.dumps([message.text, list(message.blocks)])
    for ping in PINGS:
        assert ping not in sent
    assert "&lt;!channel&gt;" in sent  # shown as text, not dropped
    assert message.ephemeral is (visibility is Visibility.PRIVATE)


def test_the_question_is_shown_as_plain_text_under_a_public_answer_only() -> None:
    def contexts(reply: Reply) -> list[dict[str, object]]:
        return [e for b in render(reply).blocks if b["type"] == "context" for e in b["elements"]]

    [question, _] = contexts(hostile_reply())
    assert question == {"type": "plain_text", "text": "&lt;!channel&gt; question &lt;@U666&gt; &lt;#C1&gt;",
                        "emoji": False}
    for reply in (hostile_reply(visibility=Visibility.PRIVATE), hostile_reply(ReplyKind.HELP)):
        assert [e["type"] for e in contexts(reply)] == ["mrkdwn"]  # the sources only


def test_sources_are_links_and_unsafe_urls_are_not() -> None:
    [context] = [b for b in render(hostile_reply()).blocks if b["type"] == "context"]
    line = context["elements"][-1]["text"]
    assert line.startswith("Sources: ")
    assert "<https://example.org/a?b=1&amp;c=%3C2%3E%7Cx|&lt;!here&gt; source>" in line
    assert "javascript:" not in line and "bad" in line


def test_buttons_carry_the_stages_ids_and_suggestions_stand_out() -> None:
    [actions] = [b for b in render(hostile_reply()).blocks if b["type"] == "actions"]
    assert [(e["action_id"], e.get("style")) for e in actions["elements"]] == [
        ("pactbot:fact:en:f1", None), ("pactbot:ask:en:0123456789abcdef", "primary")]
    assert all("value" not in e for e in actions["elements"])


def test_long_text_is_cut_within_block_kit_limits_without_breaking_an_entity() -> None:
    reply = Reply(kind=ReplyKind.ANSWER, lang="en", visibility=Visibility.PUBLIC, text="&" * 5000, title="T",
                  question="q" * 5000, buttons=(Button("pactbot:fact:en:f", "<" * 200, ButtonKind.FACT),))
    message = render(reply)
    section = message.blocks[0]["text"]["text"]
    assert len(section) <= 3000 and section.endswith("&amp;…")
    [button] = message.blocks[-1]["elements"]
    assert len(button["text"]["text"]) <= 75 and button["text"]["text"].endswith("&lt;…")
    assert len(message.blocks[1]["elements"][0]["text"]) <= 2000


@pytest.mark.parametrize("kind", [ReplyKind.COOLDOWN, ReplyKind.ERROR])
def test_cooldown_and_error_notes_are_plain_text(kind: ReplyKind) -> None:
    message = render(Reply(kind, "en", Visibility.PRIVATE, "Wait <!here> 3 s"))
    assert message.ephemeral and message.blocks == () and message.text == "Wait &lt;!here&gt; 3 s"
