# cxstat - build, test and install.
#   make            build ./cxstat and build/libcxstat.a (installs libcsv/cmocka if missing)
#   make run        report on the bundled sample
#   make check      the developer loop: unit, end-to-end, -j, docs (make -j4 check)
#   make test       every suite: check, sanitizers, valgrind, clang, lint, fuzz replay, ...
#   make bench      speed and memory against DuckDB, Miller, Python (tests/bench/run.sh)
#   make install    PREFIX=/usr/local DESTDIR=
.SUFFIXES:

CC      ?= cc
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCDIR  ?= $(PREFIX)/include
MANDIR  ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
BUILD   ?= build
SAMPLE  ?= data/sample_survey.csv

WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wfloat-equal -Wcast-qual \
       -Wwrite-strings -Wvla -Wundef
CFLAGS  ?= -O2 -g
BASE_CFLAGS = $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) -pthread -D_POSIX_C_SOURCE=200809L -MMD -MP
# The stages, lowest first.  A stage sees its own headers and those of the
# stages below it, never one above: the include path is the rule.
STAGES = base input count report cli
stage_inc = -Iinclude $(foreach d,$(wordlist 1,$(1),$(STAGES)),-Isrc/$(d))
INC_lib    = -Iinclude
INC_base   = $(call stage_inc,1)
INC_input  = $(call stage_inc,2)
INC_count  = $(call stage_inc,3)
INC_report = $(call stage_inc,4)
INC_cli    = $(call stage_inc,5)
ALL_CFLAGS = $(BASE_CFLAGS) $(INC_cli)
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS) -pthread
# The input stage's libraries: libcsv, libreadstat (SPSS and Stata files).
INPUT_LIBS = -lcsv -lz -lreadstat $(XLSX_LIBS)

ifeq ($(V),1)
Q =
else
Q = @
endif

