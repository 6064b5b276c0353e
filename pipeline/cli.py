"""The ``overclaim`` command line: thin wrappers over plain functions.

    overclaim extract INPUT... [-o OUT.jsonl]     articles -> cleaned text + numeric claims
    overclaim flag    INPUT... [-o OUT.jsonl]     the same records + overstatement flags
    overclaim train    boilerplate|claims|strength|flags|pipeline ...
    overclaim evaluate boilerplate|quantities|claims|strength|releases|news|web|samples ...
    overclaim benchmark boilerplate|claims|pipeline ...
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    name="overclaim",
    help="Find numeric health claims in scraped articles and flag causal overstatement, as JSONL for review.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
train_app = typer.Typer(help="Rebuild a trained model from data in the repository.", no_args_is_help=True)
evaluate_app = typer.Typer(help="Measure accuracy against gold data.", no_args_is_help=True)
benchmark_app = typer.Typer(help="Measure speed (medians of repeated runs).", no_args_is_help=True)
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")
app.add_typer(benchmark_app, name="benchmark")

Inputs = Annotated[list[Path], typer.Argument(help="Files and folders: .html/.htm, .txt/.md, .jsonl (folders are walked recursively, sorted; dotfiles skipped).", show_default=False)]
Output = Annotated[Optional[str], typer.Option("--output", "-o", help="Output JSONL; '-' or omitted: stdout. Errors go to OUT.errors.jsonl (stderr with stdout).")]
Model = Annotated[Optional[Path], typer.Option("--model", help="A saved overclaim pipeline folder (default: the shipped models/overclaim-en).")]
Jobs = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")]
Scheduler = Annotated[Optional[str], typer.Option("--scheduler", help="Run on a Dask cluster: 'local' (--jobs worker processes here) or a scheduler address such as tcp://host:8786; inputs must be readable by every worker. Needs overclaim[dask].", show_default=False)]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]


def _run(inputs: list[Path], output: str | None, model: Path | None, jobs: int, scheduler: str | None, quiet: bool,
         *, flag: bool) -> None:
    from pipeline.distributed import SchedulerError
    from pipeline.export import writers
    from pipeline.run import run_batch

    failed = 0
    progress = None if quiet or not sys.stderr.isatty() else _progress()
    with writers(output) as (records, errors):
        task = progress.add_task("articles", total=None) if progress else None
        if progress:
            progress.start()

        def tick(done: int, total: int) -> None:
            if progress:
                progress.update(task, completed=done, total=total)

        try:
            for outcome in run_batch(inputs, flag=flag, model=str(model.resolve()) if model else None, jobs=jobs,
                                     scheduler=scheduler, on_progress=tick):
                records.write_all(outcome.records)
                errors.write_all(outcome.errors)
                failed += len(outcome.errors)
        except SchedulerError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(2) from None
        finally:
            if progress:
                progress.stop()
    raise typer.Exit(1 if failed else 0)


def _progress():  # noqa: ANN202 - rich is imported lazily
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=True)


@app.command()
def extract(inputs: Inputs, output: Output = None, model: Model = None, jobs: Jobs = 1, scheduler: Scheduler = None,
            quiet: Quiet = False) -> None:
    """Articles -> cleaned text, metadata and numeric claims (one JSONL record per article).

    Exit code 0 when every input was processed, 1 when some failed (see the errors file).
    """
    _run(inputs, output, model, jobs, scheduler, quiet, flag=False)


@app.command()
def flag(inputs: Inputs, output: Output = None, model: Model = None, jobs: Jobs = 1, scheduler: Scheduler = None,
         quiet: Quiet = False) -> None:
    """Like extract, plus overstatement flags; also reads JSONL written by extract without re-extracting."""
    _run(inputs, output, model, jobs, scheduler, quiet, flag=True)


def _print(result: dict) -> None:
    typer.echo(json.dumps(result, indent=2, ensure_ascii=False, default=str))


# -- train -----------------------------------------------------------------------------

Out = Annotated[Optional[Path], typer.Option("--out", help="Where to write the model (default: models/<name>).")]


@train_app.command("boilerplate")
def train_boilerplate(
    wcxb: Annotated[Path, typer.Argument(help="The wcxb-dev corpus folder (../shared/corpora/boilerplate/wcxb-dev).")],
    extra: Annotated[Optional[Path], typer.Option(help="Our own labelled dumps.")] = Path("corpora/boilerplate"),
    out: Out = None,
) -> None:
    """Train the plain-text block classifier."""
    from pipeline.clean.train import train
    from pipeline.paths import model_dir

    _print(train(wcxb, out or model_dir("boilerplate"), extra=extra))


@train_app.command("claims")
def train_claims(
    corpus: Annotated[Path, typer.Argument(help="Annotated claim sentences.")] = Path("corpora/claims/sentences.jsonl"),
    articles: Annotated[Optional[list[Path]], typer.Option(
        "--articles", help="A gold article set (folder with articles/ and expected.json) to train on too; repeatable.")] = None,
    out: Out = None,
) -> None:
    """Train the claim detector and typer."""
    from pipeline.claims.train import train
    from pipeline.paths import model_dir

    _print(train(corpus, out or model_dir("claims"), articles=articles or ()))


@train_app.command("strength")
def train_strength(
    corpus: Annotated[Path, typer.Argument(help="Folder of labelled strength JSONL files.")] = Path("corpora/strength"),
    certainty: Annotated[Optional[Path], typer.Option(help="The certainty-pei2021 corpus folder (MIT), optional extra data.")] = None,
    evidence: Annotated[Optional[Path], typer.Option(help="The evidence-inference corpus folder (MIT), optional extra data.")] = None,
    out: Out = None,
) -> None:
    """Train the sentence claim-strength classifier."""
    from pipeline.paths import model_dir
    from pipeline.strength.train import train

    _print(train(corpus, out or model_dir("strength"), certainty=certainty, evidence=evidence))


@train_app.command("flags")
def train_flags(
    articles: Annotated[Optional[list[Path]], typer.Option(
        "--articles", help="A gold article set (folder with articles/, expected.json and optionally batches.json); repeatable.")] = None,
    out: Out = None,
    web: Annotated[Path, typer.Option(help="The WCXB development set: its labelled train pages (corpora/webaudit) are trained on too.")] = Path("../shared/corpora/boilerplate/wcxb-dev"),
    no_web: Annotated[bool, typer.Option("--no-web", help="Train on the gold articles only.")] = False,
) -> None:
    """Train the flag model (rules as features), measured leave-one-batch-out."""
    from pipeline.flags.train import train
    from pipeline.paths import model_dir

    try:
        _print(train(articles or [Path("corpora/flagdev")], out or model_dir("flags"), web=None if no_web else web))
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc), param_hint="--web") from exc


@train_app.command("pipeline")
def train_pipeline(out: Out = None) -> None:
    """Assemble the shipped spaCy pipeline from the trained component models and save it."""
    from pipeline.language import build
    from pipeline.paths import PIPELINE, model_dir

    target = out or model_dir(PIPELINE)
    nlp = build()
    nlp.to_disk(target)
    _print({"saved": str(target), "pipeline": nlp.pipe_names})


# -- evaluate --------------------------------------------------------------------------

@evaluate_app.command("boilerplate")
def evaluate_boilerplate(
    path: Annotated[Path, typer.Argument(help="An AEB-style folder: html/, text/, ground-truth.json.")],
    mode: Annotated[str, typer.Option(help="html or text.")] = "html",
) -> None:
    """P/R/F1 of the kept body (ScrapingHub article-extraction-benchmark metric)."""
    if mode not in ("html", "text"):
        raise typer.BadParameter("--mode must be html or text")
    from pipeline.clean.evaluate import evaluate

    _print(evaluate(path, mode))


@evaluate_app.command("quantities")
def evaluate_quantities(
    corpus: Annotated[Optional[Path], typer.Option(help="Our annotated sentences.")] = Path("corpora/claims/sentences.jsonl"),
    split: Annotated[str, typer.Option(help="Corpus split.")] = "test",
    grobid: Annotated[Optional[Path], typer.Option(help="grobid-quantities corpus folder.")] = None,
    recognizers: Annotated[Optional[Path], typer.Option(help="Recognizers-Text specs folder.")] = None,
) -> None:
    """Quantity spans, values, ranges and bounds."""
    from pipeline.quantities import evaluate as ev

    result = {}
    if corpus:
        result["corpus"] = ev.evaluate_corpus(corpus, split)
    if grobid:
        result["grobid"] = ev.evaluate_grobid(grobid)
    if recognizers:
        result["recognizers"] = ev.evaluate_recognizers(recognizers)
    _print(result)


@evaluate_app.command("claims")
def evaluate_claims(
    corpus: Annotated[Path, typer.Argument(help="Annotated claim sentences.")] = Path("corpora/claims/sentences.jsonl"),
    split: Annotated[str, typer.Option(help="Corpus split.")] = "test",
) -> None:
    """Claim detection, typing and slots."""
    from pipeline.claims.evaluate import evaluate

    _print(evaluate(corpus, split))


@evaluate_app.command("strength")
def evaluate_strength(path: Annotated[Path, typer.Argument(help="Labelled CSV (sentence,label 0-3, Yu et al. numbering) or JSONL (text,label).")]) -> None:
    """Macro-F1 and per-class F1 of the claim-strength classifier."""
    from pipeline.strength.evaluate import evaluate

    _print(evaluate(path))


@evaluate_app.command("releases")
def evaluate_releases(
    path: Annotated[Path, typer.Argument(help="The FakeHealth folder (../shared/corpora/healthnews/fakehealth).")],
    threshold: Annotated[float, typer.Option(help="Article score at or above which an article counts as not conveying its evidence (default: half the reporting checks missing).")] = 0.375,
) -> None:
    """Agreement of the article assessment with the experts' quality-of-evidence verdicts."""
    from pipeline.flags.evaluate import evaluate_releases as ev

    _print(ev(path, threshold=threshold))


