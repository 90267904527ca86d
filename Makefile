# SPDX-License-Identifier: GPL-2.0-only
#
# Entry points of klp-state.  The scripts behind them live in selftests/.

SHELL := /bin/bash

KVERS ?= 6.1 6.12
KVER ?= 6.1
DEMO ?= shadow module format
FLAVOR ?= stock
# Suites that exist in this tree, from the default list.
SUITES ?= $(foreach s,upstream state demo migrate explore,$(if $(wildcard selftests/$(s)/build.sh),$(s)))
FLAVORS ?= stock native debug
BENCH_NS ?= 10000 100000 1000000
KLP_CACHE ?= $(HOME)/.cache/klp-state
export KLP_CACHE

# Where make was started: "make -C" changes into this checkout and leaves
# the caller's directory only in the environment's PWD.
from := $(or $(PWD),$(CURDIR))

# The command line is checked once, before any target installs, builds or
# boots anything: a bad value stops make here, with one line.
q = '$(subst ','\'',$(1))'
bad := $(shell selftests/cli/validate.sh KVER=$(call q,$(KVER)) KVERS=$(call q,$(KVERS)) \
	FLAVOR=$(call q,$(FLAVOR)) FLAVORS=$(call q,$(FLAVORS)) SUITES=$(call q,$(SUITES)) \
	JOBS=$(call q,$(JOBS)) BENCH_NS=$(call q,$(BENCH_NS)) DEMO=$(call q,$(DEMO)) \
	$(if $(filter migrate,$(MAKECMDGOALS)),MODE=$(call q,$(MODE)) STREAM=$(call q,$(STREAM)) SRC=$(call q,$(SRC)) FROM=$(call q,$(from))))
ifneq ($(.SHELLSTATUS)$(bad),0)
$(error $(or $(bad),selftests/cli/validate.sh failed))
endif

# make install: under DESTDIR (empty: the system itself) and PREFIX.
PREFIX ?= /usr/local
DESTDIR ?=
# make deb: where the packages go, never into this tree.
DEB_OUT ?= $(KLP_CACHE)/deb

.PHONY: help demo check check-stock check-native check-debug check-backports check-harness check-cocci \
	check-lint check-cli check-invariants explore migrate kernels vm-shell deps bench \
	install uninstall deb check-install htmldocs try

valid = $$(selftests/cli/validate.sh --valid $(1))

