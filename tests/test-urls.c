/*
 * test-urls: the newsboat urls format.  A table of list texts with the
 * entries and warnings each must give; lines built at run time (too long,
 * too many tags); urls_add, urls_is_command; and saving and loading in a
 * temporary directory, including the ways a save can fail.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "test.h"
#include "test-list.h"
#include "urls.h"
#include "xmalloc.h"

#define NAME	"urls"		/* what messages call the list */
#define MAXW	4
#define NUL_TEXT "http://a.example/ x\0y\nhttp://b.example/\n"

struct ucase {
	const char	*name;
	const char	*text;
	size_t		 len;		/* 0: strlen(text) */
	const char	*want;		/* dump of the entries */
	size_t		 nwarn;
	const char	*warn[MAXW];	/* substrings of each warning */
};

static void	 check_warnings(const char *, struct warnings *, size_t,
		    const char *const *);
static void	 test_table(void);
static void	 test_built(void);
static void	 test_add(void);
static void	 test_is_command(void);
static void	 test_save_load(void);
static void	 test_save_fails(const char *);
static void	 test_load_fails(const char *);
static char	*read_file(const char *);
static void	 write_file(const char *, const char *, size_t);
static int	 dir_entries(const char *);
static void	 rm_rf(const char *);

static const struct ucase cases[] = {
	{ "empty file", "", 0, "", 0, { NULL } },
	{ "only blank lines", "\n\n  \t\n", 0, "", 0, { NULL } },
	{ "one bare URL, no newline", "http://a.example/feed", 0,
	  "http://a.example/feed\n", 0, { NULL } },
	{ "comments",
	  "# a comment\n"
	  "   # an indented comment\n"
	  "http://a.example/ news # the rest is a comment \"x\"\n"
	  "http://b.example/#fragment tag#1 #comment\n",
	  0,
	  "http://a.example/ [news]\n"
	  "http://b.example/#fragment [tag#1]\n", 0, { NULL } },
	{ "tags and quotes",
	  "http://a.example/ news \"tag with space\"\ttech  \"#hash\"\n",
	  0, "http://a.example/ [news] [tag with space] [tech] [#hash]\n",
	  0, { NULL } },
	{ "titles in every form",
	  "http://a.example/ ~\"My Title\" x\n"
	  "http://b.example/ \"~Newsboat Title\"\n"
	  "http://c.example/ ~Plain\n"
	  "http://d.example/ ~\"First\" ~\"Last wins\"\n"
	  "http://e.example/ ~ ~\"\"\n"
	  "http://f.example/ \"\\~not a title\"\n",
	  0,
	  "http://a.example/ [x] ~[My Title]\n"
	  "http://b.example/ ~[Newsboat Title]\n"
	  "http://c.example/ ~[Plain]\n"
	  "http://d.example/ ~[Last wins]\n"
	  "http://e.example/\n"
	  "http://f.example/ [~not a title]\n", 0, { NULL } },
	{ "escapes inside quotes",
	  "http://a.example/ \"say \\\"hi\\\"\" \"back\\\\slash\" "
	  "\"tab\\there\" \"unterminated tag\n",
	  0,
	  "http://a.example/ [say \"hi\"] [back\\slash] [tab here] "
	  "[unterminated tag]\n", 0, { NULL } },
	{ "quoted URL",
	  "\"http://a.example/q?x=1\" t\n", 0,
	  "http://a.example/q?x=1 [t]\n", 0, { NULL } },
	{ "CRLF line ends",
	  "http://a.example/ one \"two\"\r\n# c\r\n\r\nhttp://b.example/\r\n",
	  0, "http://a.example/ [one] [two]\nhttp://b.example/\n",
	  0, { NULL } },
	{ "byte order mark",
	  "\xEF\xBB\xBFhttp://a.example/ t\n", 0, "http://a.example/ [t]\n",
	  0, { NULL } },
	{ "hidden-feed marker kept as a tag",
	  "http://a.example/ ! !hidden \"!quoted\"\n", 0,
	  "http://a.example/ [!] [!hidden] [!quoted]\n", 0, { NULL } },
	{ "repeated tags once",
	  "http://a.example/ a b a \"b\" \"\"\n", 0,
	  "http://a.example/ [a] [b]\n", 0, { NULL } },
	{ "schemes in any case, file accepted",
	  "HTTPS://A.example/\nfile:///home/u/feed.xml local\n", 0,
	  "HTTPS://A.example/\nfile:///home/u/feed.xml [local]\n",
	  0, { NULL } },
	{ "commands refused",
	  "exec:~/bin/news.sh t\n"
	  "filter:~/bin/f.sh:http://a.example/\n"
	  "\"|curl x | sh\"\n"
	  "| cat\n"
	  "http://ok.example/\n"
	  "EXEC:true\n",
	  0, "http://ok.example/\n", 5,
	  { NAME ":1: refused: tidings never runs commands from a feed "
	    "list", NAME ":2: refused", NAME ":3: refused",
	    NAME ":4: refused" } },
	{ "query feeds skipped",
	  "\"query:Unread Articles:unread = \\\"yes\\\"\" tag\n"
	  "http://a.example/\n", 0, "http://a.example/\n", 1,
	  { NAME ":1: a newsboat query feed is not a feed URL" } },
	{ "unsupported schemes",
	  "ftp://a.example/\ngopher://b\nhttp:/c\nhttps://\n"
	  "\"~Title where the URL goes\"\njavascript:alert(1)\n"
	  "http://ok.example/\n", 0, "http://ok.example/\n", 6,
	  { NAME ":1: unsupported URL scheme", NAME ":2: unsupported",
	    NAME ":3: unsupported", NAME ":4: unsupported" } },
	{ "URL with a space or a control character",
	  "\"http://a b.example/\"\n\"http://c.example/\\n\"\n"
	  "http://e.example/\x1b[0m\n"
	  "http://f.example/\xE2\x80\xAEgpj.exe\n", 0, "", 4,
	  { NAME ":1: the URL holds spaces or control characters",
	    NAME ":2: the URL", NAME ":3: the URL", NAME ":4: the URL" } },
	{ "duplicates: the first wins",
	  "http://a.example/ one\nhttp://b.example/\n"
	  "http://a.example/ two ~\"T\"\n", 0,
	  "http://a.example/ [one]\nhttp://b.example/\n", 1,
	  { NAME ":3: http://a.example/ is already in the list" } },
	{ "invalid UTF-8 skips the line",
	  "http://a.example/ \xff\xfe\n"
	  "http://b.example/ caf\xc3\xa9\n"
	  "http://c.example/ \xed\xa0\x80\n"
	  "http://d.example/ \xc0\xaf\n", 0,
	  "http://b.example/ [caf\xc3\xa9]\n", 3,
	  { NAME ":1: the line is not valid UTF-8", NAME ":3: the line",
	    NAME ":4: the line" } },
	{ "NUL byte skips the line", NUL_TEXT, sizeof NUL_TEXT - 1,
	  "http://b.example/\n", 1, { NAME ":1: the line is not valid" } },
	{ "hostile tags and titles are sanitised",
	  "http://a.example/ \"a\x1b[31mb\" \"bi\xE2\x80\xAE" "di\" "
	  "~\"  spaced   out\x07 \"\n", 0,
	  "http://a.example/ [a[31mb] [bidi] ~[spaced out]\n", 0,
	  { NULL } },
};

