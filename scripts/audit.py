"""make audit: Lighthouse (mobile defaults) on the home page and a week page,
served gzipped, beside a plain Material build of the same text measured in the
same run. Fails when accessibility, best practices or SEO is below 100;
performance is reported, not gated (it is noisy on a small machine)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from peer import build_peer, make_peer
from serve import serve

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "weeks/docker-deep-dive/"]
GATED = ("accessibility", "best-practices", "seo")
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
         "--disable-sync --no-first-run")


def lighthouse(url: str, out: Path) -> dict[str, int]:
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--chrome-flags={FLAGS}", "--only-categories=performance,accessibility,best-practices,seo"],
                   check=True, env=env)
    report = json.loads(out.read_text())
    failed = [a["id"] for a in report["audits"].values() if a.get("score") is not None and a["score"] < 1
              and a.get("scoreDisplayMode") == "binary"]
    scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
    scores["_failed"] = failed  # type: ignore[assignment]
    return scores


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("lighthouse is missing: run `npm ci`", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        ours = tmp_path / "ours"
        env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
        subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(ours)], check=True, cwd=ROOT, env=env)
        make_peer(ours, tmp_path / "peer")
        build_peer(tmp_path / "peer", tmp_path / "peer-site")
        s1, ours_url = serve(ours)
        s2, peer_url = serve(tmp_path / "peer-site")
        ok = True
        print(f"{'page':28} {'site':6} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}")
        for page in PAGES:
            for name, base in (("ours", ours_url), ("plain", peer_url)):
                scores = lighthouse(base + page, tmp_path / f"{name}.json")
                print(f"{'/' + page:28} {name:6} {scores['performance']:>5} {scores['accessibility']:>5} "
                      f"{scores['best-practices']:>5} {scores['seo']:>5}")
                if name == "ours" and any(scores[c] < 100 for c in GATED):
                    ok = False
                    print(f"  below 100; failing audits: {', '.join(scores['_failed'])}")
        s1.shutdown()
        s2.shutdown()
    print("audit passed" if ok else "audit FAILED: accessibility, best practices and SEO must be 100")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
