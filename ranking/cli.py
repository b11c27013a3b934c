"""The `dti` command line: a thin layer over pipeline.py. Exit 0 done, 2 bad input, 1 a defect in dti (the
traceback goes to a log file), 128 + the signal's number when stopped by SIGINT (130) or SIGTERM (143).
Help and messages are Vietnamese unless `--lang en` (before or after the command) or DTI_LANG=en."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from types import FrameType
from typing import NoReturn, TextIO

from ranking import __version__
from ranking.clock import zone_problems
from ranking.contracts import APPRAISAL, OBJECTIONS, SELF_ASSESSMENT
from ranking.criteria import load_criteria
from ranking.csvio import file_problem, write_csv_atomic
from ranking.diff import DIFF_COLUMNS, comparable, diff_runs, write_diff
from ranking.diff import render as render_diff
from ranking.errors import LANGS, DtiError, Lang, Problem
from ranking.history import default_previous
from ranking.i18n import Words, t
from ranking.inputs import load_inputs, load_measured, load_tasks, load_units
from ranking.objections import book_warnings, decided, read_draft
from ranking.output import (
    Lock,
    adding_problems,
    environment_problem,
    file_problems,
    first_line_is,
    folder_problems,
    output_lock,
    staged_output,
    write_file,
)
from ranking.pipeline import Paths, build, load, publish, sample_paths, stage_problems, write
from ranking.progress import CLEAR_LINE, Progress, live_terminal
from ranking.ranking import Ranking
from ranking.render_cache import cache_problems, default_folder
from ranking.system import STOP_SIGNALS, available_memory, cores, renderers
from ranking.tables import epoch_problems

# argparse's own messages (English) and the catalogue's words for them: a re.sub replacement, whose English
# side gives the message back as argparse wrote it.
ARGPARSE = (
    (r"the following arguments are required: ", "argparse.required"),
    (r"unrecognized arguments: ", "argparse.unrecognized"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", "argparse.choice"),
    (r"argument (\S+): expected one argument", "argparse.one_value"),
    (r"ambiguous option: ", "argparse.ambiguous"),
)
STAGES = ("draft", "final")


class Stopped(BaseException):
    """SIGINT or SIGTERM: unwinds like KeyboardInterrupt, so the staged folder and the workers go."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _help_lang(argv: Sequence[str]) -> Lang:
    """The language of help and messages, known before parsing: `--lang X` anywhere, else DTI_LANG, else vi."""
    found = os.environ.get("DTI_LANG", "vi")
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.removeprefix("--lang=")
    return "en" if found == "en" else "vi"


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose own words (usage, section titles, errors) follow the help's language."""

    def __init__(self, *, lang: Lang, **kwargs: object) -> None:
        usage = t("help.usage", lang)

        class Formatter(argparse.HelpFormatter):
            def add_usage(self, usage_: str | None, actions: object, groups: object, prefix: str | None = None) -> None:
                super().add_usage(usage_, actions, groups, usage if prefix is None else prefix)  # type: ignore[arg-type]

        super().__init__(add_help=False, formatter_class=Formatter, **kwargs)  # type: ignore[arg-type]
        self.lang = lang
        self._positionals.title = self.words("help.positionals")
        self._optionals.title = self.words("help.optionals")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=self.words("help.help"))

    def words(self, key: str) -> str:
        return t(key, self.lang)

    def error(self, message: str) -> NoReturn:
        for pattern, key in ARGPARSE:
            message = re.sub(pattern, self.words(key), message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {self.words('help.error')}: {message}\n")


def _parser(lang: Lang) -> _Parser:
    parser = _Parser(lang=lang, prog="dti", description=t("help.description", lang), epilog=t("help.epilog", lang))
    h = parser.words

    def general(p: _Parser, default: object) -> None:
        """--lang, --quiet and --debug, before the command (defaults) or after it (not overriding those)."""
        p.add_argument("--lang", choices=LANGS, default=lang if default is None else default, help=h("help.lang"))
        p.add_argument("--quiet", action="store_true", default=False if default is None else default,
                       help=h("help.quiet"))
        p.add_argument("--debug", action="store_true", default=False if default is None else default,
                       help=h("help.debug"))

    general(parser, None)
    sub = parser.add_subparsers(dest="command", required=True, title=h("help.commands"), metavar=h("help.meta.command"),
                                parser_class=_Parser)
    file, folder = h("help.meta.file"), h("help.meta.dir")

    def command(name: str, key: str) -> _Parser:
        p: _Parser = sub.add_parser(name, help=h(key), description=h(key), lang=lang)
        general(p, argparse.SUPPRESS)
        return p

    def paths(p: _Parser, required: bool, out: bool) -> None:
        p.add_argument("--criteria", type=Path, required=required, metavar=file, help=h("help.criteria"))
        p.add_argument("--inputs", type=Path, required=required, metavar=folder, help=h("help.inputs"))
        if out:
            p.add_argument("--out", type=Path, required=required, metavar=folder, help=h("help.out"))
            p.add_argument("--previous", type=Path, metavar=file, help=h("help.previous"))
            p.add_argument("--stage", choices=STAGES, default="final", help=h("help.stage"))

    validate = command("validate", "help.cmd.validate")
    validate.add_argument("--criteria", type=Path, required=True, metavar=file, help=h("help.criteria"))
    given = validate.add_mutually_exclusive_group()
    given.add_argument("--units", type=Path, metavar=file, help=h("help.validate.units"))
    given.add_argument("--inputs", type=Path, metavar=folder, help=h("help.validate.inputs"))
    validate.add_argument("--json", action="store_true", help=h("help.json"))
    rank_ = command("rank", "help.cmd.rank")
    paths(rank_, True, True)
    rank_.add_argument("--draft", type=Path, metavar=folder, help=h("help.draft"))
    for name, key in (("run", "help.cmd.run"), ("report", "help.cmd.report")):
        p = command(name, key)
        paths(p, False, True)
        p.add_argument("--draft", type=Path, metavar=folder, help=h("help.draft"))
        p.add_argument("--jobs", type=lambda text: _positive(text, lang), metavar="N", help=h("help.jobs"))
        p.add_argument("--cache", type=Path, metavar=folder, help=h("help.cache"))
        p.add_argument("--no-cache", action="store_true", help=h("help.no_cache"))
        p.add_argument("--no-site", action="store_true", help=h("help.no_site"))
    forms = command("forms", "help.cmd.forms")
    forms.add_argument("--criteria", type=Path, required=True, metavar=file, help=h("help.criteria"))
    forms.add_argument("--units", type=Path, required=True, metavar=file, help=h("help.forms.units"))
    forms.add_argument("--out", type=Path, required=True, metavar=folder, help=h("help.forms.out"))
    kinds = forms.add_mutually_exclusive_group()
    kinds.add_argument("--appraisal", action="store_true", help=h("help.forms.appraisal"))
    kinds.add_argument("--objections", action="store_true", help=h("help.forms.objections"))
    forms.add_argument("--draft", type=Path, metavar=folder, help=h("help.forms.draft"))
    collect = command("collect", "help.cmd.collect")
    collect.add_argument("--criteria", type=Path, required=True, metavar=file, help=h("help.criteria"))
    collect.add_argument("--units", type=Path, required=True, metavar=file, help=h("help.units"))
    collect.add_argument("forms", type=Path, nargs="+", metavar=h("help.meta.forms"), help=h("help.collect.forms"))
    collect.add_argument("--out", type=Path, required=True, metavar=file, help=h("help.collect.out"))
    kinds = collect.add_mutually_exclusive_group()
    kinds.add_argument("--appraisal", action="store_true", help=h("help.collect.appraisal"))
    kinds.add_argument("--objections", action="store_true", help=h("help.collect.objections"))
    collect.add_argument("--draft", type=Path, metavar=folder, help=h("help.forms.draft"))
    collect.add_argument("--partial", action="store_true", help=h("help.collect.partial"))
    schema = command("schema", "help.cmd.schema")
    schema.add_argument("--out", type=Path, metavar=file, help=h("help.schema.out"))
    tasks = command("tasks", "help.cmd.tasks")
    tasks.add_argument("--criteria", type=Path, required=True, metavar=file, help=h("help.criteria"))
    tasks.add_argument("--inputs", type=Path, required=True, metavar=folder, help=h("help.inputs"))
    tasks.add_argument("--as-of", type=lambda text: _day(text, lang), metavar=h("help.meta.date"),
                       help=h("help.tasks.as_of"))
    tasks.add_argument("--out", type=Path, metavar=folder, help=h("help.tasks.out"))
    diff = command("diff", "help.cmd.diff")
    diff.add_argument("old", type=Path, metavar=h("help.meta.old"), help=h("help.diff.old"))
    diff.add_argument("new", type=Path, metavar=h("help.meta.new"), help=h("help.diff.new"))
    diff.add_argument("--out", type=Path, metavar=file, help=h("help.diff.out"))
    return parser


def _day(text: str, lang: Lang) -> date:
    """--as-of: a real day written YYYY-MM-DD."""
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("help.day", lang, found=repr(text))) from None


