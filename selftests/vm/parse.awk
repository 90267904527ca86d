# SPDX-License-Identifier: GPL-2.0-only
#
# Turns the result stream of one VM run (written by the guest's init to
# ttyS1) into KTAP, one document per suite, plus a "vm" document for what
# the host observed (boot, kernel console, completion).
#
# Variables: label (e.g. "stock 6.1"), console (path of the console log),
# stopped (why the host stopped the VM, empty if it stopped by itself),
# counts (file to write "passed failed skipped" to).
# Script conventions: see selftests/README.rst.

function add(status, name, diag) {
	n++
	st[n] = status; nm[n] = name; dg[n] = diag
}

function flush_suite(   i, line) {
	if (suite == "")
		return
	print "KTAP version 1"
	print "# suite: " suite " (" label ")"
	print "1.." n
	for (i = 1; i <= n; i++) {
		if (st[i] == "ok") {
			print "ok " i " " nm[i]; passed++
		} else if (st[i] == "skip") {
			print "ok " i " " nm[i] " # SKIP " dg[i]; skipped++
		} else {
			print "not ok " i " " nm[i]; failed++
			if (dg[i] != "")
				print dg[i]
		}
	}
	print ""
	n = 0; suite = ""
}

function diag(s) {
	return s == "" ? "" : ("# " s)
}

# Ends the script whose output is in out[1..nout]: one result per TEST line,
# then whatever the exit code or the kernel log adds.
function end_script(rc, secs,    i, k, line, m, name, status, cur, nt, nfail, d, base, tail) {
	base = script; sub(/\.sh$/, "", base)
	nt = 0; nfail = 0; cur = 0; pending = ""; nlast = 0
	for (i = 1; i <= nout; i++)
		if (out[i] ~ /^TEST: .* \.\.\. /)
			nlast = i
	for (i = 1; i <= nout; i++) {
		line = out[i]
		if (match(line, /^TEST: .* \.\.\. /)) {
			nt++
			name = substr(line, 7, RLENGTH - 11)
			status = substr(line, RSTART + RLENGTH)
			pending = ""
			if (status ~ /^[[:space:]]*$/ && i == nlast) {
				# Started, never finished: reported with the
				# script's fate below.
				pending = name; cur = 0
			} else if (status ~ /^ok[[:space:]]*$/) {
				add("ok", base ": " name, ""); cur = 0
			} else if (tolower(status) ~ /^skip/) {
				sub(/^[Ss][Kk][Ii][Pp][[:space:]:]*/, "", status)
				add("skip", base ": " name, status); cur = 0
			} else {
				sub(/^not ok[[:space:]]*/, "", status)
				add("fail", base ": " name, diag(status)); cur = n
				nfail++
			}
		} else if (cur) {
			# Diagnostics of the last failed test (the diff).
			dg[cur] = dg[cur] (dg[cur] == "" ? "" : "\n") diag(line)
		}
	}
	tail = ""
	k = (rc == "timeout" || rc == "") ? 60 : 15
	for (i = (nout > k ? nout - k + 1 : 1); i <= nout; i++)
		tail = tail (tail == "" ? "" : "\n") diag(out[i])
	if (pending != "")
		base = base ": " pending
	if (rc == "timeout") {
		add("fail", base ": timed out after " secs " s", tail)
		nfail++
	} else if (rc == "" ) {
		add("fail", base ": did not finish (" (stopped != "" ? stopped : "VM stopped") ")", tail)
		nfail++
	} else if (pending != "") {
		add("fail", base ": no result", tail)
		nfail++
	} else if (script == "setup.sh") {
		if (rc != 0)
			add("fail", base ": exited with " rc, tail)
	} else if (rc == 4 && nt == 0) {
		d = ""
		for (i = 1; i <= nout; i++)
			if (out[i] != "") d = out[i]
		add("skip", base, d)
	} else if (rc != 0 && rc != 4 && nfail == 0) {
		add("fail", base ": exited with " rc, tail)
	} else if (rc == 0 && nt == 0) {
		add("ok", base, "")
	}
	if (nkern) {
		d = ""
		for (i = 1; i <= nkern; i++)
			d = d (d == "" ? "" : "\n") diag(kern[i])
		add("fail", base ": kernel reported problems", d)
	}
	script = ""; nout = 0; nkern = 0
}

{ sub(/\r$/, "") }

/^@@KLP@@ BOOT / { booted = 1; release = $3; next }
/^@@KLP@@ SUITE-BEGIN / { flush_suite(); suite = $3; next }
/^@@KLP@@ SUITE-MISSING / { add("fail", "suite " $3 " not staged in the VM", ""); next }
/^@@KLP@@ SUITE-END / { flush_suite(); next }
/^@@KLP@@ SCRIPT-BEGIN / { script = $3; nout = 0; nkern = 0; next }
/^@@KLP@@ KERNEL / { kern[++nkern] = substr($0, 16); next }
/^@@KLP@@ SCRIPT-END / {
	rc = $4; sub(/^rc=/, "", rc); secs = $5; sub(/^secs=/, "", secs)
	busy = $6; sub(/^busy=/, "", busy)
	nend++
	if (busy != "")
		times = times sprintf("#   %-28s %4s s %4s s  %3d%%\n", suite "/" script,
				      host_secs(nend), secs, busy)
	end_script(rc, secs); next
}
/^@@KLP@@ DMESG-BEGIN/ { indmesg = 1; next }
/^@@KLP@@ DMESG-END/ { indmesg = 0; next }
/^@@KLP@@ DONE/ { done = 1; next }
/^@@KLP@@ CPULOG / { smplog = smplog (smplog == "" ? "" : "\n") diag("  " substr($0, 17)); next }
/^@@KLP@@ CPUS / {
	for (i = 3; i <= NF; i++) {
		if (split($i, kv, "=") == 2)
			cpus[kv[1]] = kv[2]
		else
			cpus["out"] = cpus["out"] (cpus["out"] == "" ? "" : " ") $i
	}
	next
}
/^\| / || /^\|$/ {
	if (!indmesg && script != "")
		out[++nout] = substr($0, 3)
	next
}

