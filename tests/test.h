/*
 * Tiny shared harness for the table-driven unit tests: each check prints a
 * line on failure, and test_exit() turns the count into the exit status
 * automake expects (0 pass, 1 fail).
 */
#ifndef TIDINGS_TEST_H
#define TIDINGS_TEST_H

#include <stdio.h>
#include <string.h>

static int	test_failures;
static int	test_checks;

#define CHECK(cond, ...) do {						\
	test_checks++;							\
	if (!(cond)) {							\
		test_failures++;					\
		fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);	\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
	}								\
} while (0)

/* Compares two strings, either of which may be NULL. */
#define CHECK_STR(got, want, what) do {					\
	const char *g_ = (got), *w_ = (want);				\
	CHECK((g_ == NULL && w_ == NULL) ||				\
	    (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0),		\
	    "%s: got \"%s\", want \"%s\"", (what),			\
	    g_ ? g_ : "(null)", w_ ? w_ : "(null)");			\
} while (0)

static inline int
test_exit(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, test_checks,
	    test_failures);
	return test_failures == 0 ? 0 : 1;
}

#endif
