// SPDX-License-Identifier: GPL-2.0-only
/*
 * fail-nth: run one command of the livepatch tests with the Nth fault
 * of this task injected (Documentation/fault-injection: the task's
 * /proc/thread-self/fail-nth; with failslab, its Nth slab allocation
 * fails).
 *
 *   fail-nth N insmod FILE [PARAM...]   finit_module() of FILE
 *   fail-nth N write FILE TEXT          one write() of TEXT to FILE
 *   fail-nth N rmmod NAME               delete_module() of NAME
 *
 * N "-": the command sets the count itself (the parameter fault=N of
 * the selftest modules, selftests/state/test_klp_state_fault.h); this
 * reads and clears it afterwards all the same.
 *
 * The command is a system call made from here: a shell would exec the
 * tool first, and exec allocates.  Everything but the call itself (the
 * module file opened, the parameters joined, the fail-nth file opened)
 * is done before the count is armed, so the faults counted are the
 * call's own.
 *
 * Prints "fail-nth: injected" when the Nth fault came within the call,
 * "fail-nth: not reached, L left" when the call made N - L < N; then, when
 * the call failed, the error as insmod or the shell would print it.
 * Exits 0 when the call succeeded, 1 when it failed, 2 on bad usage or
 * when fault injection is not there.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int print_usage(void)
{
	fprintf(stderr, "usage: fail-nth N|- insmod FILE [PARAM...] | N write FILE TEXT | N rmmod NAME\n");
	return 2;
}

/* The parameters of insmod, joined by spaces. */
static char *join(int argc, char **argv)
{
	size_t len = 1;
	char *s;
	int i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	s = calloc(1, len);
	if (!s)
		return NULL;
	for (i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

int main(int argc, char **argv)
{
	int nth_fd, fd = -1, err = 0;
	char *params = NULL, *end, left[16];
	const char *what;
	unsigned long n;
	ssize_t len;
	long ret;

	if (argc < 4)
		return print_usage();
	n = strcmp(argv[1], "-") ? strtoul(argv[1], &end, 10) : 0;
	if (n ? *end != '\0' : strcmp(argv[1], "-"))
		return print_usage();
	what = argv[2];
	if (!n && strcmp(what, "insmod"))
		return print_usage();
	if (!strcmp(what, "insmod")) {
		fd = open(argv[3], O_RDONLY | O_CLOEXEC);
		params = join(argc - 4, argv + 4);
		if (fd < 0 || !params) {
			perror(argv[3]);
			return 2;
		}
	} else if (!strcmp(what, "write") && argc == 5) {
		fd = open(argv[3], O_WRONLY | O_CLOEXEC);
		if (fd < 0) {
			perror(argv[3]);
			return 2;
		}
	} else if (strcmp(what, "rmmod") || argc != 4) {
		return print_usage();
	}
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (nth_fd < 0) {
		perror("/proc/thread-self/fail-nth (CONFIG_FAULT_INJECTION)");
		return 2;
	}
	len = snprintf(left, sizeof(left), "%lu", n);
	if (n && write(nth_fd, left, len) != len) {
		perror("/proc/thread-self/fail-nth");
		return 2;
	}

	if (!strcmp(what, "insmod"))
		ret = syscall(SYS_finit_module, fd, params, 0);
	else if (!strcmp(what, "write"))
		ret = write(fd, argv[4], strlen(argv[4]));
	else
		ret = syscall(SYS_delete_module, argv[3], O_NONBLOCK);
	if (ret < 0)
		err = errno;

	/* 0: the fault was injected; otherwise the count still left */
	len = pread(nth_fd, left, sizeof(left) - 1, 0);
	left[len > 0 ? len : 0] = '\0';
	if (write(nth_fd, "0", 1) != 1)
		perror("/proc/thread-self/fail-nth");
	n = strtoul(left, NULL, 10);
	if (n)
		printf("fail-nth: not reached, %lu left\n", n);
	else
		printf("fail-nth: injected\n");
	fflush(stdout);
	if (!err)
		return 0;
	if (!strcmp(what, "insmod"))
		fprintf(stderr, "insmod: ERROR: could not insert module %s: %s\n",
			argv[3], strerror(err));
	else if (!strcmp(what, "write"))
		fprintf(stderr, "write error: %s\n", strerror(err));
	else
		fprintf(stderr, "rmmod: ERROR: could not remove module %s: %s\n",
			argv[3], strerror(err));
	return 1;
}
