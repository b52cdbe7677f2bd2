"""Catalog benchmark: indexing a large multimedia/ folder and serving Range downloads from a real server.

    python3 bench/catalog.py [--images 5000] [--out bench/out/catalog] [--downloads 100] [--threads 0]

Generates (once; reused while the count matches) 5,000 JPEG photos of 1600x1200 in 50
folders and a 256 MB video under the output folder, then measures, each index in its own
process so that its peak memory is its own:
  1. the first index of multimedia/: hashing, scaling every photo to 1028 px, a thumbnail each;
  2. the index at a restart with nothing changed (target < 2 s): size and time decide, nothing is read;
  3. against a real `appliance serve` process on 127.0.0.1: the full catalog listing, then 100
     downloads at once, each one Range of 4 MB of the video (checked byte for byte) and one
     open-ended Range of a scaled photo: errors (target 0) and throughput.
`--threads` sets media_threads (0: one less than the processors, at least one).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from appliance.accounts import add_user  # noqa: E402
from appliance.settings import load_settings  # noqa: E402
from appliance.store.db import open_store  # noqa: E402
from bench.sync import PASSWORD, Server, environ, login  # noqa: E402  (the same `appliance serve` process)

PHOTO_SIZE = (1600, 1200)
PER_FOLDER = 100
VIDEO_MB = 256
RANGE_BYTES = 4 * 1024 * 1024

INDEX = """
import json, sys, time
from appliance.catalog.indexer import Indexer
from appliance.settings import load_settings
from appliance.store.db import open_store
settings = load_settings({"data_dir": sys.argv[1], "exchange": sys.argv[2], "media_threads": int(sys.argv[3])}, {})
store = open_store(settings)
indexer = Indexer(store, settings)
started = time.perf_counter()
result = indexer.reindex("multimedia")
print(json.dumps({**result.summary, "measured": time.perf_counter() - started, "threads": indexer.threads}))
"""


BASES = 16


def base_photo(number: int) -> bytes:
    """A 1600x1200 photo-like picture (gradient, shapes, grain) as raw RGB bytes."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(number)
    base = Image.linear_gradient("L").resize(PHOTO_SIZE).rotate(rng.randint(0, 359))
    picture = Image.merge("RGB", (base, *(Image.new("L", PHOTO_SIZE, rng.randint(40, 220)) for _ in range(2))))
    draw = ImageDraw.Draw(picture)
    for _ in range(12):
        x, y, r = rng.randint(0, 1600), rng.randint(0, 1200), rng.randint(40, 300)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randint(0, 255) for _ in range(3)))
    grain = Image.effect_noise(PHOTO_SIZE, 18).convert("RGB")
    return Image.blend(picture.filter(ImageFilter.GaussianBlur(2)), grain, 0.12).tobytes()


def photo(path: Path, number: int, base: bytes) -> int:
    """One JPEG: a base picture with its own label, so every photo has its own content."""
    from PIL import Image, ImageDraw

    picture = Image.frombytes("RGB", PHOTO_SIZE, base)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((40, 40, 420, 120), fill=((number * 37) % 256, (number * 91) % 256, 200))
    draw.text((60, 70), f"Articolo {number:05d}", fill="white")
    picture.save(path, "JPEG", quality=90)
    return path.stat().st_size


def _photos(job: tuple[list[Path], int]) -> int:
    paths, first = job
    bases = {}
    total = 0
    for offset, path in enumerate(paths):
        number = first + offset
        key = number % BASES
        if key not in bases:
            bases[key] = base_photo(key)
        total += photo(path, number, bases[key])
    return total


def generate(multimedia: Path, images: int) -> None:
    """The photos and the video, unless a previous run left exactly these."""
    marker = multimedia.parent / f"generated-{images}.txt"
    if marker.exists():
        print(f"reusing {images:,} photos and the video in {multimedia}")
        return
    started = time.perf_counter()
    paths = [multimedia / f"Famiglia {n // PER_FOLDER:02d}" / f"Articolo {n:05d} [ART{n:05d}] {{{n % PER_FOLDER}}}.jpg"
             for n in range(images)]
    for folder in {p.parent for p in paths}:
        folder.mkdir(parents=True, exist_ok=True)
    chunk = 250
    with ProcessPoolExecutor() as pool:
        sizes = list(pool.map(_photos, [(paths[n:n + chunk], n) for n in range(0, images, chunk)]))
    video = multimedia / "Video" / "Presentazione [PRES1].mp4"
    video.parent.mkdir(parents=True, exist_ok=True)
    block = random.Random(1).randbytes(1024 * 1024)
    with open(video, "wb") as handle:
        for number in range(VIDEO_MB):
            handle.write(number.to_bytes(4, "big") + block[4:])
    marker.write_text("generated\n")
    print(f"generated {images:,} photos ({sum(sizes) / 1e6:,.0f} MB, {sum(sizes) / images / 1e3:.0f} KB on average) "
          f"and a {VIDEO_MB} MB video in {time.perf_counter() - started:.1f}s")


def index(data: Path, exchange: Path, threads: int) -> tuple[dict, float, float, float]:
    """One index run in a fresh process: (summary, wall seconds of the process, peak RSS in MB, CPU seconds)."""
    started = time.perf_counter()
    # Output goes to files: a pipe read only after the process ends would stall it once full.
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        process = subprocess.Popen([sys.executable, "-c", INDEX, str(data), str(exchange), str(threads)], cwd=REPO,
                                   env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=out_file, stderr=err_file,
                                   text=True)
        _, status, usage = os.wait4(process.pid, 0)
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the index failed:\n{err[-3000:]}")
    return (json.loads(out.strip().splitlines()[-1]), time.perf_counter() - started, usage.ru_maxrss / 1024,
            usage.ru_utime + usage.ru_stime)


