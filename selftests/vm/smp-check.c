// SPDX-License-Identifier: GPL-2.0-only
/*
 * smp-check: do CPUs 0 and 1 of the guest run at the same time?
 *
 * Two threads, pinned to CPU 0 and CPU 1, each count in a variable of
 * its own and, at every step, read the other's.  When both CPUs run at
 * once, a thread sees the other's count move at about every step.  When
 * they take turns (one CPU, or two vCPUs served by one TCG thread), a
 * thread sees it move once per turn of thousands of steps, however busy
 * the host is: the share of steps that saw the other CPU move is the
 * measure.  The time of the two threads over that of one alone (a
 * second run of the thread on CPU 0) is printed too, for the record: it
 * is 1 on an idle host and 2 when the CPUs take turns, but a busy host
 * moves it.
 *
 * Prints "one=<us> two=<us> steps=<N> seen=<N> ppm=<seen per million
 * steps> rounds=<N> min=<ppm>"; exits 0 if the CPUs ran at the same time,
 * 2 if they did not, 1 if a thread could not run on its CPU.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * Each count on a cache line of its own.  Relaxed atomic accesses: a
 * load or a store at every step, no more.
 */
static struct {
	unsigned long n;
	char pad[120];
} count[2];
static int ready, go;

#define LOAD(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define STORE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_RELAXED)

struct spinner {
	int cpu, wait;
	unsigned long steps, seen;
};

static void *spin(void *p)
{
	struct spinner *s = p;
	unsigned long *mine = &count[s->cpu].n;
	unsigned long *other = &count[!s->cpu].n;
	unsigned long i, last, now;
	cpu_set_t set;
	int err;

	CPU_ZERO(&set);
	CPU_SET(s->cpu, &set);
	err = pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
	if (err) {
		fprintf(stderr, "smp-check: cannot run on CPU %d: %s\n",
			s->cpu, strerror(err));
		exit(1);
	}
	if (s->wait) {
		__atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
		while (!LOAD(go))
			;
	}
	last = LOAD(*other);
	s->seen = 0;
	for (i = 0; i < s->steps; i++) {
		STORE(*mine, i + 1);
		now = LOAD(*other);
		if (now != last) {
			s->seen++;
			last = now;
		}
	}
	return NULL;
}

static long usecs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

/* One thread on CPU 0, or two on CPUs 0 and 1; returns microseconds. */
static long run(int threads, unsigned long steps, struct spinner *s)
{
	pthread_t t[2];
	long start;
	int i;

	STORE(ready, 0);
	STORE(go, 0);
	for (i = 0; i < threads; i++) {
		s[i] = (struct spinner){ .cpu = i, .wait = 1, .steps = steps };
		if (pthread_create(&t[i], NULL, spin, &s[i])) {
			perror("smp-check: pthread_create");
			exit(1);
		}
	}
	while (LOAD(ready) < threads)
		sched_yield();
	start = usecs();
	STORE(go, 1);
	for (i = 0; i < threads; i++)
		pthread_join(t[i], NULL);
	return usecs() - start;
}

/*
 * Seen per million steps for "at the same time": one TCG thread switches
 * vCPUs about every millisecond, which makes a few per million; two that
 * run at once make thousands.
 */
#define PARALLEL_PPM 100
#define ROUNDS 10

int main(void)
{
	unsigned long steps = 1UL << 16, seen = 0, ppm = 0;
	struct spinner s[2];
	long one, two = 0;
	int round;

	/* About a quarter of a second for one thread. */
	while ((one = run(1, steps, s)) < 250000 && steps < 1UL << 34)
		steps *= 2;
	/*
	 * A busy host may keep both vCPU threads on one of its CPUs for a
	 * while: a few more rounds give it the time to spread them.
	 */
	for (round = 1; round <= ROUNDS && ppm < PARALLEL_PPM; round++) {
		two = run(2, steps, s);
		seen = s[0].seen + s[1].seen;
		ppm = seen * 1000000.0 / (2.0 * steps);
	}
	printf("one=%ld two=%ld steps=%lu seen=%lu ppm=%lu rounds=%d min=%d\n",
	       one, two, steps, seen, ppm, round - 1, PARALLEL_PPM);
	return ppm >= PARALLEL_PPM ? 0 : 2;
}