@evaluate_app.command("news")
def evaluate_news(
    texts: Annotated[Path, typer.Argument(help="Folder of the labelled news texts (../shared/corpora/healthnews/cardiff-news-2011/text).")],
    labels: Annotated[Path, typer.Option(help="Sentence labels: file, offsets, checksum, expected flags.")] = Path("corpora/newsaudit/labels.tsv"),
) -> None:
    """Sentence-level precision and recall of the flags on real news articles we labelled."""
    from pipeline.flags.evaluate import evaluate_news as ev

    _print(ev(labels, texts))


@evaluate_app.command("web")
def evaluate_web(
    wcxb: Annotated[Path, typer.Argument(help="The WCXB development set (../shared/corpora/boilerplate/wcxb-dev).")],
    labels: Annotated[Path, typer.Option(help="Sentence labels: page, offsets, checksum, expected flags.")] = Path("corpora/webaudit/labels.tsv"),
) -> None:
    """Sentence-level precision and recall of the flags on real health web pages we labelled."""
    from pipeline.flags.evaluate import evaluate_web as ev

    _print(ev(labels, wcxb))


@evaluate_app.command("samples")
def evaluate_samples(
    folder: Annotated[Path, typer.Argument(help="Folder of articles.")] = Path("corpora/samples"),
    gold: Annotated[Path, typer.Option(help="Expected body, claims and flags per file.")] = Path("tests/data/samples_expected.json"),
    batch: Annotated[str | None, typer.Option(help="Only this batch of the batches.json beside the gold file.")] = None,
) -> None:
    """Body, claim and flag recall against hand-written expectations."""
    from pipeline.flags.evaluate import evaluate_samples as ev

    try:
        _print(ev(folder, gold, batch))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--batch") from exc