END {
	if (script != "")
		end_script("", "")
	flush_suite()

	# What the host saw on the console.
	suite = "vm"
	add(booted ? "ok" : "fail", "boot",
	    booted ? "" : diag("no boot marker" (stopped != "" ? ": " stopped : "")) "\n" console_tail())
	ncons = 0; d = ""
	injected = 0
	while ((getline line < console) > 0) {
		sub(/\r$/, "", line)
		# an allocation failure fail-nth.c asked for, up to the end
		# of its stack, and kmemleak's note that it could not
		# allocate its own bookkeeping (the guest's init skips them
		# the same way)
		if (line ~ /kmemleak: Cannot allocate a scan area/)
			continue
		if (line ~ / fail-nth: (vmalloc error|page allocation failure):/)
			injected = 1
		if (injected) {
			if (line ~ /<\/TASK>/)
				injected = 0
			continue
		}
		if (line ~ /Kernel panic|Oops[: ]|WARNING:|BUG:|Call Trace|general protection|INFO: task .* blocked|rcu: INFO|KASAN|UBSAN|kmemleak:|unreferenced object/) {
			if (++ncons <= 60)
				d = d (d == "" ? "" : "\n") diag(line)
		}
	}
	close(console)
	if (ncons > 60)
		d = d "\n# ... " (ncons - 60) " more"
	if (booted)
		add(ncons ? "fail" : "ok", "kernel console clean", d)
	if (booted && ("want" in cpus))
		cpu_tests()
	if (booted)
		add(done ? "ok" : "fail", "run completed",
		    done ? "" : diag(stopped != "" ? stopped : "VM stopped before the end") "\n" console_tail())
	flush_suite()
	printf "%s", cpuline
	if (times != "")
		printf "# time per script: host, guest clock, guest CPUs busy (the rest is sleep)\n%s", times
	print passed + 0, failed + 0, skipped + 0 > counts
}

# The guest's own check of its CPUs (vm/init's smp_check): all the vCPUs
# the host gave are online, and CPUs 0 and 1 run at the same time when
# each has a TCG thread (smp-check.c: its exit status says, its output
# is one line of "key=value", or an error as one word, "_" for spaces).
function cpu_tests(   w, h, d) {
	w = cpus["want"] + 0; h = cpus["have"] + 0
	add(h == w ? "ok" : "fail", w " vCPU" (w > 1 ? "s" : "") " online",
	    h == w ? "" : diag("the guest has " h " of the " w " vCPUs QEMU gave it; its log:") \
		(smplog == "" ? "" : "\n" smplog))
	if (w < 2 || h < 2)
		return
	if (cpus["tcg"] == "single") {
		add("skip", "vCPUs run in parallel", "one TCG thread serves them in turns (run.sh --tcg single)")
		return
	}
	if (!("seen" in cpus)) {
		d = cpus["out"]
		gsub(/_/, " ", d)
		add("fail", "vCPUs run in parallel", diag("smp-check exited with " cpus["rc"] ": " d))
		return
	}
	d = sprintf("CPUs 0 and 1 saw each other's count move at %d per million steps (%s %d, in round %d); two threads took %.2f times as long as one (%.2f s, %d steps each)",
		    cpus["ppm"], cpus["rc"] == 0 ? "parallel from" : "not parallel below", cpus["min"], cpus["rounds"],
		    cpus["two"] / (cpus["one"] > 0 ? cpus["one"] : 1), cpus["one"] / 1e6, cpus["steps"])
	add(cpus["rc"] == 0 ? "ok" : "fail", "vCPUs run in parallel", cpus["rc"] == 0 ? "" : diag(d))
	if (cpus["rc"] == 0)
		cpuline = "# " d "\n"
}

# Host seconds of the Nth script, from the arrival times of its markers
# that run.sh noted ("SECS @@KLP@@ SCRIPT-BEGIN|END ...").
function host_secs(n,    line, f, k, b, e) {
	if (!hostread) {
		hostread = 1
		while (hosttimes != "" && (getline line < hosttimes) > 0) {
			split(line, f, " ")
			if (f[3] == "SCRIPT-BEGIN")
				hbegin[++nhb] = f[1]
			else if (f[3] == "SCRIPT-END")
				hend[++nhe] = f[1]
		}
		close(hosttimes)
	}
	if (!(n in hbegin) || !(n in hend))
		return "?"
	return hend[n] - hbegin[n]
}

function console_tail(   line, i, k, buf, s) {
	k = 0
	while ((getline line < console) > 0) {
		sub(/\r$/, "", line)
		buf[++k % 25] = line
	}
	close(console)
	s = "# console (last lines):"
	for (i = (k > 25 ? k - 24 : 1); i <= k; i++)
		s = s "\n#   " buf[i % 25]
	return s
}
