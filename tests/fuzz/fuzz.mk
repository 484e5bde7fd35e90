# tests/fuzz/fuzz.mk - coverage-guided fuzzing (included from the Makefile).
#   make fuzz-replay   run the seed corpus and every crash ever found (tests/fuzz/regressions)
#                      through each target built with $(CC) -fsanitize=address,undefined;
#                      part of make test
#   make fuzz          run each target under libFuzzer (clang -fsanitize=fuzzer,address,
#                      undefined) for FUZZ_SECONDS (default 60) on a working copy of its
#                      corpus in build/fuzz/corpus; make -j2 fuzz runs two at once
#   make fuzz-ci       the same for 20 seconds each
# FUZZ_TARGETS=read picks targets; FUZZ_ARGS adds libFuzzer flags (-jobs=2, -only_ascii=1...).
# A crash leaves its input in build/fuzz/crashes/TARGET/; once the bug is fixed, copy the
# input into tests/fuzz/regressions/TARGET/ so that make test replays it for ever.

FUZZ_DIR      = tests/fuzz
FUZZ_TARGETS ?= read split merge bands labels date require options groups stat $(if $(filter 0,$(XLSX)),,xlsx)
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= build/fuzz
FUZZ_CC      ?= clang
FUZZ_ARGS    ?=
# Set by the sub-make that builds the targets: replay.c, or empty for libFuzzer's main.
FUZZ_MAIN    ?=

# The seed corpus of a target: tests/fuzz/corpus/TARGET, or one it shares.  The split
# target reads the same inputs as read (its first bytes choose its settings).
FUZZ_SEEDS_split = read
# The stat target's seeds are binary files, built by fuzz-seeds (no binary is committed).
FUZZ_SEED_DIR_stat = $(FUZZ_BUILD)/seeds/stat
fuzz_seeds = $(or $(FUZZ_SEED_DIR_$(1)),$(FUZZ_DIR)/corpus/$(or $(FUZZ_SEEDS_$(1)),$(1)))

# Longest input each target is given.
FUZZ_MAXLEN_read    = 65536
FUZZ_MAXLEN_split   = 65536
FUZZ_MAXLEN_merge   = 65536
FUZZ_MAXLEN_bands   = 4096
FUZZ_MAXLEN_labels  = 16384
FUZZ_MAXLEN_date    = 128
FUZZ_MAXLEN_require = 128
FUZZ_MAXLEN_options = 1024
FUZZ_MAXLEN_groups  = 4096
FUZZ_MAXLEN_xlsx    = 65536
FUZZ_MAXLEN_stat    = 65536

FUZZ_SAN     = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer
FUZZ_LDFLAGS = -fsanitize=fuzzer,address,undefined
# Sheets cut into 64-byte chunks, so that fuzzed workbooks are read by several parsers.
FUZZ_DEFS    = -DXLSX_SHEET_CHUNK=64

.PHONY: fuzz fuzz-ci fuzz-replay fuzz-deps fuzz-bins fuzz-seeds

# The SPSS and Stata seeds: the e2e fixtures (tests/e2e/data/stat/build.sh, needs readstat).
fuzz-seeds:
	$(Q)d=$$(sh tests/e2e/data/stat/build.sh) && mkdir -p $(FUZZ_SEED_DIR_stat) && \
	cp "$$d"/*.sav "$$d"/*.zsav "$$d"/*.dta $(FUZZ_SEED_DIR_stat)/ && rm -rf "$$d"

# One target, with the library and the command line's objects built for this BUILD.
$(BUILD)/fuzz_%: $(FUZZ_DIR)/fuzz_%.c $(FUZZ_DIR)/fuzz.h $(FUZZ_MAIN) $(LIB) $(CLI_LIBOBJ)
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  FUZZ    $@" || true
	$(Q)$(CC) $(ALL_CFLAGS) -I$(FUZZ_DIR) -o $@ $< $(FUZZ_MAIN) $(CLI_LIBOBJ) $(LIB) \
	  $(ALL_LDFLAGS) $(INPUT_LIBS) -lm

fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)

fuzz-replay: deps fuzz-seeds
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD)/replay FUZZ_MAIN=$(FUZZ_DIR)/replay.c \
	  CFLAGS="-O1 -g" EXTRA_CFLAGS="-Werror $(FUZZ_SAN) $(FUZZ_DEFS)" EXTRA_LDFLAGS="$(FUZZ_SAN)" \
	  fuzz-bins
	$(Q)$(foreach t,$(FUZZ_TARGETS), \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    $(FUZZ_BUILD)/replay/fuzz_$(t) $(call fuzz_seeds,$(t)) $(FUZZ_DIR)/regressions/$(t) \
	    || { echo "fuzz-replay: $(t) failed (rerun with -v to see the input)"; exit 1; };) true

# libFuzzer needs clang's runtime (Debian: libclang-rt-dev); installed when missing.
fuzz-deps: test-deps
	$(Q)tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	printf '#include <stddef.h>\nint LLVMFuzzerTestOneInput(const char *d, size_t n);\nint LLVMFuzzerTestOneInput(const char *d, size_t n) { (void)d; (void)n; return 0; }\n' > $$tmp/t.c && \
	if ! $(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $$tmp/t $$tmp/t.c >/dev/null 2>&1; then \
	  echo "cxstat: installing libclang-rt-dev"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq libclang-rt-dev >/dev/null; \
	fi

fuzz: fuzz-deps fuzz-seeds
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD)/libfuzzer CC=$(FUZZ_CC) FUZZ_MAIN= \
	  CFLAGS= EXTRA_CFLAGS="$(FUZZ_CFLAGS) $(FUZZ_DEFS)" EXTRA_LDFLAGS="$(FUZZ_LDFLAGS)" fuzz-bins
	$(Q)$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=fuzz-run-%)
	@echo "make fuzz: no crash in $(FUZZ_SECONDS) s per target"

fuzz-ci:
	$(Q)$(MAKE) --no-print-directory FUZZ_SECONDS=20 fuzz

# Fuzz one target: the corpus is copied into build/fuzz/corpus (new inputs land there, not in
# the repository), the regressions are read too, crashes go to build/fuzz/crashes.
fuzz-run-%:
	$(Q)corpus=$(FUZZ_BUILD)/corpus/$*; crashes=$(FUZZ_BUILD)/crashes/$*; \
	log=$(FUZZ_BUILD)/logs/$*.log; \
	mkdir -p $$corpus $$crashes $(FUZZ_BUILD)/logs && cp $(call fuzz_seeds,$*)/* $$corpus/ && \
	dict=; if [ -f $(FUZZ_DIR)/$*.dict ]; then dict=-dict=$(FUZZ_DIR)/$*.dict; fi; \
	echo "fuzz: $* for $(FUZZ_SECONDS) s (log: $$log)"; \
	if ! $(FUZZ_BUILD)/libfuzzer/fuzz_$* $$corpus $(FUZZ_DIR)/regressions/$* $$dict \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAXLEN_$*) -timeout=10 \
	    -rss_limit_mb=2048 -artifact_prefix=$$crashes/ -print_final_stats=1 $(FUZZ_ARGS) \
	    >$$log 2>&1; then \
	  tail -n 40 $$log; \
	  echo "fuzz: $*: FAILED; the input is in $$crashes/ (once fixed, keep it in $(FUZZ_DIR)/regressions/$*/)"; \
	  exit 1; \
	fi; \
	grep -E '^#[0-9]+' $$log | tail -n 1 | sed 's/^/fuzz: $*: /'; \
	grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec' $$log | sed 's/^/fuzz: $*: /'
