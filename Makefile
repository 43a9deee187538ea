# cs-tools: make, make check, make install, make bench
#
# make check builds and runs the unit and CLI tests, then builds everything
# again under AddressSanitizer and UndefinedBehaviorSanitizer (in build-san/)
# and runs the same tests there.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=

CC      ?= cc
CFLAGS  ?= -O2 -g
# what the code needs, whatever CFLAGS the user gives
CSFLAGS  = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Ilib
LDLIBS  += -lcsv -lm -pthread
B       ?= build

PROGS   = cs cs-staff cs-customer cs-ticket cs-audit cs-complain cs-kpi cs-order
LIBSRC  = $(wildcard lib/*.c)
LIBOBJ  = $(LIBSRC:lib/%.c=$(B)/lib/%.o)
UNITSRC = $(wildcard tests/unit/test_*.c)
UNITS   = $(UNITSRC:tests/unit/%.c=$(B)/tests/%)
BINS    = $(PROGS:%=$(B)/bin/%)
MAN1    = $(wildcard man/*.1)
MAN5    = $(wildcard man/*.5)
MAN7    = $(wildcard man/*.7)

all: $(BINS) $(B)/bin/cs-gen

# The fault-injection shim (tests/fault/shim.c), LD_PRELOADed by the fault
# and kill loops.  Not in a sanitizer build: ASan owns malloc there, so the
# loops run in the plain build only (and skip elsewhere).
ifeq ($(findstring -fsanitize,$(CFLAGS)),)
FAULT   = $(B)/tests/fault.so
endif

$(B)/tests/fault.so: tests/fault/shim.c
	@mkdir -p $(@D)
	$(CC) $(CSFLAGS) $(CFLAGS) -fPIC -shared -o $@ $< -ldl

$(B)/lib/%.o: lib/%.c lib/cs.h
	@mkdir -p $(@D)
	$(CC) $(CSFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/libcs.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(B)/bin/%: cmd/%.c $(B)/libcs.a
	@mkdir -p $(@D)
	$(CC) $(CSFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libcs.a $(LDLIBS)

$(B)/bin/cs-gen: bench/gen.c $(B)/libcs.a
	@mkdir -p $(@D)
	$(CC) $(CSFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libcs.a $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libcs.a
	@mkdir -p $(@D)
	$(CC) $(CSFLAGS) $(CFLAGS) -DSRCDIR=\"$(CURDIR)\" -Itests/unit $(LDFLAGS) -o $@ $< $(B)/libcs.a $(LDLIBS) -lcmocka

unit: $(UNITS)
	@set -e; for t in $(UNITS); do echo "== $$t"; $$t; done

cli: all $(FAULT)
	@tests/cli/run $(B)/bin

# The full fault-injection and kill -9 loops (tests/fault/stress); long.
stress: all $(B)/tests/fault.so
	tests/fault/stress $(B)/bin

lint-man:
	@command -v mandoc >/dev/null || { echo "mandoc is not installed"; exit 1; }
	mandoc -T lint -W warning $(MAN1) $(MAN5) $(MAN7)

check-one: unit cli

check: all lint-man check-install
	$(MAKE) check-one
	$(MAKE) B=build-san CFLAGS="-O1 -g -fno-omit-frame-pointer \
	  -fsanitize=address,undefined -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" check-one

check-install: all
	rm -rf $(B)/destdir
	$(MAKE) install DESTDIR=$(CURDIR)/$(B)/destdir PREFIX=/usr >/dev/null
	test -x $(B)/destdir/usr/bin/cs-customer
	test -f $(B)/destdir/usr/share/man/man1/cs-customer.1
	test -f $(B)/destdir/usr/share/man/man5/cs-store.5
	test -f $(B)/destdir/usr/share/man/man7/cs.7
	rm -rf $(B)/destdir

# The main job on a throwaway copy of the sample department, on the Monday
# after its last day: the weekly spot-check sample and its score sheet,
# the monthly KPI verdicts (October's, then November's so far, where two
# failed months in a row are flagged), then cs check.
demo: all
	@d=$$(mktemp -d) && cp -r data-samples/. "$$d" && \
	export PATH="$(CURDIR)/$(B)/bin:$$PATH" TZ=$${TZ:-Asia/Shanghai} \
	    CS_NOW="2026-11-23 07:00" CS_DATA_DIR="$$d" && \
	echo "== the weekly spot-check sample: last week, 3 an agent, risky 3x" && \
	cs-audit sample -n 3 --weight risk -o table && \
	echo && echo "== its score sheet (cs-audit sheet --excel for Excel)" && \
	cs-audit sheet -o table && \
	echo && echo "== the monthly KPI verdicts: October" && \
	cs-kpi verdict --month 2026-10 -o table && \
	echo && echo "== and November (to the 21st): a second failed month is flagged" && \
	cs-kpi verdict --month 2026-11 -o table && \
	echo && echo "== why: cs-kpi verdict --explain yang9" && \
	cs-kpi verdict --month 2026-11 --explain yang9 -o table && \
	echo && echo "== cs check" && cs check && echo "clean ($$d)" && rm -rf "$$d"

bench: all
	bench/run $(B)/bin
	bench/customers $(B)/bin

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7

clean:
	rm -rf build build-san

.PHONY: all demo unit cli lint-man check-one check check-install bench install clean \
	stress
.SECONDARY:
