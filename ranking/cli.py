"""The `dti` command line: a thin layer over pipeline.py. Exit 0 done, 2 bad input, 1 internal error."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ranking.criteria import load_criteria
from ranking.errors import DtiError, Lang
from ranking.history import default_previous
from ranking.i18n import t
from ranking.inputs import load_inputs, load_measured, load_units
from ranking.pipeline import Paths, build, load, publish, sample_paths, write
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
    for name, help in (("run", "validate, score, rank and write every output"),
                       ("report", "the result tables and the PDFs: the publication and one breakdown per unit")):
        p = command(name, help)
        paths(p, False, True)
        p.add_argument("--draft", type=Path, help="an earlier run's output folder: breakdowns show what changed")
    forms = command("forms", "one self-assessment workbook per unit; --appraisal: one council workbook per group")
    forms.add_argument("--criteria", type=Path, required=True, help="criteria YAML file")
    forms.add_argument("--units", type=Path, required=True, help="units.csv (with --appraisal: its folder also "
                       "holds self_assessment.csv)")
    forms.add_argument("--out", type=Path, required=True, help="folder for the workbooks")
    forms.add_argument("--appraisal", action="store_true", help="the appraisal council's workbooks")
    collect = command("collect", "filled-in workbooks back to self_assessment.csv (appraisal.csv)")
    collect.add_argument("--criteria", type=Path, required=True, help="criteria YAML file")
    collect.add_argument("--units", type=Path, required=True, help="units.csv")
    collect.add_argument("forms", type=Path, nargs="+", help="workbooks, or folders of workbooks")
    collect.add_argument("--out", type=Path, required=True, help="the CSV to write")
    collect.add_argument("--appraisal", action="store_true", help="read council workbooks into appraisal.csv")
    collect.add_argument("--partial", action="store_true", help="write the clean forms and list the rest (exit 2)")
    schema = command("schema", "the JSON Schema of the criteria format, for editors")
    schema.add_argument("--out", type=Path, help="the file to write (default: standard output)")
    diff = command("diff", "what changed between two runs, per unit and per indicator")
    diff.add_argument("old", type=Path, help="the earlier run's output folder (the draft)")
    diff.add_argument("new", type=Path, help="the later run's output folder")
    diff.add_argument("--out", type=Path, help="diff.csv to write (default: NEW/diff.csv)")
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
               "out": str(paths.out), "previous": str(previous) if previous else None}
    if args.command == "rank":
        write(ranking, paths.out, options)
    else:
        publish(ranking, paths.out, {**options, "lang": lang, "draft": str(args.draft) if args.draft else None},
                lang, args.draft)
    _print_top(ranking, lang)
    print()
    print(t("written", lang, out=paths.out))
    return 0


# The round-trip commands import openpyxl (a quarter of a second): only when they run, so that
# `dti validate` starts fast.
def _forms(args: argparse.Namespace, lang: Lang) -> int:
    from ranking.forms import write_council_forms, write_unit_forms

    criteria = load_criteria(args.criteria)
    if args.appraisal:
        written = write_council_forms(criteria, load_inputs(criteria, args.units.parent), args.out, lang)
    else:
        units = load_units(criteria, args.units)
        measured = load_measured(criteria, units, args.units.parent / "measured.csv")  # shown on the forms
        written = write_unit_forms(criteria, units, args.out, lang, (args.units.parent / "SAMPLE").is_file(),
                                   measured)
    print(t("forms.written", lang, n=len(written), out=args.out))
    return 0


def _collect(args: argparse.Namespace, lang: Lang) -> int:
    """Nothing is written unless every form is clean; --partial writes the clean ones and still exits 2."""
    from ranking.collect import collect, form_paths, write_csv_atomic

    criteria = load_criteria(args.criteria)
    units = load_units(criteria, args.units)
    result = collect(criteria, units, form_paths(args.forms), "appraisal" if args.appraisal else "self")
    for problem in result.problems if args.partial else [p for p in result.problems if p.severity == "warning"]:
        print(problem.message(lang), file=sys.stderr)
    if not args.partial:
        result.raise_if_errors()
    write_csv_atomic(args.out, result.header, result.rows)
    print(t("collect.written", lang, rows=len(result.rows), forms=len(result.forms), out=args.out))
    if result.rejected:
        print(t("collect.rejected", lang, n=len(result.rejected), files=", ".join(result.rejected)), file=sys.stderr)
    return 2 if result.rejected else 0


def _schema(args: argparse.Namespace, lang: Lang) -> int:
    from ranking.schema import json_schema

    if args.out is None:
        sys.stdout.write(json_schema())
    else:
        args.out.write_text(json_schema(), encoding="utf-8")
    return 0


def _diff(args: argparse.Namespace, lang: Lang) -> int:
    from ranking.diff import diff_runs, write_diff
    from ranking.diff import render as render_diff

    changes = diff_runs(args.old, args.new)
    print(render_diff(changes, lang))
    out = args.out or args.new / "diff.csv"
    write_diff(changes, out)
    print(t("written", lang, out=out))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang: Lang = args.lang
    commands = {"validate": _validate, "rank": _rank, "run": _rank, "report": _rank, "forms": _forms,
                "collect": _collect, "diff": _diff, "schema": _schema}
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
