# The README's two commands: `make run` and `make test`. Both do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
MODELS_STAMP := models/store/.installed-stamp
# Debian packages: PortAudio for sounddevice, PulseAudio (a null sink is the tests' sound card),
# the libraries Qt needs offscreen, and CJK fonts.
APT_PACKAGES := libportaudio2 pulseaudio pulseaudio-utils libasound2-plugins libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-noto-cjk
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test bench setup system-deps models clean-venv render-docx translations screenshots bench-asr bench-minutes

run: setup
	$(BIN)/gijiroku

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench-asr: setup
	$(BIN)/python bench/asr.py

bench-minutes: setup
	$(BIN)/python bench/minutes.py
	$(BIN)/python bench/draft.py

bench: setup
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/recording.py

setup: system-deps $(STAMP) $(MODELS_STAMP)

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null; then \
	  echo "installing system packages: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# First run compiles llama-cpp-python (about 7 minutes on 2 cores); pip caches the wheel after that.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) $(BIN)/python -m pip install -q -e '.[models,dev]'
	touch $@

$(MODELS_STAMP): $(STAMP) models/catalog.json
	$(BIN)/gijiroku models install
	touch $@

clean-venv:
	rm -rf $(VENV)

# Visual review of the Word output: sample minutes -> PDF and PNG pages under out/render/.
# Needs LibreOffice (installed here; not needed by the tests or CI).
render-docx: setup
	@command -v soffice >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libreoffice-writer-nogui poppler-utils fonts-noto-cjk >/dev/null)
	mkdir -p out/render
	$(BIN)/python bench/sample_docx.py out/render
	cd out/render && for f in *.docx; do soffice --headless --convert-to pdf "$$f" >/dev/null; done
	cd out/render && for f in *.pdf; do pdftoppm -png -r 60 "$$f" "$${f%.pdf}"; done
	@ls out/render/*.png

# Japanese UI strings: extract tr() texts, fill them from resources/i18n/ja.json, compile the .qm.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete desktop/ui/*.py -ts resources/i18n/gijiroku_ja.ts
	$(BIN)/python resources/i18n/fill_ts.py
	$(BIN)/pyside6-lrelease resources/i18n/gijiroku_ja.ts

# The main screens as PNG under out/screenshots/, in a real X window (Xvfb) with CJK fonts.
screenshots: setup
	@command -v xvfb-run >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq xvfb xauth libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 >/dev/null)
	@pulseaudio --check 2>/dev/null || pulseaudio -D --exit-idle-time=-1 -n --load="module-null-sink sink_name=meeting" --load=module-native-protocol-unix
	@pactl set-default-source meeting.monitor
	xvfb-run -a -s "-screen 0 1280x800x24" $(BIN)/python tools/screenshots.py