help:
	@echo 'klp-state make targets:'
	@echo '  demo            boot stock KVER and walk the samples of DEMO through upgrade, downgrade, disable'
	@echo '  check           everything below as steps side by side, JOBS at a time; what .ci/run calls'
	@echo '  check-lint      .rst files through docutils; W=1, sparse, checkpatch, kernel-doc and size checks, on KVERS'
	@echo '  check-cli       the command line: bad values stop make at once, migrate SRC, help and README'
	@echo '  check-invariants the 4b checker of state-api.md on its own tests and the state suite transcripts'
	@echo '  check-stock     SUITES on the stock Debian kernels of KVERS'
	@echo '  check-native    SUITES on KVERS built from Debian sources + backports/'
	@echo '  check-debug     SUITES but demo on the native KVERS built with KASAN, kmemleak, lockdep'
	@echo '  check-backports each backport patch of KVERS on its own: W=1 build of kernel/livepatch/, checkpatch'
	@echo '  check-harness   negative tests of the VM runner, on the first of KVERS, the cases of FLAVORS'
	@echo '  check-cocci     Coccinelle tests, then the corpus, JOBS files at once'
	@echo '  bench           shadow variable store on native KVER, stock vs native: lookups, allocation, removal, bytes: BENCH_NS'
	@echo '  explore         generated sequences on KVER and FLAVOR, judged; shrinks failures: [SEED=] [N=] [LENGTH=] [DEPTH=] [KNOWN=1] [SEQ=]'
	@echo '  migrate         convert livepatch sources in place: SRC=dir [MODE=patch|report] [JOBS=n] [STATE_ID=id] [STREAM=name]'
	@echo '  kernels         provision the kernels of FLAVORS and KVERS only'
	@echo '  vm-shell        interactive shell in a VM of KVER and FLAVOR, SUITES under /suites'
	@echo '  try             boot KVER FLAVOR, load TARGETS, then LP in order; the transcript and check-4b verdict'
	@echo '  deps            install the missing Debian packages; the targets that build or boot run it first'
	@echo '  install         headers, Kbuild fragment, klp-migrate and its scripts under DESTDIR/PREFIX'
	@echo '  uninstall       remove what install put under DESTDIR/PREFIX, by its manifest'
	@echo '  deb             Debian packages (dpkg-buildpackage) into DEB_OUT, then lintian'
	@echo '  check-install   install and deb into scratch dirs: samples built on each, klp-migrate, uninstall'
	@echo '  htmldocs        Documentation/ as HTML under KLP_CACHE/htmldocs/html: Sphinx, the kernel-doc extension'
	@echo 'Variables, and their value now:'
	@echo '  KVERS      kernels of check, kernels, check-lint, -stock, -native, -debug, -backports, -harness:'
	@echo '             "$(KVERS)" (valid: '"$(call valid,KVERS)"')'
	@echo '  KVER       the kernel of demo, bench, vm-shell, explore: $(KVER)'
	@echo '  DEMO       the chapters of demo: "$(DEMO)" (valid: '"$(call valid,DEMO)"')'
	@echo '  FLAVORS    flavors of check, kernels, check-harness: "$(FLAVORS)" (valid: '"$(call valid,FLAVORS)"')'
	@echo '  FLAVOR     the flavor of vm-shell, explore and try: $(FLAVOR)'
	@echo '  LP         try: your livepatches (.ko), in the order of loading, or disable: $(or $(LP),none)'
	@echo '  TARGETS    try: the target modules (.ko) your livepatches patch, loaded first: $(or $(TARGETS),none)'
	@echo '  SEED       explore: seed of the random sequences: $(or $(SEED),the time)'
	@echo '  N          explore: sequences: $(or $(N),100)'
	@echo '  LENGTH     explore: operations of a random sequence: $(or $(LENGTH),6)'
	@echo '  DEPTH      explore: every applicable sequence of DEPTH operations of the small alphabet first: $(or $(DEPTH),0)'
	@echo '  KNOWN      explore: 1 walks into the known defects too: $(or $(KNOWN),0)'
	@echo '  FAULTS     explore: 1 runs the allocation failures of selftests/explore/faults too: $(or $(FAULTS),1 on debug kernels)'
	@echo '  FAULT_STEP explore: of those, fail every this many-th allocation: $(or $(FAULT_STEP),1)'
	@echo '  CYCLES     explore: upgrade, downgrade, disable cycles under the readers: $(or $(CYCLES),300 on debug kernels)'
	@echo '  SEQ        explore: run these operations instead (";" between sequences): $(or $(SEQ),none)'
	@echo '  SUITES     suites of check, check-stock, -native, -debug, vm-shell: "$(SUITES)"'
	@echo '             (valid: '"$(call valid,SUITES)"')'
	@echo '  JOBS       steps of check, files of migrate and check-cocci at once: $(or $(JOBS),one per core)'
	@echo '  SRC        migrate: the sources, a relative SRC from the directory make was typed in: $(or $(SRC),none)'
	@echo '  MODE       migrate: patch (convert in place) or report (print the diff): $(or $(MODE),patch)'
	@echo '  STATE_ID   migrate: the id of the state that new callbacks go to: $(or $(STATE_ID),found in the source)'
	@echo '  STREAM     migrate: the livepatch stream SRC holds, the placeholder state ids derive from it: $(or $(STREAM),none, from the path)'
	@echo '  BENCH_NS   numbers of shadow variables of bench: "$(BENCH_NS)"'
	@echo '  SPATCH     the spatch of check-cocci and migrate: $(or $(SPATCH),spatch)'
	@echo '  KLP_CACHE  kernels, builds and VM runs: $(KLP_CACHE)'
	@echo '  PREFIX     install, uninstall: where under DESTDIR: $(PREFIX)'
	@echo '  DESTDIR    install, uninstall: a staging root, relative from where make was typed: $(or $(DESTDIR),none)'
	@echo '  DEB_OUT    deb: where the packages go, relative from where make was typed: $(DEB_OUT)'

# Installs missing Debian packages (as root), otherwise a no-op.
deps:
	@selftests/kernels/packages.sh

# A relative DESTDIR or DEB_OUT is taken from the directory make was
# started in.
install uninstall:
	@PREFIX=$(call q,$(PREFIX)) DESTDIR=$(call q,$(DESTDIR)) KLP_FROM=$(call q,$(from)) \
		scripts/install.sh $@

deb: deps
	@KLP_FROM=$(call q,$(from)) scripts/deb.sh $(call q,$(DEB_OUT))

# Host only: Sphinx with the kernel-doc extension of linux-source-6.12,
# warnings as errors; prints the path of index.html.
htmldocs: deps
	@scripts/htmldocs.sh $(call q,$(KLP_CACHE)/htmldocs/html)

# Relative LP and TARGETS are taken from the directory make was started in.
try: deps
	@LP=$(call q,$(LP)) TARGETS=$(call q,$(TARGETS)) KLP_FROM=$(call q,$(from)) \
		selftests/try/try.sh $(KVER) $(FLAVOR)

# Host only: no kernel is booted.
check-install: deps
	@selftests/install/run.sh

# Every check-* below as independent steps, JOBS at a time (default: one
# per core); each step's output, a time table and the total close the run.
check: deps
	@KVERS="$(KVERS)" FLAVORS="$(FLAVORS)" SUITES="$(SUITES)" JOBS="$(JOBS)" \
		selftests/check-all.sh

demo: deps
	@KLP_DEMO="$(DEMO)" selftests/demo/demo.sh $(KVER)

bench: deps
	@KLP_BENCH_NS="$(BENCH_NS)" selftests/bench/bench.sh $(KVER)

check-lint: deps
	@KVERS="$(KVERS)" selftests/lint/run.sh

# Host only, and quick: no deps, no kernel.
check-cli:
	@selftests/cli/run.sh

# Host only: Python 3, no kernel.
check-invariants:
	@selftests/invariants/run.sh

# One VM of KVER and FLAVOR over generated sequences, then one per round
# of shrinking a failure.
explore: deps
	@KVER=$(call q,$(KVER)) FLAVOR=$(call q,$(FLAVOR)) SEED=$(call q,$(SEED)) N=$(call q,$(N)) \
		LENGTH=$(call q,$(LENGTH)) DEPTH=$(call q,$(DEPTH)) KNOWN=$(call q,$(KNOWN)) \
		SEQ=$(call q,$(SEQ)) $(if $(FAULTS),KLP_EXPLORE_FAULTS=$(call q,$(FAULTS))) \
		$(if $(FAULT_STEP),KLP_EXPLORE_FAULT_STEP=$(call q,$(FAULT_STEP))) \
		$(if $(CYCLES),KLP_EXPLORE_CYCLES=$(call q,$(CYCLES))) selftests/explore/run.sh

# A relative SRC is taken from the directory make was started in, where
# cocci/Makefile runs the conversion.
migrate:
	@cd $(call q,$(from)) && $(MAKE) --no-print-directory -C $(call q,$(CURDIR)/cocci) \
		migrate SRC=$(call q,$(SRC)) $(if $(MODE),MODE=$(MODE))

check-stock: deps
	@selftests/check.sh stock "$(KVERS)" "$(SUITES)"

check-native: deps
	@selftests/check.sh native "$(KVERS)" "$(SUITES)"

check-debug: deps
	@selftests/check.sh debug "$(KVERS)" "$(SUITES)"

check-backports: deps
	@backports/check-series.sh $(KVERS)

# The runner is the same on every kernel: the first of KVERS will do.
check-harness: deps
	@KVERS="$(KVERS)" FLAVORS="$(FLAVORS)" selftests/harness/run.sh

check-cocci:
	@if [ -f cocci/Makefile ]; then $(MAKE) -C cocci check; \
	else echo "cocci/Makefile missing: nothing to check"; fi

kernels: deps
	@set -e; for f in $(FLAVORS); do for k in $(KVERS); do \
		selftests/kernels/provision.sh $$k $$f; done; done

vm-shell: deps
	@selftests/vm/run.sh --shell $(KVER) $(FLAVOR) $(SUITES)
