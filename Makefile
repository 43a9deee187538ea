# cs-tools: make, make check, make install, make bench
#
# make check checks the layering of lib/ (tests/layers), builds and runs
# the unit and CLI tests and replays the fuzz corpus, then builds
# everything again under AddressSanitizer and UndefinedBehaviorSanitizer
# (in build-san/) and runs the same tests there.
# make fuzz runs each fuzz harness under libFuzzer (clang) for FUZZ_TIME
# seconds (in build-fuzz/).

# make install-setgid GROUP=cs [DATA_DIR=/var/lib/cs-tools]: the programs
# setgid to the group that owns the data directory (cs(7) DEPLOYMENT).
# DATA_DIR is the data directory without -D or CS_DATA_DIR, and the only
# one a setgid program works on; changing it rebuilds what uses it.

# The version, from here only: cs-X --version prints "cs-X (cs-tools) 0.2.0".
VERSION  = 0.2.0

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR  ?= $(DATADIR)/man
LOCALEDIR ?= $(DATADIR)/locale
SYSTEMDDIR ?= $(PREFIX)/lib/systemd/system
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR ?= $(DATADIR)/zsh/vendor-completions
DESTDIR ?=

CC      ?= cc
CFLAGS  ?= -O2 -g
# CPPFLAGS and LDFLAGS are the user's (dpkg-buildflags: hardening), and
# so is CFLAGS: what the code needs is CSFLAGS, kept whatever they give
CPPFLAGS ?=
LDFLAGS ?=
CSFLAGS  = -std=c11 -D_GNU_SOURCE -Ilib -Wall -Wextra -Wshadow \
           -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
LDLIBS  += -lcsv -lcrypto -lxlsxwriter -lm -pthread
B       ?= build
DATA_DIR ?= /var/lib/cs-tools
GROUP   ?=

