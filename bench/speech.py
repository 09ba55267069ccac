"""Voice-note benchmark: transcribe the fixtures with the bundled Whisper base model.

Prints, per note and in total: real-time factor, seconds per note (p50/p95), the longest
note end to end (decode + transcribe + repair), peak memory (RSS), word error rate after
number normalisation, and how many notes read (dates and party) as the same sentence typed.
Goals (issue #10, 2-core machine): 30 s note < 5 s, peak < 500 MB, WER ≤ 15 %, same
reading ≥ 90 %.

    make bench-speech                       # or: .venv/bin/python bench/speech.py [--raw]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.fixture_notes import TODAY  # noqa: E402
from bench.speech_score import normalised, read, wer  # noqa: E402

from posada.adapters.speech.decode import decode_audio  # noqa: E402
from posada.adapters.speech.model import FOLDER, install_model  # noqa: E402
from posada.adapters.speech.options import DECODE_OPTIONS  # noqa: E402
from posada.adapters.speech.whisper import WhisperTranscriber  # noqa: E402
from posada.jobs.voice import SpeechListener  # noqa: E402
from posada.nlu.slots import slots  # noqa: E402
from posada.nlu.spoken import booking_facts, repair  # noqa: E402

AUDIO = ROOT / "tests" / "fixtures" / "audio"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run(args: argparse.Namespace) -> int:
    folder = install_model(ROOT / "var" / "models" / FOLDER)
    options = {**DECODE_OPTIONS, **json.loads(args.options)}
    transcriber = WhisperTranscriber(str(folder), threads=args.threads, options=options,
                                     compute_type=args.compute_type)
    listener = SpeechListener(None, transcriber, repair=repair,  # type: ignore[arg-type]
                              facts=None if args.one_listen else booking_facts,
                              slots=None if args.one_listen or args.no_slots else slots)
    started = time.perf_counter()
    transcriber.load()
    load_s = time.perf_counter() - started
    manifest = [entry for entry in json.loads((AUDIO / "manifest.json").read_text())
                if not args.only or entry["file"].split(".")[0] in args.only.split(",")]
    saved: dict[str, str] = {}
    unsure = wrong_and_sure = 0
    refs, hyps, seconds, audio_s = [], [], [], 0.0
    oks: list[bool] = []
    longest = (0.0, 0.0, "")
    for entry in manifest:
        began = time.perf_counter()
        audio = decode_audio((AUDIO / entry["file"]).read_bytes())
        if args.raw:
            heard = await transcriber.transcribe(audio)
            text = heard.text
        else:
            heard, text = await listener.hear(audio)
        saved[entry["file"]] = heard.text
        took = time.perf_counter() - began
        seconds.append(took)
        audio_s += audio.duration_s
        if audio.duration_s > longest[0]:
            longest = (audio.duration_s, took, entry["file"])
        ok = read(text, TODAY) == read(entry["text"], TODAY)
        oks.append(ok)
        refs.append(entry["text"])
        hyps.append(text)
        unsure += heard.low_confidence
        wrong_and_sure += not ok and not heard.low_confidence
        print(f"{entry['file']:10} {audio.duration_s:5.1f}s {took:5.2f}s conf "
              f"{heard.confidence:.2f} {'same' if ok else 'DIFF'}  {normalised(text)}")
        if not ok or args.verbose:
            print(f"{'':10} said: {normalised(entry['text'])}\n{'':10} raw:  {heard.text}")
    await transcriber.aclose()
    if args.save:
        await asyncio.to_thread(Path(args.save).write_text,
                                json.dumps(saved, ensure_ascii=False, indent=1))
    total = sum(seconds)
    p95 = statistics.quantiles(seconds, n=20)[18] if len(seconds) > 1 else seconds[0]
    rate = wer(refs, hyps)
    same = sum(oks)
    agreement = same / len(manifest)
    print(f"\nnotes {len(manifest)}, audio {audio_s:.0f} s, model load {load_s:.2f} s")
    print(f"real-time factor {total / audio_s:.3f}; per note p50 {statistics.median(seconds):.2f}"
          f" s, p95 {p95:.2f} s")
    print(f"longest note {longest[2]} {longest[0]:.1f} s end to end {longest[1]:.2f} s")
    print(f"peak memory {peak_mb():.0f} MB")
    raw = wer(refs, list(saved.values()))  # saved in manifest order
    print(f"WER {rate:.1%} (raw transcripts {raw:.1%}); same reading as typed "
          f"{same}/{len(manifest)} = {agreement:.0%}")
    for split in sorted({entry.get("split", "tune") for entry in manifest}):
        picked = [i for i, entry in enumerate(manifest) if entry.get("split", "tune") == split]
        print(f"  {split:8} notes {len(picked):2}: WER "
              f"{wer([refs[i] for i in picked], [hyps[i] for i in picked]):.1%}, same reading "
              f"{sum(oks[i] for i in picked)}/{len(picked)}")
    print(f"low confidence (the guest is asked to write): {unsure}; read differently yet "
          f"confident (the echo is the guest's chance to correct): {wrong_and_sure}")
    goals = {"30 s note < 5 s": longest[0] >= 25 and longest[1] < 5, "peak < 500 MB":
             peak_mb() < 500, "WER <= 15 %": rate <= 0.15, "same reading >= 90 %":
             agreement >= 0.9}
    for goal, met in goals.items():
        print(f"goal {goal}: {'met' if met else 'NOT met'}")
    return 0


def rescore(path: str) -> int:
    saved = json.loads(Path(path).read_text())
    manifest = [entry for entry in json.loads((AUDIO / "manifest.json").read_text())
                if entry["file"] in saved]  # the notes that run transcribed
    refs = [entry["text"] for entry in manifest]
    hyps = [repair(saved[entry["file"]]) for entry in manifest]
    same = 0
    for entry, text in zip(manifest, hyps, strict=True):
        ok = read(text, TODAY) == read(entry["text"], TODAY)
        same += ok
        if not ok:
            print(f"{entry['file']:10} DIFF {normalised(text)}\n{'':15} {read(text, TODAY)}\n"
                  f"{'':10} said {normalised(entry['text'])}")
    raw = wer(refs, [saved[entry["file"]] for entry in manifest])
    print(f"WER {wer(refs, hyps):.1%} (raw {raw:.1%}); same reading "
          f"{same}/{len(manifest)} = {same / len(manifest):.0%}")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", action="store_true", help="score transcripts unrepaired")
    parser.add_argument("--one-listen", action="store_true", help="no second listen")
    parser.add_argument("--no-slots", action="store_true",
                        help="no check of the days, months and party against the audio")
    parser.add_argument("--verbose", action="store_true", help="show every reference")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--only", help="comma-separated fixture names (n01,h03): just these")
    parser.add_argument("--compute-type", default="int8", help="int8 (default), float32, …")
    parser.add_argument("--save", help="write the raw transcripts to this JSON file")
    parser.add_argument("--rescore", help="score the raw transcripts saved with --save "
                        "(no model run: for work on the repair)")
    parser.add_argument("--options", default="{}", help="JSON: decoding options to override")
    args = parser.parse_args()
    sys.exit(rescore(args.rescore) if args.rescore else asyncio.run(run(args)))


if __name__ == "__main__":
    main()
