"""The `dti` command line: a thin layer over pipeline.py. Exit 0 done, 2 bad input, 1 internal error."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ranking.errors import DtiError, Lang
from ranking.history import default_previous
from ranking.i18n import t
from ranking.pipeline import Paths, build, load, sample_paths, write
from ranking.ranking import Ranking


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dti", description="Digital-transformation ranking (DTI)")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of messages and reports")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, parents=[common])

    def paths(p: argparse.ArgumentParser, required: bool, out: bool) -> None:
        p.add_argument("--criteria", type=Path, required=required, help="criteria YAML file")
        p.add_argument("--inputs", type=Path, required=required, help="inputs/YEAR folder")
        if out:
            p.add_argument("--out", type=Path, required=required, help="output folder")
            p.add_argument("--previous", type=Path, help="results.csv of the previous edition")

    validate = command("validate", "list every problem in criteria and inputs")
    paths(validate, True, False)
    validate.add_argument("--json", action="store_true", help="print the problems as JSON")
    paths(command("rank", "the result tables"), True, True)
    paths(command("run", "validate, score, rank and write every output"), False, True)
    return parser


def _resolve(args: argparse.Namespace) -> Paths:
    """Explicit options, or the bundled sample of the newest year for those left out."""
    if args.criteria and args.inputs and args.out:
        return Paths(args.criteria, args.inputs, args.out)
    sample = sample_paths(Path())
    return Paths(args.criteria or sample.criteria, args.inputs or sample.inputs, args.out or sample.out)


def _validate(args: argparse.Namespace, lang: Lang) -> int:
    try:
        _criteria, inputs = load(args.criteria, args.inputs)
    except DtiError as exc:
        problems = exc.problems
    else:
        problems = inputs.warnings
    errors = [p for p in problems if p.severity == "error"]
    if args.json:
        print(json.dumps({"ok": not errors, "problems": [p.as_dict(lang) for p in problems]},
                         ensure_ascii=False, indent=2))
    else:
        for p in problems:
            print(p.message(lang), file=sys.stderr if p.severity == "error" else sys.stdout)
        print(t("problems", lang, n=len(errors), w=len(problems) - len(errors)) if problems
              else t("valid", lang, criteria=args.criteria, inputs=args.inputs))
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
            print(f"{u.rank:>5}  {u.score.index:>7.{ranking.criteria.decimals}f}  {u.band:<14} {u.score.name}")


def _rank(args: argparse.Namespace, lang: Lang) -> int:
    paths = _resolve(args)
    criteria, inputs = load(paths.criteria, paths.inputs)
    for warning in inputs.warnings:
        print(warning.message(lang), file=sys.stderr)
    previous = args.previous or default_previous(paths.out, criteria.edition)
    ranking = build(criteria, inputs, previous)
    options = {"command": args.command, "criteria": str(paths.criteria), "inputs": str(paths.inputs),
               "out": str(paths.out), "previous": str(previous) if previous else None,
               "previous_sha256": hashlib.sha256(previous.read_bytes()).hexdigest() if previous else None}
    write(ranking, paths.out, options)
    _print_top(ranking, lang)
    print()
    print(t("written", lang, out=paths.out))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang: Lang = args.lang
    commands = {"validate": _validate, "rank": _rank, "run": _rank}
    try:
        return commands[args.command](args, lang)
    except DtiError as exc:
        print(exc.render(lang), file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader (e.g. `| head`) left: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # an internal error: a short message, not a traceback
        print(t("internal", lang, detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 1
