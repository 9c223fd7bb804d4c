# qbpress — build, run, test, install.
#   make run    install what is missing, build, render content/ into output/
#   make test   the same, built with ASan/UBSan, then every test
VERSION   = 0.1.0
PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/qbpress
MANDIR    = $(PREFIX)/share/man/man1

CC       ?= cc
PKGS      = yaml-0.1 libcmark-gfm libxml-2.0 libxslt libexslt fontconfig harfbuzz harfbuzz-subset libunibreak libqrencode \
            zlib
# Loaded when first used (generator/dynlib.h): compiled against, not linked.
DL_PKGS   = xlsxwriter libmicrohttpd
soname    = $(shell objdump -p "$$($(CC) -print-file-name=$(1))" 2>/dev/null | awk '$$1 == "SONAME" {print $$2}')
CFLAGS   ?= -O2 -g
QB_CFLAGS = -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
            -DQB_VERSION='"$(VERSION)"' -DQB_DATADIR='"$(DATADIR)"' \
            -DQB_XLSXWRITER_SO='"$(call soname,libxlsxwriter.so)"' -DQB_MICROHTTPD_SO='"$(call soname,libmicrohttpd.so)"' \
            $(shell pkg-config --cflags $(PKGS) $(DL_PKGS) 2>/dev/null)
QB_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lhpdf -lm -lpthread

SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS = $(sort $(wildcard generator/*.c generator/render/*.c generator/render/*/*.c))
HDRS = $(wildcard generator/*.h generator/render/*.h generator/render/*/*.h)
LIB_SRCS = $(filter-out generator/main.c,$(SRCS))
OBJS = $(SRCS:%.c=build/%.o)
SAN_OBJS = $(SRCS:%.c=build/san/%.o)
UNIT_SRCS = $(sort $(wildcard tests/unit/*.c))

# Debian packages: what the build needs, and what the tests use.
BUILD_DEBS = build-essential pkg-config libyaml-dev libcmark-gfm-dev libcmark-gfm-extensions-dev \
             libxml2-dev libxslt1-dev libhpdf-dev libfontconfig-dev libharfbuzz-dev libunibreak-dev \
             libqrencode-dev zlib1g-dev libxlsxwriter-dev libmicrohttpd-dev fonts-arphic-ukai fonts-arphic-uming fonts-wqy-zenhei
TEST_DEBS  = libcmocka-dev libxml2-utils valgrind poppler-utils qpdf zbar-tools unicode-data libjpeg-turbo-progs \
             chromium java=default-jre-headless node=nodejs npm=npm python3=python3 clang libclang-rt-14-dev
BENCH_DEBS = hugo weasyprint cmark-gfm time

.PHONY: all run test check-content deps deps-test deps-bench install uninstall clean bench units e2e valgrind fuzz \
        fuzz-build

all: qbpress

qbpress: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(QB_LIBS)

build/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(QB_CFLAGS) $(CFLAGS) -c -o $@ $<

build/san/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(QB_CFLAGS) -O1 -g $(SAN_FLAGS) -c -o $@ $<

build/qbpress-san: $(SAN_OBJS)
	$(CC) $(SAN_FLAGS) -o $@ $(SAN_OBJS) $(QB_LIBS)

# Each tests/unit/NAME.c is one cmocka program, linked with every module
# but main.c.
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=build/unit/%)
LIB_SAN_OBJS = $(filter-out build/san/generator/main.o,$(SAN_OBJS))

build/unit/%: tests/unit/%.c $(LIB_SAN_OBJS)
	@mkdir -p build/unit
	$(CC) $(QB_CFLAGS) -O1 -g $(SAN_FLAGS) -Igenerator -o $@ $< $(LIB_SAN_OBJS) $(QB_LIBS) $(shell pkg-config --libs cmocka)

# Each tests/tools/NAME.c is a helper program the suites run (checkers,
# corpus generators), linked with every module but main.c.
TOOL_SRCS = $(sort $(wildcard tests/tools/*.c))
TOOL_BINS = $(TOOL_SRCS:tests/tools/%.c=build/tools/%)
LIB_OBJS = $(filter-out build/generator/main.o,$(OBJS))

build/tools/%: tests/tools/%.c $(LIB_OBJS)
	@mkdir -p build/tools
	$(CC) $(QB_CFLAGS) $(CFLAGS) -Igenerator -o $@ $< $(LIB_OBJS) $(QB_LIBS)

# libFuzzer targets (tests/fuzz/NAME.c), built with clang, ASan and UBSan,
# linked with every module but main.c. `make fuzz` runs each for
# FUZZ_SECONDS; `make test` replays their regression inputs and runs each
# briefly (tests/suites/18-fuzz.sh).
FUZZ_CC      = clang
FUZZ_SECONDS = 120
FUZZ_FLAGS   = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_TARGETS = yaml records campaign front_matter markdown wechat pdf_text book
FUZZ_BINS    = $(FUZZ_TARGETS:%=build/fuzz/%)
FUZZ_OBJS    = $(LIB_SRCS:%.c=build/fuzz-obj/%.o) build/fuzz-obj/tests/fuzz/fuzz.o
FUZZ_INC     = -Igenerator -Igenerator/render -Igenerator/render/pdf -Itests/fuzz

build/fuzz-obj/%.o: %.c $(HDRS) tests/fuzz/fuzz.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(QB_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link $(FUZZ_INC) -DQB_FUZZ_ROOT='"$(CURDIR)"' -c -o $@ $<

build/fuzz/%: tests/fuzz/%.c $(FUZZ_OBJS)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(QB_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer $(FUZZ_INC) -o $@ $< $(FUZZ_OBJS) $(QB_LIBS)

fuzz-build: $(FUZZ_BINS)

# Kept between runs: make would otherwise delete them as intermediate files.
.SECONDARY: $(FUZZ_OBJS)

fuzz: deps-test
	@$(MAKE) --no-print-directory fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

deps:
	@sh tests/deps.sh $(BUILD_DEBS)

deps-bench:
	@sh tests/deps.sh $(BUILD_DEBS) $(TEST_DEBS) $(BENCH_DEBS)

deps-test:
	@sh tests/deps.sh $(BUILD_DEBS) $(TEST_DEBS)

run: deps
	@$(MAKE) --no-print-directory qbpress
	./qbpress build
	@echo "qbpress: the website is output/site/ (for a web server; 'qbpress build --relative' makes one to open from files), the WeChat copy page output/wechat/index.html"

test: deps-test
	@$(MAKE) --no-print-directory -j$$(nproc) qbpress build/qbpress-san $(UNIT_BINS) $(TOOL_BINS) $(FUZZ_BINS)
	@test -d tests/node_modules/vnu-jar -a -d tests/node_modules/playwright-core -a -d tests/node_modules/axe-core || \
	    (cd tests && npm install --no-audit --no-fund --loglevel=error >/dev/null)
	@sh tests/run.sh

bench: deps-bench qbpress $(TOOL_BINS)
	@test -d tests/node_modules/playwright-core || \
	    (cd tests && npm install --no-audit --no-fund --loglevel=error >/dev/null)
	@a=0; sh tests/bench-search.sh || a=1; sh tests/bench.sh || a=1; sh tests/bench/hostile.sh || a=1; exit $$a

install: qbpress
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)
	install -m 0755 qbpress $(DESTDIR)$(BINDIR)/qbpress
	install -m 0644 qbpress.1 $(DESTDIR)$(MANDIR)/qbpress.1
	cp -R themes $(DESTDIR)$(DATADIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/qbpress $(DESTDIR)$(MANDIR)/qbpress.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build qbpress output .output.staging-* tests/out