static void
check_warnings(const char *what, struct warnings *w, size_t n,
    const char *const *subs)
{
	size_t	 i;

	CHECK(w->n == n, "%s: %zu warnings, want %zu", what, w->n, n);
	for (i = 0; i < MAXW && i < w->n && subs[i] != NULL; i++)
		CHECK(strstr(w->msg[i], subs[i]) != NULL,
		    "%s: warning \"%s\" lacks \"%s\"", what, w->msg[i],
		    subs[i]);
	warnings_free(w);
}

static void
test_table(void)
{
	const struct ucase	*c;
	struct warnings		 w = { { NULL }, 0 };
	struct urls		*list;
	char			*got;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		c = &cases[i];
		list = urls_parse(c->text, c->len ? c->len : strlen(c->text),
		    NAME, collect, &w);
		got = dump(list);
		CHECK_STR(got, c->want, c->name);
		check_warnings(c->name, &w, c->nwarn, c->warn);
		free(got);
		urls_free(list);
	}

	/* No warning function: bad lines are still skipped. */
	list = urls_parse("exec:x\nhttp://a.example/\n", 24, NAME, NULL,
	    NULL);
	CHECK(list->n == 1, "skips without a warning function");
	urls_free(list);
}

/* Lines too big to write in the table. */
static void
test_built(void)
{
	struct warnings	 w = { { NULL }, 0 };
	struct buf	 b;
	struct urls	*list;
	char		*got;
	const char	*subs[MAXW] = { NULL };
	int		 i;

	buf_init(&b, BUF_NOLIMIT);
	buf_adds(&b, "http://long.example/ ");
	for (i = 0; i < 70000; i++)
		buf_addc(&b, 'x');
	buf_adds(&b, "\nhttp://b.example/\n");
	list = urls_parse(buf_str(&b), buf_len(&b), NAME, collect, &w);
	got = dump(list);
	CHECK_STR(got, "http://b.example/\n", "a line over 64 KiB is skipped");
	subs[0] = NAME ":1: the line is longer than 64 KiB";
	check_warnings("long line", &w, 1, subs);
	free(got);
	urls_free(list);

	/* Exactly 64 KiB is still a line. */
	buf_reset(&b);
	buf_adds(&b, "http://edge.example/ ");
	while (buf_len(&b) < 64 * 1024)
		buf_addc(&b, 'y');
	list = urls_parse(buf_str(&b), buf_len(&b), NAME, collect, &w);
	CHECK(list->n == 1 && list->entries[0].ntags == 1 &&
	    strlen(list->entries[0].tags[0]) == 64 * 1024 - 21,
	    "a 64 KiB line is read");
	check_warnings("64 KiB line", &w, 0, subs);
	urls_free(list);

	buf_reset(&b);
	buf_adds(&b, "http://tags.example/");
	for (i = 0; i < 300; i++)
		buf_addf(&b, " t%d", i);
	list = urls_parse(buf_str(&b), buf_len(&b), NAME, collect, &w);
	CHECK(list->n == 1 && list->entries[0].ntags == 256,
	    "tags are capped at 256");
	subs[0] = NAME ":1: more than 256 tags";
	check_warnings("many tags", &w, 1, subs);
	urls_free(list);

	/* Many feeds: duplicates are found without quadratic time. */
	buf_reset(&b);
	for (i = 0; i < 50000; i++)
		buf_addf(&b, "http://many.example/%d\n", i % 40000);
	list = urls_parse(buf_str(&b), buf_len(&b), NAME, collect, &w);
	CHECK(list->n == 40000, "many feeds: %zu", list->n);
	CHECK(w.n == 10000, "many duplicates: %zu", w.n);
	warnings_free(&w);
	urls_free(list);
	buf_free(&b);
}

