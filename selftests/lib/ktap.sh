# SPDX-License-Identifier: GPL-2.0-only
#
# ktap.sh: the KTAP results of the checks that run on the host (sourced).
# A check prints "KTAP version 1" and its "# suite:" line, then one
# result or skip per test, then calls ktap_end.  The counters n, passed,
# failed and skipped are the caller's globals; $out names the file whose
# last lines explain a failure (KTAP_DIAG_LINES of them, 40 by default,
# through the sed expression KTAP_DIAG_SED when set).

n=0 passed=0 failed=0 skipped=0

# result STATUS DESCRIPTION: ok when STATUS is 0 or empty (an exit status,
# or the reasons found, "; "-separated); otherwise not ok, with STATUS as
# a diagnostic line when it is words, then the tail of $out.
result()
{
	n=$((n + 1))
	case $1 in
	'' | 0)
		echo "ok $n $2"
		passed=$((passed + 1))
		return 0
		;;
	*[!0-9]*)
		echo "not ok $n $2"
		echo "# ${1#; }"
		;;
	*)
		echo "not ok $n $2"
		;;
	esac
	[ ! -s "${out:-}" ] ||
		tail -n "${KTAP_DIAG_LINES:-40}" "$out" |
		sed -e "${KTAP_DIAG_SED:-}" -e 's/^/# | /'
	failed=$((failed + 1))
}

# skip DESCRIPTION REASON
skip()
{
	n=$((n + 1))
	echo "ok $n $1 # SKIP $2"
	skipped=$((skipped + 1))
}

# ktap_end: the plan, then the counts: added to $KLP_TOTALS in a larger
# run, else "N passed, N failed, N skipped".  Its status is the verdict.
ktap_end()
{
	echo "1..$n"
	if [ -n "${KLP_TOTALS:-}" ]; then
		echo "$passed $failed $skipped" >>"$KLP_TOTALS"
	else
		echo "$passed passed, $failed failed, $skipped skipped"
	fi
	[ "$failed" -eq 0 ]
}