# -- benchmark -------------------------------------------------------------------------

@benchmark_app.command("pipeline")
def benchmark_pipeline(
    folder: Annotated[Path, typer.Argument(help="Folder of .txt articles (e.g. ../shared/corpora/healthnews/cardiff-news-2011/text).")],
    limit: Annotated[int, typer.Option(help="Articles to use.")] = 300,
    repeat: Annotated[int, typer.Option(help="Repeats; the median is reported.")] = 3,
) -> None:
    """Articles/s and sentences/s of the whole path (clean + nlp), one core."""
    from pipeline.bench import benchmark_pipeline as bench

    _print(bench(folder, limit=limit, repeat=repeat))


@benchmark_app.command("boilerplate")
def benchmark_boilerplate(
    path: Annotated[Path, typer.Argument(help="An AEB-style folder.")],
    mode: Annotated[str, typer.Option(help="html or text.")] = "text",
    repeat: int = 3,
) -> None:
    """Pages/s of the cleaner (and trafilatura alone for HTML)."""
    from pipeline.clean.evaluate import benchmark

    _print(benchmark(path, mode, repeat=repeat))


@benchmark_app.command("claims")
def benchmark_claims(
    folder: Annotated[Path, typer.Argument(help="Folder of .txt articles to draw sentences from.")],
    limit: Annotated[int, typer.Option(help="Sentences to use.")] = 20000,
    repeat: int = 5,
) -> None:
    """Sentences/s of the quantity and claim components, and of the strength classifier."""
    from pipeline.bench import benchmark_claims as bench

    _print(bench(folder, limit=limit, repeat=repeat))


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