static void
test_add(void)
{
	struct urls	*list;
	char		 url[] = "http://a.example/", title[] = "Title";
	char		 tag[] = "tag", *tags[] = { tag };

	list = xcalloc(1, sizeof *list);
	CHECK(urls_add(list, url, title, tags, 1) == 0, "add");
	CHECK(urls_add(list, "http://b.example/", NULL, NULL, 0) == 0,
	    "add without title or tags");
	CHECK(urls_add(list, "http://a.example/", "Other", NULL, 0) == -1,
	    "add of a present URL");
	url[7] = 'X';
	title[0] = 'X';
	tag[0] = 'X';
	CHECK(list->n == 2, "two entries");
	CHECK_STR(list->entries[0].url, "http://a.example/", "url copied");
	CHECK_STR(list->entries[0].title, "Title", "title copied");
	CHECK(list->entries[0].ntags == 1, "one tag");
	CHECK_STR(list->entries[0].tags[0], "tag", "tag copied");
	CHECK(list->entries[1].title == NULL && list->entries[1].ntags == 0,
	    "no title, no tags");
	urls_free(list);
	urls_free(NULL);
}

static void
test_is_command(void)
{
	static const struct {
		const char	*url;
		int		 want;
	} rows[] = {
		{ "exec:~/bin/x", 1 },
		{ "EXEC:x", 1 },
		{ "filter:f.sh:http://a/", 1 },
		{ "Filter:f", 1 },
		{ "|cmd", 1 },
		{ "  \t|cmd", 1 },
		{ " exec:x", 1 },
		{ "http://a.example/", 0 },
		{ "https://a.example/exec:x|y", 0 },
		{ "executive:x", 0 },
		{ "filtered:x", 0 },
		{ "query:a:b", 0 },
		{ "", 0 },
	};
	size_t	 i;

	for (i = 0; i < sizeof rows / sizeof *rows; i++)
		CHECK(urls_is_command(rows[i].url) == rows[i].want,
		    "urls_is_command(\"%s\") != %d", rows[i].url,
		    rows[i].want);
	CHECK(urls_is_command(NULL) == 0, "urls_is_command(NULL)");
}