def _positive(text: str, lang: Lang) -> int:
    """--jobs: a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(t("help.positive", lang, found=repr(text)))
    return int(text)


def _resolve(args: argparse.Namespace) -> Paths:
    """Explicit options, or the bundled sample of the newest year for those left out."""
    if args.criteria and args.inputs and args.out:
        return Paths(args.criteria, args.inputs, args.out)
    sample = sample_paths(Path())
    return Paths(args.criteria or sample.criteria, args.inputs or sample.inputs, args.out or sample.out)


def _refuse(problems: Sequence[Problem]) -> None:
    if problems:
        raise DtiError(problems)


def _validate(args: argparse.Namespace, lang: Lang) -> int:
    """Every problem of what is there at this step of the year; a file not there yet is named, not an error."""
    problems: Sequence[Problem] = ()
    absent: tuple[str, ...] = ()
    try:
        criteria = load_criteria(args.criteria)
        if args.inputs is not None:
            inputs = load_inputs(criteria, args.inputs, partial=True)
            problems, absent = inputs.warnings, inputs.absent
        elif args.units is not None:
            load_units(criteria, args.units)
    except DtiError as exc:
        problems = exc.problems
    errors = [p for p in problems if p.severity == "error"]
    with _reader_may_leave():
        if args.json:  # \u escapes where the stream cannot take the text itself: the JSON stays valid
            print(json.dumps({"ok": not errors, "problems": [p.as_dict(lang) for p in problems],
                              "absent": list(absent)}, ensure_ascii=not _takes_vietnamese(sys.stdout), indent=2))
        else:
            for p in problems:
                print(p.message(lang), file=sys.stderr if p.severity == "error" else sys.stdout)
            if absent:
                print(t("validate.absent", lang, files=", ".join(absent)))
            given = [str(f) for f in (args.criteria, args.units, args.inputs) if f is not None]
            print(t("problems", lang, n=len(errors), w=len(problems) - len(errors)) if problems
                  else t("valid", lang, files=", ".join(given)))
    return 2 if errors else 0


def _print_top(ranking: Ranking, lang: Lang, n: int = 5) -> None:
    if ranking.inputs.sample:
        print(t("sample", lang))
    for group in ranking.criteria.groups:
        members = ranking.group(group.id)
        if not members:
            continue
        print()
        print(t("top", lang, title=group.title, n=len(members)))
        print(f"{t('rank', lang):>5}  {t('index', lang):>7}  {t('band', lang):<14} {t('unit', lang)}")
        for u in members:
            if u.rank > n:
                break
            print(f"{u.rank:>5}  {Words(lang).num(u.score.index, ranking.criteria.decimals):>7}  {u.band:<14} "
                  f"{u.score.name}")


def _rank(args: argparse.Namespace, lang: Lang) -> int:
    """rank, run and report: every problem of the output folder and the inputs at once, then the work."""
    progress = Progress.on_stderr(lang, args.quiet)
    paths = _resolve(args)
    draft = getattr(args, "draft", None)
    # what the run reads must survive the swap; an earlier run of the same folder as --draft is read before it
    same = draft is not None and draft.resolve() == paths.out.resolve()
    read = [p for p in (paths.criteria, paths.inputs, args.previous, None if same else draft) if p is not None]
    cache = None if getattr(args, "no_cache", True) else args.cache or default_folder(paths.out)
    out_problems = [*folder_problems(paths.out, read), *(cache_problems(cache) if cache else []), *epoch_problems(),
                    *(zone_problems() if args.command != "rank" else ())]
    if out_problems:  # with the inputs' problems, before anything is locked or made
        progress.stage("progress.load")
        try:
            load(paths.criteria, paths.inputs)
        except DtiError as exc:
            raise DtiError([*out_problems, *exc.problems]) from None
        _refuse(out_problems)
    with output_lock(paths.out, f"dti {args.command}") as lock:
        return _ranked(args, lang, paths, cache, lock, progress)


def _ranked(args: argparse.Namespace, lang: Lang, paths: Paths, cache: Path | None, lock: Lock,
            progress: Progress) -> int:
    """The work of rank, run and report under the writer lock of the output folder, from reading the inputs to
    the swap: a second command on the same folder meanwhile is refused, so that none replaces the newer output
    of another."""
    previous = args.previous or None
    draft = getattr(args, "draft", None)
    progress.stage("progress.load")
    criteria, inputs = load(paths.criteria, paths.inputs)
    _refuse(stage_problems(inputs, args.stage))
    progress.clear()
    for warning in inputs.warnings:
        print(warning.message(lang), file=sys.stderr)
    previous = previous or default_previous(paths.out, criteria.edition)
    earlier = read_draft(draft, criteria) if draft is not None else None
    progress.stage("progress.score")
    ranking = build(criteria, inputs, previous)
    progress.clear()
    for warning in book_warnings(inputs.objections, earlier, ranking.indicators,
                                 str(paths.inputs / "objections.csv")):
        print(warning.message(lang), file=sys.stderr)
    # what made these outputs, without a path of this machine: files by name (their hashes are in run.json)
    options: dict[str, object] = {"command": args.command, "stage": args.stage,
                                  "previous": previous.name if previous else None}
    if args.command == "rank":
        progress.stage("progress.tables")
        write(ranking, paths.out, options, lang, lock=lock)
        progress.finish()
    else:
        workers = renderers(args.jobs)
        if args.jobs is not None and workers < args.jobs:
            memory = available_memory()
            print(t("jobs.bounded", lang, asked=args.jobs, n=workers, cores=cores(),
                    memory=Words(lang).num(memory / 1e9, 1) + " GB" if memory is not None else "—"), file=sys.stderr)
        since = draft.name if draft else None
        reports = publish(ranking, paths.out, {**options, "lang": lang, "draft": since}, lang, earlier, progress,
                          site=not args.no_site, workers=workers, cache=cache, lock=lock)
        progress.clear()
        print(t("pdf.rendered", lang, rendered=len(reports.rendered), reused=len(reports.reused)), file=sys.stderr)
        progress.finish("progress.done_pdf", n=len(reports.files))
    with _reader_may_leave():  # the outputs are written: a reader that left changes nothing of that
        _print_top(ranking, lang)
        print()
        print(t("written", lang, out=paths.out))
    return 0


# The round-trip commands import openpyxl (a quarter of a second): only when they run, so that
# `dti validate` starts fast.
def _forms(args: argparse.Namespace, lang: Lang) -> int:
    from ranking.forms import write_council_forms, write_objection_forms, write_unit_forms

    progress = Progress.on_stderr(lang, args.quiet)
    read = [args.draft] if args.draft else []  # a run's folder holds exactly its run's files
    _refuse([*adding_problems(args.out, read), *epoch_problems(), *_draft_option(args)])
    criteria = load_criteria(args.criteria)
    progress.stage("progress.forms")
    if args.objections:
        draft = read_draft(args.draft, criteria, objections=True)
        units = load_units(criteria, args.units)
        written = write_objection_forms(criteria, [u for u in units if u.id in draft.units], draft, args.out, lang,
                                        (args.units.parent / "SAMPLE").is_file(), progress.counter("progress.forms"))
    elif args.appraisal:
        written = write_council_forms(criteria, load_inputs(criteria, args.units.parent), args.out, lang,
                                      progress.counter("progress.forms"))
    else:
        units = load_units(criteria, args.units)
        measured = load_measured(criteria, units, args.units.parent / "measured.csv")  # shown on the forms
        tasks = load_tasks(criteria, units, args.units.parent / "tasks.csv")  # each unit's, listed on its form
        written = write_unit_forms(criteria, units, args.out, lang, (args.units.parent / "SAMPLE").is_file(),
                                   progress.counter("progress.forms"), measured, tasks)
    progress.finish()
    print(t("forms.written", lang, n=len(written), out=args.out))
    return 0


def _collect(args: argparse.Namespace, lang: Lang) -> int:
    """Nothing is written unless every form is clean; --partial writes the clean ones and still exits 2."""
    from ranking.collect import CLAIM_COLUMNS, CLAIMS, collect, form_paths
    from ranking.forms import Kind

    progress = Progress.on_stderr(lang, args.quiet)
    kind: Kind = "objection" if args.objections else "appraisal" if args.appraisal else "self"
    claims = args.out.with_name(CLAIMS)  # the units' task claims, beside the collected self-assessment
    table = {"self": SELF_ASSESSMENT, "appraisal": APPRAISAL, "objection": OBJECTIONS}[kind]
    example, header = table.file, table.names
    reads = [args.criteria, args.units, *args.forms, *([args.draft] if args.draft else [])]
    _refuse([*file_problems(args.out, example, reads, first_line_is(",".join(header))), *_draft_option(args),
             *(decided(args.out) if args.objections else []),
             *(file_problems(claims, CLAIMS, reads, first_line_is(",".join(CLAIM_COLUMNS))) if kind == "self" else [])])
    criteria = load_criteria(args.criteria)
    units = load_units(criteria, args.units)
    draft = read_draft(args.draft, criteria, objections=True).run_sha256 if args.objections else ""
    progress.stage("progress.collect")
    result = collect(criteria, units, form_paths(args.forms), kind, progress=progress.counter("progress.collect"),
                     draft=draft)
    progress.clear()
    for problem in result.problems if args.partial else [p for p in result.problems if p.severity == "warning"]:
        print(problem.message(lang), file=sys.stderr)
    if not args.partial:
        result.raise_if_errors()
    write_csv_atomic(args.out, result.header, result.rows)
    if result.tasks_sheets:  # the forms listed the units' tasks: their claims, for the department to review
        write_csv_atomic(claims, CLAIM_COLUMNS, result.claims)
    progress.finish()
    rows = t("collect.rows", lang, n=len(result.rows))
    print(t("collect.written", lang, rows=rows, forms=len(result.forms), out=args.out))
    if result.tasks_sheets:
        print(t("collect.claims", lang, n=len(result.claims), out=claims))
    if result.rejected:
        print(t("collect.rejected", lang, n=len(result.rejected), files=", ".join(result.rejected)), file=sys.stderr)
    return 2 if result.rejected else 0


def _draft_option(args: argparse.Namespace) -> list[Problem]:
    """--objections needs --draft (the draft the units object to); --draft means nothing without it."""
    if args.objections and args.draft is None:
        return [Problem("--objections", "option_needs", {"found": "--objections", "accepted": "--draft"})]
    if args.draft is not None and not args.objections:
        return [Problem("--draft", "option_needs", {"found": "--draft", "accepted": "--objections"})]
    return []


def _schema(args: argparse.Namespace, lang: Lang) -> int:
    from ranking.schema import is_schema_file, json_schema  # pydantic: a quarter of a second, only here

    if args.out is None:
        sys.stdout.write(json_schema())
    else:
        _refuse(file_problems(args.out, "dti-criteria.schema.json", ours=is_schema_file))
        write_file(args.out, json_schema().encode("utf-8"))
    return 0


def _diff(args: argparse.Namespace, lang: Lang) -> int:
    if args.out is not None:  # never into either run's folder: it holds exactly one run's files
        _refuse(file_problems(args.out, "diff.csv", [args.old, args.new], first_line_is(",".join(DIFF_COLUMNS))))
    old, new = comparable(args.old, args.new)
    changes = diff_runs(args.old, args.new)
    with _reader_may_leave():
        if old.sha256 != new.sha256:
            print(t("diff.criteria_changed", lang, old=old.sha256[:12], new=new.sha256[:12], id=new.id,
                    edition=new.edition))
            print()
        print(render_diff(changes, lang))
    if args.out is not None:
        write_diff(changes, args.out)
        print(t("written", lang, out=args.out))
    return 0


def _tasks(args: argparse.Namespace, lang: Lang) -> int:
    """The register seen on a day: a table on the terminal, and with --out the workbook and the PDF (a staged
    folder, as every output). Needs only units.csv and tasks.csv: it runs all year long."""
    from ranking import tasks

    register = args.inputs / tasks.REGISTER
    out_problems = [] if args.out is None else folder_problems(args.out, [args.criteria, args.inputs],
                                                                marker=tasks.WORKBOOK)
    try:
        criteria = load_criteria(args.criteria)
        inputs = load_inputs(criteria, args.inputs, partial=True, as_of=args.as_of)
    except DtiError as exc:
        raise DtiError([*out_problems, *exc.problems]) from None
    missing = file_problem(register)
    _refuse([*out_problems, *([missing] if missing is not None else [])])
    for warning in inputs.warnings:
        if warning.file == str(register):
            print(warning.message(lang), file=sys.stderr)
    report = tasks.progress(criteria, inputs.units, inputs.tasks, inputs.sample, inputs.as_of or date.today())
    print(tasks.render(report, lang))
    if args.out is not None:
        with staged_output(args.out, command="dti tasks") as stage:
            tasks.write(report, stage, lang)
        print()
        print(t("written", lang, out=args.out))
    return 0


def _raise_stopped(signum: int, _frame: FrameType | None) -> None:
    """The first SIGINT/SIGTERM unwinds the run; any further one is ignored so the clean-up can finish."""
    for s in STOP_SIGNALS:
        signal.signal(s, signal.SIG_IGN)
    raise Stopped(signum)


@contextlib.contextmanager
def _stoppable() -> Iterator[None]:
    """SIGINT and SIGTERM raise Stopped while a command runs (the handlers before are restored after)."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    before = {s: signal.signal(s, _raise_stopped) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