LIB_SRC = $(sort $(wildcard src/lib/*.c))
CLI_SRC = $(foreach d,$(STAGES),$(sort $(wildcard src/$(d)/*.c)))
# XLSX input (libzip + expat); make XLSX=0 builds without it.
XLSX ?= 1
ifeq ($(XLSX),0)
CLI_SRC := $(filter-out src/input/xlsx%.c,$(CLI_SRC))
BASE_CFLAGS += -DCX_XLSX=0
XLSX_LIBS =
else
# libzip is loaded with dlopen() at the first workbook (src/input/xlsx_lib.c),
# by the SONAME of the one built against (read when that file is compiled,
# after `deps` installed libzip-dev).
XLSX_LIBS = -lexpat -ldl
ZIP_SONAME = $(shell objdump -p "$$(pkg-config --variable=libdir libzip 2>/dev/null)/libzip.so" \
  2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
$(BUILD)/input/xlsx_lib.o: BASE_CFLAGS += $(if $(ZIP_SONAME),-DCX_ZIP_SONAME='"$(ZIP_SONAME)"')
endif
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
CLI_OBJ = $(CLI_SRC:src/%.c=$(BUILD)/%.o)
CLI_LIBOBJ = $(filter-out $(BUILD)/cli/main.o,$(CLI_OBJ))
LIB     = $(BUILD)/libcxstat.a
BIN     = $(BUILD)/cxstat
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
ifeq ($(XLSX),0)
UNIT_SRC := $(filter-out tests/unit/test_xlsx.c,$(UNIT_SRC))
endif
FASTLINE_VARIANTS = $(BUILD)/tests/test_fastline_portable $(BUILD)/tests/test_fastline_sse2
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%) $(FASTLINE_VARIANTS)
GEN     = $(BUILD)/gen_survey

.PHONY: all bins run test check stages unit e2e jobs jobs-quick hostile xlsx-check completion docs messages multihost tsan asan valgrind clang-check lint manlint readme-check \
        sample deps charts \
        test-deps install-check install uninstall clean bench

all: $(BIN) cxstat $(LIB)

bins: $(BIN) $(LIB) $(UNIT_BIN) $(GEN)

# Debian packages the build and the tests need; installed with apt-get when missing.
DEPS_PKGS = libcsv-dev zlib1g-dev libcmocka-dev libzip-dev libexpat1-dev libreadstat-dev valgrind clang
deps:
	$(Q)missing=""; \
	echo '#include <csv.h>' | $(CC) -E -x c - >/dev/null 2>&1 || missing="$$missing libcsv-dev"; \
	echo '#include <zlib.h>' | $(CC) -E -x c - >/dev/null 2>&1 || missing="$$missing zlib1g-dev"; \
	printf '#include <stdarg.h>\n#include <stddef.h>\n#include <setjmp.h>\n#include <stdint.h>\n#include <cmocka.h>\n' \
	  | $(CC) -E -x c - >/dev/null 2>&1 || missing="$$missing libcmocka-dev"; \
	if [ "$(XLSX)" != 0 ]; then \
	  echo '#include <zip.h>' | $(CC) -E -x c - >/dev/null 2>&1 || missing="$$missing libzip-dev"; \
	  echo '#include <expat.h>' | $(CC) -E -x c - >/dev/null 2>&1 || missing="$$missing libexpat1-dev"; \
	fi; \
	echo '#include <readstat.h>' | $(CC) -E -x c - >/dev/null 2>&1 || missing="$$missing libreadstat-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "cxstat: installing$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi

SVG_DTD = /usr/share/xml/w3c-sgml-lib/schema/dtd/REC-SVG11-20110816/svg11.dtd
test-deps: deps
	$(Q)missing=""; \
	command -v valgrind >/dev/null 2>&1 || missing="$$missing valgrind"; \
	command -v clang >/dev/null 2>&1 || missing="$$missing clang"; \
	command -v cppcheck >/dev/null 2>&1 || missing="$$missing cppcheck"; \
	command -v clang-tidy >/dev/null 2>&1 || missing="$$missing clang-tidy"; \
	command -v groff >/dev/null 2>&1 || missing="$$missing groff-base"; \
	command -v python3 >/dev/null 2>&1 || missing="$$missing python3"; \
	command -v parallel >/dev/null 2>&1 || missing="$$missing parallel"; \
	command -v jq >/dev/null 2>&1 || missing="$$missing jq"; \
	command -v rsync >/dev/null 2>&1 || missing="$$missing rsync"; \
	[ -x /usr/sbin/sshd ] || missing="$$missing openssh-server"; \
	command -v pkg-config >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	[ -x /usr/bin/time ] || missing="$$missing time"; \
	command -v readstat >/dev/null 2>&1 || missing="$$missing readstat"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v rsvg-convert >/dev/null 2>&1 || missing="$$missing librsvg2-bin"; \
	command -v xmllint >/dev/null 2>&1 || missing="$$missing libxml2-utils"; \
	[ -f $(SVG_DTD) ] || missing="$$missing w3c-sgml-lib"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "cxstat: installing$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi

# One rule per stage, each with its own include path; -MMD tracks headers.
define stage_rule
$$(BUILD)/$(1)/%.o: src/$(1)/%.c | deps
	@mkdir -p $$(@D)
	@[ -n "$$(Q)" ] && echo "  CC      $$<" || true
	$$(Q)$$(CC) $$(BASE_CFLAGS) $$(INC_$(1)) -c -o $$@ $$<
endef
$(foreach d,lib $(STAGES),$(eval $(call stage_rule,$(d))))
-include $(shell find $(BUILD) -name '*.d' -type f 2>/dev/null)

$(LIB): $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $(LIB_OBJ)

$(BIN): $(CLI_OBJ) $(LIB)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(ALL_LDFLAGS) $(INPUT_LIBS) -lm

cxstat: $(BIN)
	$(Q)cp $(BIN) $@

$(BUILD)/tests/test_%: tests/unit/test_%.c $(LIB) $(CLI_LIBOBJ) tests/unit/unit.h tests/unit/feed.h
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(CLI_LIBOBJ) $(LIB) $(ALL_LDFLAGS) -lcmocka $(INPUT_LIBS) -lm

# The fast splitter's other paths, proven the same way: SSE2 alone (x86-64
# machines without AVX2) and portable C (machines without SSE2).
FASTLINE_VARIANT_portable = -U__SSE2__
FASTLINE_VARIANT_sse2 = -DFASTLINE_NO_AVX2
$(FASTLINE_VARIANTS): $(BUILD)/tests/test_fastline_%: tests/unit/test_fastline.c \
                      src/input/fastline.c $(LIB) $(CLI_LIBOBJ) tests/unit/unit.h
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(FASTLINE_VARIANT_$*) -c -o $(BUILD)/tests/fastline_$*.o src/input/fastline.c
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/tests/fastline_$*.o \
	  $(filter-out $(BUILD)/input/fastline.o,$(CLI_LIBOBJ)) $(LIB) $(ALL_LDFLAGS) -lcmocka $(INPUT_LIBS) -lm

$(GEN): src/tools/gen_survey.c | deps
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS)

run: all
	./cxstat $(SAMPLE)
	@mkdir -p $(BUILD)
	./cxstat -q -f html $(SAMPLE) > $(BUILD)/sample.html
	@echo "make run: the sample's HTML report is $(BUILD)/sample.html"

sample: $(GEN)
	$(GEN) --rows 3000 --seed 2026 > $(SAMPLE)

# ---- tests -------------------------------------------------------------
# make test = the release build's suites, then the same suites under
# ASan+UBSan, valgrind on the end-to-end cases, a clang -Werror build, and
# the man page lint.  Warnings are errors in every test build.
test: test-deps
	$(Q)$(MAKE) --no-print-directory EXTRA_CFLAGS=-Werror check
	$(Q)$(MAKE) --no-print-directory EXTRA_CFLAGS=-Werror jobs $(if $(filter 0,$(XLSX)),,xlsx-check)
	$(Q)$(MAKE) --no-print-directory asan
	$(Q)$(MAKE) --no-print-directory tsan
	$(Q)$(MAKE) --no-print-directory valgrind
	$(Q)$(MAKE) --no-print-directory clang-check
	$(Q)$(MAKE) --no-print-directory manlint
	$(Q)$(MAKE) --no-print-directory charts
	$(Q)$(MAKE) --no-print-directory lint
	$(Q)$(MAKE) --no-print-directory fuzz-replay
	$(Q)$(MAKE) --no-print-directory property
	$(Q)$(MAKE) --no-print-directory install-check
	$(Q)$(MAKE) --no-print-directory multihost
	@echo "make test: all suites passed"

# The developer's loop (about a minute on two cores): the slower equivalence and
# workbook suites run in make test.
check: stages unit e2e jobs-quick hostile completion docs messages

# The shell completions: bash's sourced and asked, zsh's checked against --help.
completion: $(BIN)
	$(Q)bash tests/completion/check.sh $(BIN)

# The one-way include rule between the stage folders (tests/lint/stages.sh).
stages:
	$(Q)sh tests/lint/stages.sh

unit: $(UNIT_BIN)
	$(Q)fail=0; for t in $(UNIT_BIN); do $$t || fail=1; done; exit $$fail

e2e: $(BIN) $(GEN)
	$(Q)sh tests/e2e/run.sh $(BIN) $(GEN)

# Every message of the sources is printed by a golden case, or listed with the
# reason it cannot be reached in tests/e2e/messages.unreachable.
messages:
	$(Q)python3 tests/e2e/messages.py .

# Inputs built to be slow run in about the time of ordinary ones (tests/hostile/).
# The key generator is built without sanitizers: it only writes an export.
hostile: $(BIN) $(BUILD)/flood_keys $(BUILD)/grow.so $(BUILD)/nozip.so
	$(Q)sh tests/hostile/check.sh $(BIN) $(BUILD)/flood_keys $(BUILD)/grow.so $(BUILD)/nozip.so

$(BUILD)/flood_keys: tests/hostile/flood_keys.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) -O2 -o $@ $<

$(BUILD)/grow.so: tests/hostile/grow.c
	@mkdir -p $(@D)
	$(Q)$(CC) -O2 -Wall -Wextra -shared -fPIC -o $@ $< -ldl

$(BUILD)/nozip.so: tests/hostile/nozip.c
	@mkdir -p $(@D)
	$(Q)$(CC) -O2 -Wall -Wextra -shared -fPIC -o $@ $< -ldl

# Reading in chunks on threads gives byte for byte what one thread gives: the
# golden suite with -j 3, and generated exports with -j 2..13 against -j 1; and
# memory that neither multiplies with threads nor keeps metrics not reported.
jobs: $(BIN) $(GEN)
	$(Q)CXSTAT_WRAP="sh $(CURDIR)/tests/e2e/jobs.sh 3" sh tests/e2e/run.sh $(BIN) $(GEN) | tail -1
	$(Q)sh tests/e2e/jobs_check.sh $(BIN) $(GEN)
	$(Q)sh tests/e2e/memory_check.sh $(BIN)

# make check's share of it: the generated exports at -j 3 and -j 13 only, and memory.
jobs-quick: $(BIN) $(GEN)
	$(Q)JOBS_LIST="3 13" sh tests/e2e/jobs_check.sh $(BIN) $(GEN)
	$(Q)sh tests/e2e/memory_check.sh $(BIN)

# The chunked readings (CSV chunks, a sheet's chunks, shared strings on their own
# thread) under ThreadSanitizer: no data race between the threads.
TSAN_FLAGS = -O1 -g -fsanitize=thread
tsan:
	$(Q)$(MAKE) --no-print-directory BUILD=build/tsan \
	  EXTRA_CFLAGS="-Werror $(TSAN_FLAGS)" EXTRA_LDFLAGS="$(TSAN_FLAGS)" build/tsan/cxstat build/tsan/gen_survey
	$(Q)TSAN_OPTIONS=halt_on_error=1:exitcode=66 sh tests/e2e/jobs_check.sh build/tsan/cxstat build/tsan/gen_survey
	$(Q)$(if $(filter 0,$(XLSX)),,TSAN_OPTIONS=halt_on_error=1:exitcode=66 \
	  sh tests/xlsx/threads.sh build/tsan/cxstat build/tsan/gen_survey)
	$(Q)$(if $(filter 0,$(XLSX)),,TSAN_OPTIONS=halt_on_error=1:exitcode=66 \
	  python3 tests/xlsx/chunks.py -q build/tsan/cxstat)

# XLSX: every CSV fixture's XLSX copies (shared and inline strings, date styles) give
# the same reports in every -f; real workbooks from Debian packages (apt-get download,
# never installed; a loud skip when they cannot be fetched) read cell by cell.
XLSX_DUMP = $(BUILD)/tests/xlsx_dump
$(XLSX_DUMP): tests/xlsx/xlsx_dump.c $(LIB) $(CLI_LIBOBJ)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(CLI_LIBOBJ) $(LIB) $(ALL_LDFLAGS) $(INPUT_LIBS) -lm

# The same differential on a build that reads every workbook with shared strings as
# it reads those past 16 MiB: strings in a temporary file, and (CXSTAT_XLSX_NO_SPILL,
# a switch of that build only) in passes with only the strings in use kept; that
# build cuts sheets into 1 KiB chunks (not 512 KiB), so that every sheet with more
# than a few rows is read by several parsers at once.
xlsx-check: $(BIN) $(XLSX_DUMP) $(GEN)
	$(Q)python3 tests/xlsx/differential.py $(BIN)
	$(Q)sh tests/xlsx/threads.sh $(BIN) $(GEN)
	$(Q)python3 tests/xlsx/chunks.py $(BIN)
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/sparse \
	  EXTRA_CFLAGS="$(EXTRA_CFLAGS) -DXLSX_SST_ALL=0 -DXLSX_SPILL_HOOK -DXLSX_SHEET_CHUNK=1024" \
	  $(BUILD)/sparse/cxstat
	$(Q)python3 tests/xlsx/differential.py $(BUILD)/sparse/cxstat "strings spilled"
	$(Q)python3 tests/xlsx/chunks.py -q $(BUILD)/sparse/cxstat
	$(Q)CXSTAT_XLSX_NO_SPILL=1 XLSX_DIFF_MODES=sst \
	  python3 tests/xlsx/differential.py $(BUILD)/sparse/cxstat "in passes"
	$(Q)$(if $(findstring sanitize,$(EXTRA_CFLAGS)),echo "xlsx memory: not measured under sanitizers",\
	  sh tests/xlsx/memory.sh $(BIN) $(GEN))
	$(Q)python3 tests/xlsx/corpus.py $(XLSX_DUMP) $(BIN) $(BUILD)/xlsx-corpus; rc=$$?; \
	  [ $$rc = 0 ] || [ $$rc = 77 ]

# The HTML and SVG reports as a person sees them: SVG 1.1 DTD validation (inline
# charts too), rsvg-convert pixel probes, headless Chromium light and dark with
# the network off, and the committed screenshot doc/report.png kept in step
# (CHARTS_BLESS=1 re-renders it).  tests/charts/check.sh
charts: $(BIN)
	$(Q)SVG_DTD=$(SVG_DTD) sh tests/charts/check.sh $(BIN)

# Exact accounting against Python's csv module on generated files (tests/property/check.py).
property: $(BIN)
	$(Q)python3 tests/property/check.py $(BIN)

# The map/reduce recipe over ssh: two OpenSSH servers on loopback, GNU parallel maps
# on both, merge must equal one run (tests/multihost/run.sh; skips loudly without root).
multihost: $(BIN)
	$(Q)bash tests/multihost/run.sh $(BIN)

# Speed and memory against DuckDB, Miller, Python's csv module and two parsing
# floors on a generated 2,000,000-row export, with a scaling table; installs
# what it compares against.  Not part of make test (tests/bench/run.sh).
bench: all $(GEN)
	@mkdir -p $(BUILD)/bench
	$(Q)$(CC) $(ALL_CFLAGS) -o $(BUILD)/bench/floor_lines tests/bench/floor_lines.c $(ALL_LDFLAGS)
	$(Q)$(CC) $(ALL_CFLAGS) -o $(BUILD)/bench/floor_libcsv tests/bench/floor_libcsv.c $(ALL_LDFLAGS) -lcsv
	$(Q)BENCH_DIR=$(BUILD)/bench sh tests/bench/run.sh ./cxstat $(GEN)
	$(Q)$(CC) $(ALL_CFLAGS) -o $(BUILD)/bench/floor_xlsx tests/bench/floor_xlsx.c $(ALL_LDFLAGS) \
	  -lzip -lexpat
	$(Q)BENCH_DIR=$(BUILD)/bench sh tests/bench/xlsx.sh ./cxstat $(GEN) $(BUILD)/bench/floor_xlsx

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
asan:
	$(Q)$(MAKE) --no-print-directory BUILD=build/asan \
	  EXTRA_CFLAGS="-Werror $(ASAN_FLAGS)" EXTRA_LDFLAGS="$(ASAN_FLAGS)" \
	  check jobs $(if $(filter 0,$(XLSX)),,xlsx-check)

valgrind:
	$(Q)$(MAKE) --no-print-directory BUILD=build/vg EXTRA_CFLAGS="-Werror" CFLAGS="-O1 -g" bins
	$(Q)CXSTAT_WRAP="sh $(CURDIR)/tests/e2e/valgrind.sh" \
	  sh tests/e2e/run.sh build/vg/cxstat build/vg/gen_survey
	$(Q)sh tests/e2e/alloc_check.sh build/vg/cxstat build/vg/gen_survey

clang-check:
	$(Q)$(MAKE) --no-print-directory BUILD=build/clang CC=clang EXTRA_CFLAGS="-Werror" bins

# Static analysis: cppcheck and clang-tidy with the checks listed in tests/lint/
# (clang-tidy-checks says why each exclusion; of cppcheck's findings only
# missingIncludeSystem and knownConditionTrueFalse are suppressed: cppcheck
# 2.10 reads min(n, LIMIT) in the reader as below 1 and calls its loops dead).
lint:
	$(Q)cppcheck --enable=warning,style,performance,portability --std=c11 --inline-suppr \
	  --error-exitcode=1 -q $(INC_cli) \
	  --suppressions-list=tests/lint/cppcheck-suppressions src/lib $(STAGES:%=src/%)
	$(Q)sh tests/lint/tidy.sh $(LIB_SRC) $(CLI_SRC)
	@echo "lint: cppcheck and clang-tidy clean"

# The documents' examples, run: each "$ command" of README.md, HACKING.md,
# doc/TOUR.md and the man page must print what the document shows, and every other command of
# the man page's EXAMPLES must be no usage error; the long and short options of
# getopt's table, of --help and of the man page's OPTIONS must be the same.
DOCS = README.md HACKING.md doc/TOUR.md man/cxstat.1
docs: all
	$(Q)fail=0; for d in $(DOCS); do python3 tests/docs/check_examples.py $$d . || fail=1; done; \
	python3 tests/docs/check_options.py ./cxstat . || fail=1; exit $$fail
readme-check: docs

manlint:
	$(Q)out=$$(LC_ALL=C.UTF-8 groff -man -ww -z -K utf8 -Tutf8 man/cxstat.1 2>&1 >/dev/null); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; fi

# Install into a scratch root, build a program against the installed header and
# library with the flags the installed cxstat.pc gives (the scratch root is
# pkg-config's sysroot), and check that the library exports nothing but the
# cx_ prefix.
install-check: all test-deps
	$(Q)root=$$(mktemp -d) && trap 'rm -rf "$$root"' EXIT && \
	$(MAKE) --no-print-directory -s install DESTDIR=$$root PREFIX=/usr >/dev/null && \
	flags=$$(PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR=$$root/usr/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$$root \
	  pkg-config --cflags --libs cxstat) && \
	$(CC) -std=c11 -Wall -Wextra -Werror -o $$root/example tests/install/example.c $$flags && \
	out=$$($$root/example) && \
	[ "$$out" = "CSAT 71.4% of 112 answers (1 invalid): average" ] && \
	[ -f $$root/usr/share/man/man1/cxstat.1 ] && [ -x $$root/usr/bin/cxstat ] && \
	[ "$$(PKG_CONFIG_LIBDIR=$$root/usr/lib/pkgconfig pkg-config --modversion cxstat)" = "$$(./cxstat -V | cut -d' ' -f2)" ] && \
	[ -f $$root/usr/share/bash-completion/completions/cxstat ] && \
	[ -f $$root/usr/share/zsh/site-functions/_cxstat ] && \
	leaked=$$(nm -g --defined-only $$root/usr/lib/libcxstat.a | awk 'NF == 3 && $$3 !~ /^cx_/ {print $$3}') && \
	if [ -n "$$leaked" ]; then echo "install-check: symbols without cx_: $$leaked"; exit 1; fi && \
	echo "install-check: installed library builds the example: $$out"

# ---- install -----------------------------------------------------------
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/cxstat
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libcxstat.a
	install -m 644 include/cxstat.h $(DESTDIR)$(INCDIR)/cxstat.h
	install -m 644 man/cxstat.1 $(DESTDIR)$(MANDIR)/man1/cxstat.1
	install -d $(DESTDIR)$(PKGCONFIGDIR)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCDIR@|$(INCDIR)|' \
	    -e "s|@VERSION@|$$(sed -n 's/^#define CX_VERSION_\(MAJOR\|MINOR\|PATCH\) //p' include/cxstat.h | paste -sd.)|" \
	    cxstat.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/cxstat.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/cxstat.pc
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 completions/cxstat.bash $(DESTDIR)$(BASHCOMPDIR)/cxstat
	install -m 644 completions/_cxstat $(DESTDIR)$(ZSHCOMPDIR)/_cxstat

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cxstat $(DESTDIR)$(LIBDIR)/libcxstat.a \
	      $(DESTDIR)$(INCDIR)/cxstat.h $(DESTDIR)$(MANDIR)/man1/cxstat.1 \
	      $(DESTDIR)$(PKGCONFIGDIR)/cxstat.pc \
	      $(DESTDIR)$(BASHCOMPDIR)/cxstat $(DESTDIR)$(ZSHCOMPDIR)/_cxstat

clean:
	rm -rf build cxstat

include tests/fuzz/fuzz.mk