static char *
read_file(const char *path)
{
	struct buf	 b;
	FILE		*f;
	char		 chunk[4096];
	size_t		 n;

	buf_init(&b, BUF_NOLIMIT);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b);
}

static void
write_file(const char *path, const char *s, size_t len)
{
	FILE	*f;

	if ((f = fopen(path, "wb")) == NULL) {
		CHECK(0, "cannot write %s", path);
		return;
	}
	fwrite(s, 1, len, f);
	fclose(f);
}

/* The number of names in dir, but . and .. */
static int
dir_entries(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
test_save_load(void)
{
	static const char *const tags1[] = {
		"news", "with space", "quo\"te", "back\\slash", "#hash",
		"~tilde", "!hidden", "comma,tag", "caf\xc3\xa9", "end\\"
	};
	static const char *const tags2[] = { "solo" };
	struct warnings	 w = { { NULL }, 0 };
	struct urls	*list, *back;
	struct stat	 st;
	char		 tmpl[] = "/tmp/test-urls.XXXXXX", *dir, *path, *tmp;
	char		*want, *got, *text, *link, *cause = NULL;
	const char	*subs[MAXW] = { NULL };

	if ((dir = mkdtemp(tmpl)) == NULL) {
		CHECK(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	path = xprintf("%s/urls", dir);

	list = xcalloc(1, sizeof *list);
	urls_add(list, "https://a.example/feed?x=1&y=2", "Title \"q\" \\ x",
	    (char *const *)tags1, sizeof tags1 / sizeof *tags1);
	urls_add(list, "http://b.example/", NULL, NULL, 0);
	urls_add(list, "http://c.example/#frag", "~starts with tilde",
	    (char *const *)tags2, 1);
	urls_add(list, "file:///srv/feed.xml", "#not a comment", NULL, 0);
	CHECK(urls_save(list, path, &cause) == 0, "save: %s",
	    cause ? cause : "");
	free(cause);
	cause = NULL;

	text = read_file(path);
	CHECK(text != NULL && strncmp(text,
	    "# tidings feed list (newsboat urls format)\n", 43) == 0,
	    "header comment");
	CHECK(text != NULL && strstr(text, "http://b.example/\n") != NULL,
	    "bare URL line");
	CHECK(text != NULL && strstr(text, " \"with space\" ") != NULL,
	    "tag with a space quoted");
	CHECK(text != NULL && strstr(text, " \"~Title \\\"q\\\" \\\\ x\"\n")
	    != NULL, "title written newsboat's way");
	CHECK(text != NULL && strstr(text, " \"\\~tilde\" ") != NULL,
	    "tag with a tilde escaped");
	free(text);
	CHECK(dir_entries(dir) == 1, "no temporary file left");

	back = urls_load(path, 0, collect, &w, &cause);
	CHECK(back != NULL, "load: %s", cause ? cause : "");
	check_warnings("round trip", &w, 0, subs);
	want = dump(list);
	got = back != NULL ? dump(back) : NULL;
	CHECK_STR(got, want, "save and load round trip");
	free(want);
	free(got);
	urls_free(back);

	/* Saving again replaces the file and keeps its mode. */
	chmod(path, 0600);
	urls_add(list, "https://d.example/", "D", NULL, 0);
	CHECK(urls_save(list, path, &cause) == 0, "save again");
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "mode kept: %o", (unsigned)st.st_mode & 0777);
	back = urls_load(path, 0, collect, &w, &cause);
	CHECK(back != NULL && back->n == 5, "saved again");
	urls_free(back);
	check_warnings("save again", &w, 0, subs);

	/* Through a symbolic link, the link stays and its target changes. */
	link = xprintf("%s/link", dir);
	CHECK(symlink("urls", link) == 0, "symlink");
	urls_add(list, "https://e.example/", NULL, NULL, 0);
	CHECK(urls_save(list, link, &cause) == 0, "save through a link");
	CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "link kept");
	back = urls_load(path, 0, NULL, NULL, &cause);
	CHECK(back != NULL && back->n == 6, "link target written");
	urls_free(back);
	unlink(link);
	free(link);

	/* A missing file. */
	tmp = xprintf("%s/missing", dir);
	back = urls_load(tmp, 1, collect, &w, &cause);
	CHECK(back != NULL && back->n == 0, "missing file, missing_ok");
	urls_free(back);
	back = urls_load(tmp, 0, collect, &w, &cause);
	CHECK(back == NULL, "missing file is an error");
	CHECK(cause != NULL && strstr(cause, tmp) != NULL &&
	    strstr(cause, ": cannot read the feed list: ") != NULL &&
	    strchr(cause, '\n') == NULL, "missing file cause: %s",
	    cause ? cause : "(none)");
	free(cause);
	cause = NULL;
	free(tmp);

	/* A file that reports bad lines by path:line. */
	tmp = xprintf("%s/bad", dir);
	write_file(tmp, "http://a.example/\r\nexec:x\r\n", 27);
	back = urls_load(tmp, 0, collect, &w, &cause);
	CHECK(back != NULL && back->n == 1, "bad line in a file");
	urls_free(back);
	CHECK(w.n == 1 && w.msg[0] != NULL &&
	    strncmp(w.msg[0], tmp, strlen(tmp)) == 0 &&
	    strncmp(w.msg[0] + strlen(tmp), ":2: ", 4) == 0,
	    "warning names the file and line");
	warnings_free(&w);
	unlink(tmp);
	free(tmp);

	test_load_fails(dir);
	test_save_fails(dir);

	urls_free(list);
	free(path);
	rm_rf(dir);
}

static void
test_load_fails(const char *dir)
{
	char	*cause = NULL, *big, *path;
	size_t	 len = 16 * 1024 * 1024 + 1;

	/* A directory. */
	CHECK(urls_load(dir, 1, NULL, NULL, &cause) == NULL,
	    "loading a directory fails");
	CHECK(cause != NULL && strstr(cause, dir) != NULL, "cause: %s",
	    cause ? cause : "(none)");
	free(cause);
	cause = NULL;

	/* Over the 16 MiB cap. */
	path = xprintf("%s/big", dir);
	big = xmalloc(len);
	memset(big, '#', len);
	write_file(path, big, len);
	free(big);
	CHECK(urls_load(path, 0, NULL, NULL, &cause) == NULL,
	    "a list over 16 MiB is refused");
	CHECK(cause != NULL && strstr(cause, path) != NULL, "cause: %s",
	    cause ? cause : "(none)");
	free(cause);
	unlink(path);
	free(path);
}

static void
test_save_fails(const char *dir)
{
	struct urls	*list;
	char		*path, *cause = NULL, *sub, *file;

	list = xcalloc(1, sizeof *list);
	urls_add(list, "http://a.example/", NULL, NULL, 0);

	/* A missing directory. */
	path = xprintf("%s/no/such/dir/urls", dir);
	CHECK(urls_save(list, path, &cause) == -1,
	    "save into a missing directory fails");
	CHECK(cause != NULL && strstr(cause, path) != NULL &&
	    strstr(cause, "cannot save the feed list") != NULL &&
	    strchr(cause, '\n') == NULL, "cause: %s",
	    cause ? cause : "(none)");
	free(cause);
	cause = NULL;
	free(path);

	/* The rename fails (a directory is in the way): no temp file left. */
	sub = xprintf("%s/sub", dir);
	mkdir(sub, 0755);
	path = xprintf("%s/urls", sub);
	mkdir(path, 0755);
	file = xprintf("%s/x", path);
	write_file(file, "x", 1);
	free(file);
	CHECK(urls_save(list, path, &cause) == -1,
	    "save over a directory fails");
	CHECK(cause != NULL && strstr(cause, path) != NULL, "cause: %s",
	    cause ? cause : "(none)");
	free(cause);
	cause = NULL;
	CHECK(dir_entries(sub) == 1, "temporary file removed");
	free(path);

	/* A read-only directory (root writes anyway, so not as root). */
	if (geteuid() != 0) {
		chmod(sub, 0555);
		path = xprintf("%s/other", sub);
		CHECK(urls_save(list, path, &cause) == -1,
		    "save into a read-only directory fails");
		CHECK(cause != NULL && strstr(cause, path) != NULL,
		    "cause: %s", cause ? cause : "(none)");
		free(cause);
		cause = NULL;
		free(path);
		chmod(sub, 0755);
	}
	free(sub);
	urls_free(list);
}

/* Removes the test's directory tree. */
static void
rm_rf(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		*p;

	if ((d = opendir(dir)) == NULL) {
		unlink(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = xprintf("%s/%s", dir, de->d_name);
		if (unlink(p) != 0)
			rm_rf(p);
		free(p);
	}
	closedir(d);
	rmdir(dir);
}

int
main(void)
{
	test_table();
	test_built();
	test_add();
	test_is_command();
	test_save_load();
	return test_exit("test-urls");
}