def _one_line(text: str, limit: int = 200) -> str:
    """An exception's text as one short line, control characters shown escaped (they may come from input)."""
    flat = " ".join(text.split())
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in flat)[:limit]


def _defect(exc: BaseException, argv: Sequence[str], lang: Lang, debug: bool) -> int:
    """Exit 1: one line saying it is dti's fault, and the traceback in a log file (never in --out)."""
    details = traceback.format_exc()
    try:
        fd, log = tempfile.mkstemp(prefix="dti-error-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"dti {__version__}\nargv: {list(argv)!r}\n\n{details}")
    except OSError:
        log, debug = "—", True
    _tell((details if debug else "") + t("defect", lang, detail=_one_line(f"{type(exc).__name__}: {exc}"), log=log))
    return 1


# 128 + SIGPIPE, as a shell reports a program that the closed pipe stopped: a command cut short by a reader that
# left never reports success.
PIPE_CLOSED = 141


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        _tolerant(stream)
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser(_help_lang(argv)).parse_args(argv)
    lang: Lang = args.lang
    commands = {"validate": _validate, "rank": _rank, "run": _rank, "report": _rank, "forms": _forms,
                "collect": _collect, "diff": _diff, "schema": _schema, "tasks": _tasks}
    try:
        with _stoppable():
            code = commands[args.command](args, lang)
    except DtiError as exc:
        _tell(exc.render(lang))
        code = 2
    except Stopped as exc:
        _tell(t("stopped", lang, signal=signal.Signals(exc.signum).name))
        code = 128 + exc.signum
    except BrokenPipeError:  # the reader (e.g. `| head`) left while the work went on: stop quietly
        _silence_closed()
        code = PIPE_CLOSED
    except OSError as exc:  # a full disk, a file dti may not read, a name too long: the environment's, not dti's
        problem = environment_problem(exc, getattr(args, "out", None))
        if problem is None:
            code = _defect(exc, argv, lang, args.debug)
        else:
            _tell(problem.message(lang))
            code = 2
    except Exception as exc:
        code = _defect(exc, argv, lang, args.debug)
    return _flushed(code)


def _takes_vietnamese(stream: TextIO) -> bool:
    """Whether the stream's encoding can write Vietnamese (UTF-8 can; ASCII, the C locale's, cannot)."""
    try:
        "Việt Nam — ổn".encode(stream.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _tolerant(stream: TextIO) -> None:
    """A stream that cannot take Vietnamese (PYTHONIOENCODING=ascii, LC_ALL=C without UTF-8 mode) writes what
    it can and escapes the rest (ệ → \\u1ec7), so that printing never turns the work's exit code into a
    failure."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and not _takes_vietnamese(stream):
        reconfigure(errors="backslashreplace")


def _to_devnull(stream: TextIO) -> None:
    """Point the stream's descriptor at /dev/null once its reader has left, as Python's documentation advises
    for a closed pipe: what is still buffered goes nowhere instead of raising again at shutdown."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


@contextlib.contextmanager
def _reader_may_leave() -> Iterator[None]:
    """Around the printing of work that is done: a reader that left (`| head`) cuts the text, not the work,
    so the command keeps its exit code."""
    try:
        yield
    except BrokenPipeError:
        _silence_closed()


def _tell(text: str) -> None:
    """A last message on stderr, even when its reader has left."""
    _fresh_line()
    try:
        print(text, file=sys.stderr)
    except BrokenPipeError:
        _silence_closed()


def _silence_closed() -> None:
    """Flush stdout and stderr; the one whose reader has left (its write failed, so its buffer still holds the
    text and fails again) goes to /dev/null."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            _to_devnull(stream)
        except (OSError, ValueError):
            pass


def _flushed(code: int) -> int:
    """Both streams flushed before returning `code`: a reader that left shows as no traceback at shutdown."""
    _silence_closed()
    return code


def _fresh_line() -> None:
    """On a terminal that takes escape sequences, erase a progress line left unfinished, so that a message
    starts at the margin."""
    if live_terminal(sys.stderr):
        with contextlib.suppress(BrokenPipeError):
            sys.stderr.write(CLEAR_LINE)