PROGS   = cs cs-staff cs-customer cs-ticket cs-audit cs-complain cs-kpi cs-order
LIBSRC  = $(wildcard lib/*/*.c)
LIBHDR  = lib/cs.h $(wildcard lib/*/*.h)
LIBOBJ  = $(LIBSRC:lib/%.c=$(B)/lib/%.o)
UNITSRC = $(wildcard tests/unit/test_*.c)
UNITS   = $(UNITSRC:tests/unit/%.c=$(B)/tests/%)
BINS    = $(PROGS:%=$(B)/bin/%)
MAN1    = $(wildcard man/*.1)
MAN5    = $(wildcard man/*.5)
MAN7    = $(wildcard man/*.7)
MAPS    = $(wildcard data-samples/maps/*.map)
# a .service and a .timer for each line of the README's crontab
SDUNITS = $(wildcard contrib/systemd/*.service contrib/systemd/*.timer)
# The message catalogues: po/LANG.po, built to LANG/LC_MESSAGES/cs-tools.mo
LINGUAS = $(patsubst po/%.po,%,$(wildcard po/*.po))
MOS     = $(LINGUAS:%=$(B)/locale/%/LC_MESSAGES/cs-tools.mo)

all: $(BINS) $(B)/bin/cs-gen $(B)/cs-tools.bash $(MOS)

# The fault-injection shim (tests/fault/shim.c), LD_PRELOADed by the fault
# and kill loops.  Not in a sanitizer build: ASan owns malloc there, so the
# loops run in the plain build only (and skip elsewhere).
ifeq ($(findstring -fsanitize,$(CFLAGS)),)
FAULT   = $(B)/tests/fault.so
endif

$(B)/tests/fault.so: tests/fault/shim.c
	@mkdir -p $(@D)
	$(CC) $(CSFLAGS) $(CPPFLAGS) $(CFLAGS) -fPIC -shared -o $@ $< -ldl

# $(B)/datadir holds the DATA_DIR cli.o was built with: rewritten only
# when it changes, so that cli.o is rebuilt then and only then.
$(B)/datadir: FORCE
	@case '$(DATA_DIR)' in /*) ;; *) echo "DATA_DIR: not an absolute path: '$(DATA_DIR)'" >&2; exit 1 ;; esac
	@case '$(DATA_DIR)' in *[!A-Za-z0-9/._-]*) echo "DATA_DIR: only letters, digits and / . _ -: '$(DATA_DIR)'" >&2; exit 1 ;; esac
	@mkdir -p $(@D)
	@echo '$(DATA_DIR)' | cmp -s - $@ || echo '$(DATA_DIR)' >$@
# $(B)/version likewise holds the VERSION cli.o was built with.
$(B)/version: FORCE
	@case '$(VERSION)' in *[!A-Za-z0-9.~+-]*|'') echo "VERSION: only letters, digits and . ~ + -: '$(VERSION)'" >&2; exit 1 ;; esac
	@mkdir -p $(@D)
	@echo '$(VERSION)' | cmp -s - $@ || echo '$(VERSION)' >$@
$(B)/lib/cli/cli.o: $(B)/datadir $(B)/version
$(B)/lib/cli/cli.o: CSFLAGS += -DDEFAULT_DATA_DIR='"$(DATA_DIR)"' \
    -DCS_VERSION='"$(VERSION)"'

# $(B)/localedir likewise, for i18n.o (where the catalogues are).
$(B)/localedir: FORCE
	@mkdir -p $(@D)
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' >$@
$(B)/lib/base/i18n.o: $(B)/localedir
$(B)/lib/base/i18n.o: CSFLAGS += -DLOCALEDIR='"$(LOCALEDIR)"'

$(B)/lib/%.o: lib/%.c $(LIBHDR)
	@mkdir -p $(@D)
	$(CC) $(CSFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/libcs.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(B)/bin/%: cmd/%.c $(B)/libcs.a
	@mkdir -p $(@D)
	$(CC) $(CSFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libcs.a $(LDLIBS)

$(B)/bin/cs-gen: bench/gen.c $(B)/libcs.a
	@mkdir -p $(@D)
	$(CC) $(CSFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libcs.a $(LDLIBS)

# The bash completion: contrib/completion/cs-tools.bash with what the
# stores' schemas say (fields, enum values) put in at its @DATA@ line.
$(B)/completion-fields: contrib/completion/fields.c $(B)/libcs.a
	$(CC) $(CSFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libcs.a $(LDLIBS)

$(B)/cs-tools.bash: contrib/completion/cs-tools.bash $(B)/completion-fields
	{ sed '/^# @DATA@$$/,$$d' $<; $(B)/completion-fields; \
	  sed '1,/^# @DATA@$$/d' $<; } >$@.tmp && mv $@.tmp $@

# Messages (lib/base/i18n.c): make pot gathers every message of the
# code into po/cs-tools.pot (POT=file: elsewhere; tests/cli/65-i18n.sh
# compares), make po merges it into each po/LANG.po.  The keywords are
# the functions whose format is translated where it is formatted, with
# the position of the format: the funnels of err.c and cli.c, and the
# static reporters of a policy file (bad), a record (broke), cs check
# (problem) and cs check --verify (finding); and NC_ of po/columns.c,
# the headings of -o table (context "column").
POT     ?= po/cs-tools.pot
POTSRC   = $(sort $(LIBSRC) $(wildcard cmd/*.c)) po/columns.c
XGETTEXT_FLAGS = --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
  --keyword=_ --keyword=N_ --keyword=NC_:1c,2 --keyword=cs_fail:2 --keyword=cs_fatal:2 \
  --keyword=cs_warn:1 --keyword=cs_note:1 --keyword=cs_committed:1 \
  --keyword=cs_usage_error:1 --keyword=bad:4 --keyword=broke:3 \
  --keyword=problem:2 --keyword=finding:2 --flag=cs_fail:2:c-format \
  --flag=cs_fatal:2:c-format --flag=cs_warn:1:c-format \
  --flag=cs_note:1:c-format --flag=cs_committed:1:c-format \
  --flag=cs_usage_error:1:c-format --flag=bad:4:c-format \
  --flag=broke:3:c-format --flag=problem:2:c-format \
  --flag=finding:2:c-format \
  --package-name=cs-tools --package-version=$(VERSION) --sort-by-file

pot:
	xgettext $(XGETTEXT_FLAGS) -o $(POT) $(POTSRC)

po: pot
	@set -e; for l in $(LINGUAS); do \
	  msgmerge --quiet --update --backup=none --no-fuzzy-matching po/$$l.po $(POT); done

$(B)/locale/%/LC_MESSAGES/cs-tools.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

$(B)/tests/%: tests/unit/%.c $(B)/libcs.a
	@mkdir -p $(@D)
	$(CC) $(CSFLAGS) $(CPPFLAGS) $(CFLAGS) -DSRCDIR=\"$(CURDIR)\" -Itests/unit $(LDFLAGS) -o $@ $< $(B)/libcs.a $(LDLIBS) -lcmocka

unit: $(UNITS)
	@set -e; for t in $(UNITS); do echo "== $$t"; $$t; done

# The CLI tests, TEST_JOBS at a time (the online CPUs).
TEST_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
cli: all $(FAULT)
	@tests/cli/run -j $(TEST_JOBS) $(B)/bin

# The full fault-injection and kill -9 loops (tests/fault/stress); long.
stress: all $(B)/tests/fault.so
	tests/fault/stress $(B)/bin
	CS_TEST_ADDS=1000 tests/cli/run $(B)/bin tests/cli/40-concurrency.sh

# Fuzz harnesses (tests/fuzz/): linked with replay.c, each runs on its
# committed corpus and findings, without clang or libFuzzer; `make fuzz`
# links them with libFuzzer instead (FUZZ_MAIN empty).
FUZZSRC   = $(filter-out tests/fuzz/replay.c,$(wildcard tests/fuzz/*.c))
FUZZERS   = $(FUZZSRC:tests/fuzz/%.c=%)
FUZZ_MAIN ?= tests/fuzz/replay.c
FUZZ_TIME ?= 60
FUZZ_SAN   = -fsanitize=address,undefined -fno-sanitize-recover=all

$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_MAIN) $(B)/libcs.a
	@mkdir -p $(@D)
	$(CC) $(CSFLAGS) $(CPPFLAGS) $(CFLAGS) -DSRCDIR=\"$(CURDIR)\" $(LDFLAGS) -o $@ $< \
	  $(FUZZ_MAIN) $(B)/libcs.a $(LDLIBS)
$(B)/fuzz/import_customer $(B)/fuzz/import_ticket: tests/fuzz/importer.h

fuzz-build: $(FUZZERS:%=$(B)/fuzz/%)

fuzz-replay: fuzz-build
	@set -e; for t in $(FUZZERS); do \
	  $(B)/fuzz/$$t tests/fuzz/corpus/$$t \
	    $$(test -d tests/fuzz/findings/$$t && echo tests/fuzz/findings/$$t); \
	done

# New inputs go to build-fuzz/corpus/TARGET, crashes to build-fuzz/crash/;
# the committed corpus is only read.  A crash stops the run: put its input
# in tests/fuzz/findings/TARGET/ with the fix.
fuzz:
	$(MAKE) B=build-fuzz CC=clang FUZZ_MAIN= \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
	  LDFLAGS="-fsanitize=fuzzer $(FUZZ_SAN)" fuzz-build
	@set -e; for t in $(FUZZERS); do \
	  echo "== fuzz $$t ($(FUZZ_TIME) s)"; \
	  mkdir -p build-fuzz/corpus/$$t build-fuzz/crash; \
	  build-fuzz/fuzz/$$t -max_total_time=$(FUZZ_TIME) -timeout=10 \
	    -artifact_prefix=build-fuzz/crash/$$t- -print_final_stats=1 \
	    build-fuzz/corpus/$$t tests/fuzz/corpus/$$t; \
	done

lint-man:
	@command -v mandoc >/dev/null || { echo "mandoc is not installed"; exit 1; }
	mandoc -T lint -W warning $(MAN1) $(MAN5) $(MAN7)

# lib/ is layers (lib/cs.h, doc/HACKING.md): no file uses a layer above
# its own, no two files use each other; and no program is over 600 lines
layers: $(LIBOBJ) $(wildcard cmd/*.c)
	@tests/layers $(B)

check-one: layers unit cli fuzz-replay

check: all lint-man check-install
	$(MAKE) check-one
	$(MAKE) B=build-san CFLAGS="-O1 -g -fno-omit-frame-pointer \
	  -fsanitize=address,undefined -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" check-one

# make install and make uninstall into a throwaway DESTDIR: every file
# in place, then none left; CPPFLAGS, CFLAGS and LDFLAGS reach every
# compile and link (tests/install)
check-install: all
	tests/install $(B)

# The main job on a throwaway copy of the sample department, on the Monday
# after its last day: the weekly spot-check sample and its score sheet,
# the monthly KPI verdicts (October's, then November's so far, where two
# failed months in a row are flagged), then cs check.  demo-run is the
# same with the programs of DEMO_BIN, built or not (tests/deb runs it
# with the installed package's, DEMO_BIN=/usr/bin).
DEMO_BIN ?= $(CURDIR)/$(B)/bin
demo: all
	@$(MAKE) --no-print-directory demo-run

demo-run:
	@d=$$(mktemp -d) && cp -r data-samples/. "$$d" && \
	export PATH="$(DEMO_BIN):$$PATH" TZ=$${TZ:-Asia/Shanghai} \
	    CS_NOW="2026-11-23 07:00" CS_DATA_DIR="$$d" && \
	echo "== the weekly spot-check sample: last week, 3 an agent, risky 3x" && \
	cs-audit sample -n 3 --weight risk -o table && \
	echo && echo "== its score sheet (cs-audit sheet --excel for Excel)" && \
	cs-audit sheet -o table && \
	echo && echo "== the monthly KPI verdicts: October" && \
	cs-kpi verdict --month 2026-10 -o table && \
	echo && echo "== and November, not over (data to the 21st): provisional, so a" && \
	echo "   second failed month is not flagged until November is scored when it ends" && \
	cs-kpi verdict --month 2026-11 --provisional -o table && \
	echo && echo "== why: cs-kpi verdict --explain yang9" && \
	cs-kpi verdict --month 2026-11 --explain yang9 -o table && \
	echo && echo "== cs check" && cs check && echo "clean ($$d)" && rm -rf "$$d"

bench: all
	bench/run $(B)/bin
	bench/customers $(B)/bin
	bench/import $(B)/bin

# 10 M records (hours of generator time before cs-gen was linear)
bench-large: all
	CUSTOMERS=10000000 TICKETS=10000000 ORDERS=10000000 RUNS=3 RUNS_FAST=5 \
	    RUNS_MONTH=3 bench/run $(B)/bin

# instruction counts on 100 k under cachegrind against bench/instr.baseline
bench-instr: all
	bench/instr $(B)/bin

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	  $(DESTDIR)$(DATADIR)/cs-tools/maps
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(MAPS) $(DESTDIR)$(DATADIR)/cs-tools/maps
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	install -d $(DESTDIR)$(SYSTEMDDIR)
	install -m 644 $(SDUNITS) $(DESTDIR)$(SYSTEMDDIR)
	install -d $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 $(B)/cs-tools.bash $(DESTDIR)$(BASHCOMPDIR)/cs
	for p in $(filter-out cs,$(PROGS)); do \
	  ln -sf cs $(DESTDIR)$(BASHCOMPDIR)/$$p || exit 1; done
	install -d $(DESTDIR)$(ZSHCOMPDIR)
	sed 's|@BASHCOMP@|$(BASHCOMPDIR)/cs|' contrib/completion/_cs-tools \
	  >$(DESTDIR)$(ZSHCOMPDIR)/_cs-tools  # zsh's runs the bash one
	chmod 644 $(DESTDIR)$(ZSHCOMPDIR)/_cs-tools
	for l in $(LINGUAS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 $(B)/locale/$$l/LC_MESSAGES/cs-tools.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES || exit 1; done

# What install installs, each file by name, and no directory.
uninstall:
	rm -f $(PROGS:%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%)
	rm -f $(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%)
	rm -f $(MAN7:man/%=$(DESTDIR)$(MANDIR)/man7/%)
	rm -f $(SDUNITS:contrib/systemd/%=$(DESTDIR)$(SYSTEMDDIR)/%)
	rm -f $(PROGS:%=$(DESTDIR)$(BASHCOMPDIR)/%)
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_cs-tools
	rm -f $(MAPS:data-samples/maps/%=$(DESTDIR)$(DATADIR)/cs-tools/maps/%)
	rm -f $(LINGUAS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/cs-tools.mo)

# The Debian package (debian/): dpkg-buildpackage -us -uc -b, which
# builds in build-deb/ and, as Debian does, writes cs-tools_VERSION_ARCH.deb
# (with its -dbgsym .deb, .buildinfo and .changes) into the directory
# above this one.  debian/changelog's version must be VERSION.
deb:
	@v=$$(dpkg-parsechangelog -S Version) && [ "$$v" = '$(VERSION)' ] || \
	  { echo "debian/changelog says $$v, the Makefile's VERSION is $(VERSION)" >&2; exit 1; }
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL dpkg-buildpackage -us -uc -b
	@echo "make deb: ../cs-tools_$(VERSION)_$$(dpkg-architecture -qDEB_HOST_ARCH).deb"

# As install, then the programs setgid to GROUP (chgrp needs root).
install-setgid: install
	@test -n '$(GROUP)' || { echo "make install-setgid GROUP=group [DATA_DIR=dir]" >&2; exit 1; }
	cd $(DESTDIR)$(BINDIR) && chgrp '$(GROUP)' $(PROGS) && chmod 2755 $(PROGS)

clean:
	rm -rf build build-san build-fuzz build-deb

.PHONY: all demo demo-run deb layers unit cli lint-man check-one check check-install bench bench-large bench-instr install \
	uninstall clean pot po \
	install-setgid FORCE \
	fuzz fuzz-build fuzz-replay stress
.SECONDARY:
