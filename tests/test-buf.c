/* test-buf: struct buf growth, limits and detaching. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "test.h"

int
main(void)
{
	struct buf	 b;
	char		*s, big[1000];
	int		 i;

	buf_init(&b, BUF_NOLIMIT);
	CHECK_STR(buf_str(&b), "", "empty buffer is an empty string");
	CHECK(buf_add(&b, "abc", 3) == 0, "add fits");
	CHECK(buf_addc(&b, 'd') == 0, "addc fits");
	CHECK(buf_addf(&b, "%d-%s", 42, "x") == 0, "addf fits");
	CHECK_STR(buf_str(&b), "abcd42-x", "contents");
	CHECK(buf_len(&b) == 8, "length %zu", buf_len(&b));
	for (i = 0; i < 10000; i++)
		buf_addc(&b, 'y');
	CHECK(buf_len(&b) == 10008, "grows past many doublings");
	CHECK(buf_str(&b)[buf_len(&b)] == '\0', "always NUL-terminated");
	buf_truncate(&b, 3);
	CHECK_STR(buf_str(&b), "abc", "truncate");
	buf_truncate(&b, 10);
	CHECK_STR(buf_str(&b), "abc", "truncate longer is a no-op");
	s = buf_detach(&b);
	CHECK_STR(s, "abc", "detach");
	CHECK(buf_len(&b) == 0, "detach empties");
	free(s);
	s = buf_detach(&b);
	CHECK_STR(s, "", "detach of an empty buffer");
	free(s);

	/* A limit cuts, reports, and keeps what fits. */
	buf_init(&b, 10);
	memset(big, 'z', sizeof big);
	CHECK(buf_add(&b, "12345", 5) == 0, "under the limit");
	CHECK(!buf_toobig(&b), "not too big yet");
	CHECK(buf_add(&b, big, sizeof big) == -1, "over the limit fails");
	CHECK(buf_toobig(&b), "toobig is set");
	CHECK(buf_len(&b) == 10, "kept up to the limit: %zu", buf_len(&b));
	CHECK(buf_addc(&b, 'q') == -1, "full buffer refuses a byte");
	CHECK_STR(buf_str(&b), "12345zzzzz", "contents at the limit");
	buf_reset(&b);
	CHECK(!buf_toobig(&b) && buf_len(&b) == 0, "reset clears");
	buf_set_limit(&b, 2);
	CHECK(buf_adds(&b, "abc") == -1 && buf_len(&b) == 2, "new limit");
	buf_free(&b);

	buf_init(&b, 0);
	CHECK(buf_addc(&b, 'x') == -1 && buf_len(&b) == 0, "zero limit");
	CHECK_STR(buf_str(&b), "", "zero-limit buffer is empty");
	buf_free(&b);
	return test_exit("test-buf");
}