def downloads(url: str, headers: dict, items: list[dict], video: dict, video_path: Path, count: int) -> dict:
    """`count` clients at once: each a 4 MB Range of the video (checked) and an open-ended Range of a photo."""
    size = video["size"]
    errors: list[str] = []
    received = [0] * count
    barrier = threading.Barrier(count)

    def client(number: int) -> None:
        session = requests.Session()
        first = (number * 2_621_440) % (size - RANGE_BYTES)
        try:
            barrier.wait(60)
            reply = session.get(url + video["url"], headers={**headers, "Range": f"bytes={first}-"
                                                             f"{first + RANGE_BYTES - 1}"}, timeout=300)
            with open(video_path, "rb") as handle:
                handle.seek(first)
                expected = handle.read(RANGE_BYTES)
            if reply.status_code != 206 or reply.content != expected:
                errors.append(f"video range {first}: {reply.status_code}, {len(reply.content)} bytes")
            item = items[number % len(items)]
            image = session.get(url + item["url"], headers={**headers, "Range": "bytes=1000-"}, timeout=300)
            if image.status_code != 206 or len(image.content) != item["size"] - 1000:
                errors.append(f"photo {item['id']}: {image.status_code}, {len(image.content)} bytes")
            received[number] = len(reply.content) + len(image.content)
        except Exception as exc:  # counted and shown: the benchmark reports errors, it does not stop at one
            errors.append(f"client {number}: {exc}")
        finally:
            session.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(count)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "bytes": sum(received), "errors": errors, "requests": 2 * count}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "catalog")
    parser.add_argument("--downloads", type=int, default=100)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    exchange, data = args.out / "exchange", args.out / "data"
    multimedia = exchange / "multimedia"
    generate(multimedia, args.images)
    for name in ("gestionale", "reports"):
        (exchange / name).mkdir(parents=True, exist_ok=True)
    if data.exists():
        subprocess.run(["rm", "-rf", str(data)], check=True)

    first, first_wall, first_rss, first_cpu = index(data, exchange, args.threads)
    print(f"1. first index : {first['measured']:8.2f}s  {first['files']:,} files ({first['bytes'] / 1e9:.2f} GB), "
          f"{first['hashed']:,} hashed, {first['rendered']:,} images rendered ({first['scaled']:,} scaled), "
          f"{first['items']:,} items in {first['folders']} folders; {first['files'] / first['measured']:.0f} files/s "
          f"with {first['threads']} thread(s) (target >= 60 photos/s); process {first_wall:.1f}s, CPU "
          f"{first_cpu:.1f}s ({first_cpu / max(first['rendered'], 1) * 1000:.1f} ms a photo), "
          f"peak RSS {first_rss:.0f} MB")
    again, again_wall, again_rss, _ = index(data, exchange, args.threads)
    verdict = "OK" if again["measured"] < 2 else "OVER"
    print(f"2. restart     : {again['measured']:8.2f}s  {again['hashed']} hashed, {again['rendered']} rendered, "
          f"{again['items_changed'] + again['items_new'] + again['items_deleted']} changes (target < 2 s: {verdict}); "
          f"process {again_wall:.1f}s, peak RSS {again_rss:.0f} MB")

    settings = load_settings({"data_dir": str(data), "exchange": str(exchange)}, environ(args.out))
    store = open_store(settings)
    add_user(store, settings, "bench", PASSWORD, agent_code="AG01")
    store.close()
    cache_bytes = sum(p.stat().st_size for p in (data / "cache").rglob("*") if p.is_file())
    server = Server(args.out)
    try:
        headers = login(server.url, "bench", "bench-ipad")
        started = time.perf_counter()
        listing = requests.get(server.url + "/api/v1/catalog", headers=headers, params={"limit": 20000},
                               timeout=120, stream=True)
        packed = listing.raw.read()
        listed = time.perf_counter() - started
        page = json.loads(gzip.decompress(packed) if listing.headers.get("Content-Encoding") == "gzip" else packed)
        wire = len(packed)
        print(f"3. listing     : {listed:8.2f}s  {len(page['items']):,} items, {len(page['folders'])} folders, "
              f"{wire / 1e6:.2f} MB gzip; cache {cache_bytes / 1e6:.0f} MB")
        video = next(i for i in page["items"] if i["type"] == "video")
        photos = [i for i in page["items"] if i["type"] == "image"]
        result = downloads(server.url, headers, photos, video, multimedia / "Video" / "Presentazione [PRES1].mp4",
                           args.downloads)
        rate = result["bytes"] / result["seconds"]
        print(f"4. downloads   : {result['seconds']:8.2f}s  {args.downloads} clients at once, {result['requests']} "
              f"Range requests, {result['bytes'] / 1e6:,.0f} MB, {rate / 1e6:,.0f} MB/s, "
              f"{result['requests'] / result['seconds']:.0f} requests/s, {len(result['errors'])} errors "
              f"(target 0: {'OK' if not result['errors'] else 'FAILED'})")
        for error in result["errors"][:10]:
            print("   ", error)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
