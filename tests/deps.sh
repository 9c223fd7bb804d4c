#!/bin/sh
# Installs the Debian packages given as arguments that are not installed yet.
# An argument COMMAND=PACKAGE installs PACKAGE only when COMMAND is not on
# the PATH (a tool that may come from elsewhere, like java or npm).
# As root it runs apt-get; otherwise it prints the one command to run.
missing=""
for p in "$@"; do
	case $p in
	*=*)
		command -v "${p%%=*}" >/dev/null 2>&1 || missing="$missing ${p#*=}"
		;;
	*)
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
			missing="$missing $p"
		fi
		;;
	esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "qbpress needs these Debian packages:$missing" >&2
	echo "run as root:  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; then
	apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $missing >/dev/null || {
		echo "apt-get could not install:$missing" >&2
		exit 1
	}
fi
