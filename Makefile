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
PKGS      = yaml-0.1 libcmark-gfm libxml-2.0 libxslt libexslt fontconfig harfbuzz harfbuzz-subset libunibreak libqrencode
CFLAGS   ?= -O2 -g
QB_CFLAGS = -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L \
            -DQB_VERSION='"$(VERSION)"' -DQB_DATADIR='"$(DATADIR)"' \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
QB_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lhpdf -lm -lpthread

SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS = $(sort $(wildcard generator/*.c generator/render/*.c))
LIB_SRCS = $(filter-out generator/main.c,$(SRCS))
OBJS = $(SRCS:%.c=build/%.o)
SAN_OBJS = $(SRCS:%.c=build/san/%.o)
UNIT_SRCS = $(sort $(wildcard tests/unit/*.c))

# Debian packages: what the build needs, and what the tests use.
BUILD_DEBS = build-essential pkg-config libyaml-dev libcmark-gfm-dev libcmark-gfm-extensions-dev \
             libxml2-dev libxslt1-dev libhpdf-dev libfontconfig-dev libharfbuzz-dev libunibreak-dev \
             libqrencode-dev fonts-arphic-ukai fonts-arphic-uming fonts-wqy-zenhei
TEST_DEBS  = libcmocka-dev libxml2-utils valgrind poppler-utils qpdf zbar-tools default-jre-headless \
             chromium nodejs npm hugo

.PHONY: all run test check-content deps deps-test install uninstall clean bench units e2e valgrind

all: qbpress

qbpress: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(QB_LIBS)

build/%.o: %.c $(wildcard generator/*.h generator/render/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(QB_CFLAGS) $(CFLAGS) -c -o $@ $<

build/san/%.o: %.c $(wildcard generator/*.h generator/render/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(QB_CFLAGS) -O1 -g $(SAN_FLAGS) -c -o $@ $<

build/qbpress-san: $(SAN_OBJS)
	$(CC) $(SAN_FLAGS) -o $@ $(SAN_OBJS) $(QB_LIBS)

build/unit-tests: $(UNIT_SRCS) $(filter-out build/san/generator/main.o,$(SAN_OBJS))
	$(CC) $(QB_CFLAGS) -O1 -g $(SAN_FLAGS) -Igenerator -o $@ $(UNIT_SRCS) \
	    $(filter-out build/san/generator/main.o,$(SAN_OBJS)) $(QB_LIBS) $(shell pkg-config --libs cmocka)

deps:
	@sh tests/deps.sh $(BUILD_DEBS)

deps-test:
	@sh tests/deps.sh $(BUILD_DEBS) $(TEST_DEBS)

run: deps
	@$(MAKE) --no-print-directory qbpress
	./qbpress build

test: deps-test
	@$(MAKE) --no-print-directory qbpress build/qbpress-san build/unit-tests
	@sh tests/run.sh

bench: deps-test qbpress
	@sh tests/bench.sh

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
