"""Write the sample minutes as .docx in both templates, for visual review (`make render-docx`)."""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.export import ExportOptions, export  # noqa: E402
from desktop.core.types import Minutes, Transcript  # noqa: E402

out = Path(sys.argv[1])
sample = ROOT / "resources" / "samples"
minutes = Minutes.from_json(json.loads((sample / "paperless.minutes.json").read_text(encoding="utf-8")))
transcript = Transcript.from_json(json.loads((sample / "paperless.transcript.json").read_text(encoding="utf-8")))
export("docx", out / "gijiyoshi.docx", minutes, transcript, ExportOptions(marking="取扱注意"))
export("docx", out / "gijiroku.docx", minutes, transcript, ExportOptions(template="gijiroku", appendix=True))
print(out)
