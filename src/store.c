/*
 * store.c owns the cache: the SQLite database of feeds, their articles,
 * read and star marks, earlier revisions of articles, and each article's
 * categories and enclosures.  It opens the file (WAL, a busy timeout;
 * triggers, not foreign keys, delete what depends on a row), numbers the
 * schema with PRAGMA user_version and migrates it forward, keeps every
 * statement prepared for the life of the handle, and writes one fetched
 * feed in one transaction.  Only store*.c contain SQL or include
 * sqlite3.h; every statement is fixed text with bound parameters (the
 * multi-row inserts of story_items are made once, by their row count).
 * A time of FEED_NOTIME is NULL in the database.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "buf.h"
#include "feed.h"
#include "i18n.h"
#include "revision.h"
#include "store.h"
#include "xmalloc.h"

#define STORE_BUSY_MS	5000	/* wait this long for another writer */
#define STORE_RETRY_MS	20	/* between tries to set a cache up */
#define STORE_STMT_SPILL	(4 << 20)	/* statement journal in memory */

/*
 * Migration i brings the schema from version i to version i + 1, and ends
 * by setting user_version to i + 1; each runs in its own transaction.
 * Append to this array; never change an entry that has been released.
 */
static const char *const migrations[] = {
	/* 0 to 1: the first schema. */
	"CREATE TABLE feeds ("
	"  id		INTEGER PRIMARY KEY,"
	"  url		TEXT NOT NULL UNIQUE,"
	"  title		TEXT,"
	"  link		TEXT,"
	"  self		TEXT,"
	"  description	TEXT,"
	"  language	TEXT,"
	"  author	TEXT,"
	"  format	TEXT,"
	"  updated	INTEGER,"
	"  ttl		INTEGER,"
	"  etag		TEXT,"
	"  last_modified	TEXT,"
	"  checked	INTEGER,"
	"  error_stage	TEXT,"
	"  error		TEXT,"
	"  gone		INTEGER NOT NULL DEFAULT 0,"
	"  moved_to	TEXT"
	");"
	"CREATE TABLE items ("
	"  id		INTEGER PRIMARY KEY,"
	"  feed_id	INTEGER NOT NULL"
	"		REFERENCES feeds (id) ON DELETE CASCADE,"
	"  key		TEXT NOT NULL,"
	"  title		TEXT,"
	"  link		TEXT,"
	"  author	TEXT,"
	"  summary	TEXT,"
	"  summary_html	INTEGER NOT NULL DEFAULT 0,"
	"  content	TEXT,"
	"  content_html	INTEGER NOT NULL DEFAULT 0,"
	"  published	INTEGER,"
	"  updated	INTEGER,"
	"  comments	TEXT,"
	"  thumbnail	TEXT,"
	"  duration	INTEGER,"
	"  first_seen	INTEGER NOT NULL,"
	"  last_seen	INTEGER NOT NULL,"
	"  read		INTEGER NOT NULL DEFAULT 0,"
	"  starred	INTEGER NOT NULL DEFAULT 0,"
	"  is_updated	INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (feed_id, key)"
	");"
	/*
	 * Only a per-feed date index: an index ordered by date across all
	 * feeds puts every feed's new rows on scattered pages, which made
	 * each feed's commit write ~95 pages (bench/refresh).  Lists across
	 * feeds sort instead.
	 */
	"CREATE INDEX items_feed_newest ON items"
	"  (feed_id, COALESCE(published, first_seen) DESC, id DESC);"
	/* seen: the old version's last sighting; replaced: when it changed. */
	"CREATE TABLE revisions ("
	"  id		INTEGER PRIMARY KEY,"
	"  item_id	INTEGER NOT NULL"
	"		REFERENCES items (id) ON DELETE CASCADE,"
	"  seen		INTEGER NOT NULL,"
	"  replaced	INTEGER NOT NULL,"
	"  title		TEXT,"
	"  summary	TEXT,"
	"  summary_html	INTEGER NOT NULL DEFAULT 0,"
	"  content	TEXT,"
	"  content_html	INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE INDEX revisions_item ON revisions (item_id, id);"
	"CREATE TABLE categories ("
	"  item_id	INTEGER NOT NULL"
	"		REFERENCES items (id) ON DELETE CASCADE,"
	"  position	INTEGER NOT NULL,"
	"  name		TEXT NOT NULL,"
	"  PRIMARY KEY (item_id, position)"
	") WITHOUT ROWID;"
	"CREATE TABLE enclosures ("
	"  item_id	INTEGER NOT NULL"
	"		REFERENCES items (id) ON DELETE CASCADE,"
	"  position	INTEGER NOT NULL,"
	"  url		TEXT,"
	"  type		TEXT,"
	"  length	INTEGER,"
	"  PRIMARY KEY (item_id, position)"
	") WITHOUT ROWID;"
	"PRAGMA user_version = 1;",
	/*
	 * 1 to 2: the reader.  The per-feed index now covers what the
	 * reader's rows hold, so 100,000 of them are read from the index
	 * alone (SQLite 3.40 does not cover with an indexed expression, so
	 * the dates are plain columns, and rows are sorted in C).  A partial
	 * index makes unread counts an index scan; new articles land in both
	 * by feed.  The full article fetched from the web page is kept for
	 * reading offline.
	 */
	"DROP INDEX items_feed_newest;"
	"CREATE INDEX items_feed_rows ON items"
	"  (feed_id, published, updated, first_seen, read, starred,"
	"  is_updated);"
	"CREATE INDEX items_unread ON items (feed_id) WHERE read = 0;"
	"ALTER TABLE items ADD COLUMN fulltext TEXT;"
	"PRAGMA user_version = 2;",
	/*
	 * 2 to 3: each feed's article and unread counts are kept with the
	 * feed, so the reader starts without counting 100,000 rows.  New
	 * articles are counted by store_update_feed, once a feed (a trigger
	 * would run once an article); a change of a read mark, from any
	 * statement, and a deletion are counted by triggers.  The partial
	 * index of unread articles only served those counts: it goes, and
	 * with it a fourth b-tree write for every article and every mark.
	 * Each feed also keeps the date of its newest article and how many
	 * have no published date, set by store_update_feed, so that the
	 * newest articles of many feeds are found without reading them all
	 * (see rows_top).
	 */
	"DROP INDEX items_unread;"
	"ALTER TABLE feeds ADD COLUMN total INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN newest INTEGER;"
	"ALTER TABLE feeds ADD COLUMN undated INTEGER NOT NULL DEFAULT 0;"
	"UPDATE feeds SET"
	"  total = (SELECT count(*) FROM items WHERE feed_id = feeds.id),"
	"  unread = (SELECT count(*) FROM items"
	"    WHERE feed_id = feeds.id AND read = 0),"
	"  newest = (SELECT max(COALESCE(published, updated, first_seen))"
	"    FROM items WHERE feed_id = feeds.id),"
	"  undated = (SELECT count(*) FROM items"
	"    WHERE feed_id = feeds.id AND published IS NULL);"
	"CREATE TRIGGER items_read_count AFTER UPDATE OF read ON items"
	"  WHEN (OLD.read = 0) <> (NEW.read = 0) BEGIN"
	"  UPDATE feeds SET unread = unread + (NEW.read = 0) - (OLD.read = 0)"
	"    WHERE id = NEW.feed_id;"
	"END;"
	"CREATE TRIGGER items_delete_count AFTER DELETE ON items BEGIN"
	"  UPDATE feeds SET total = total - 1, unread = unread - (OLD.read = 0)"
	"    WHERE id = OLD.feed_id;"
	"END;"
	"PRAGMA user_version = 3;",
	/*
	 * 3 to 4: ongoing stories and adaptive polling.  A story keeps its
	 * first and latest article's times, its article count (so lists
	 * skip single articles without a join) and whether it is followed;
	 * label_item is the central article whose title labels it.  An
	 * article's story is a row of story_items, a small table appended to
	 * as articles come (rewriting the article's wide row would cost as
	 * much as writing it); fresh marks one that joined a followed story,
	 * and with the article unread that is "new in a followed story".
	 * A feed's poll_interval comes from how often it publishes
	 * and its caching headers; next_due is checked + poll_interval.
	 * detected_lang: the language stories found in a feed that declares
	 * none, so that replays analyse its articles as they were.
	 */
	"CREATE TABLE stories ("
	"  id		INTEGER PRIMARY KEY,"
	"  label_item	INTEGER,"
	"  first		INTEGER NOT NULL,"
	"  latest	INTEGER NOT NULL,"
	"  articles	INTEGER NOT NULL DEFAULT 0,"
	"  followed	INTEGER NOT NULL DEFAULT 0,"
	"  created	INTEGER NOT NULL"
	");"
	"CREATE INDEX stories_latest ON stories (latest);"
	"CREATE INDEX stories_followed ON stories (id) WHERE followed = 1;"
	"CREATE TABLE story_items ("
	"  item_id	INTEGER PRIMARY KEY"
	"		REFERENCES items (id) ON DELETE CASCADE,"
	"  story_id	INTEGER NOT NULL"
	"		REFERENCES stories (id) ON DELETE CASCADE,"
	"  fresh		INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE INDEX story_items_story ON story_items (story_id);"
	"CREATE INDEX story_items_fresh ON story_items (item_id)"
	"  WHERE fresh = 1;"
	"ALTER TABLE feeds ADD COLUMN poll_interval INTEGER;"
	"ALTER TABLE feeds ADD COLUMN next_due INTEGER;"
	"ALTER TABLE feeds ADD COLUMN detected_lang TEXT;"
	"PRAGMA user_version = 4;",
	/*
	 * 4 to 5: the deletions that ON DELETE CASCADE made are made by
	 * triggers, and the store runs with foreign keys off.  Enforcing
	 * them cost a lookup of the parent row for every article, category,
	 * enclosure, revision and story membership written, all parents the
	 * same transaction has just written or read: 3.7% of the
	 * instructions of a refresh into an empty cache (bench/refresh).  A
	 * row deleted by hand or by another program still takes its
	 * dependants with it.
	 */
	"CREATE TRIGGER feeds_delete_items AFTER DELETE ON feeds BEGIN"
	"  DELETE FROM items WHERE feed_id = OLD.id;"
	"END;"
	"CREATE TRIGGER items_delete_children AFTER DELETE ON items BEGIN"
	"  DELETE FROM revisions WHERE item_id = OLD.id;"
	"  DELETE FROM categories WHERE item_id = OLD.id;"
	"  DELETE FROM enclosures WHERE item_id = OLD.id;"
	"  DELETE FROM story_items WHERE item_id = OLD.id;"
	"END;"
	"CREATE TRIGGER stories_delete_items AFTER DELETE ON stories BEGIN"
	"  DELETE FROM story_items WHERE story_id = OLD.id;"
	"END;"
	"PRAGMA user_version = 5;"
};
#define SCHEMA_VERSION	((int)(sizeof migrations / sizeof migrations[0]))

/* Every statement the store runs, prepared once in store_open. */
enum stmt {
	STMT_BEGIN,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_FEED_UPDATE,
	STMT_FEED_ID,
	STMT_FEED_CHECKED,
	STMT_FEED_GONE,
	STMT_FEED_MOVED,
	STMT_FEED_STATE,
	STMT_ITEM_FIND,
	STMT_FEED_HAS_ITEMS,
	STMT_ITEM_INSERT,
	STMT_ITEM_TOUCH,
	STMT_ITEM_REVISE,
	STMT_ITEM_REWRITE,
	STMT_REVISION_ADD,
	STMT_REVISION_PRUNE,
	STMT_REVISIONS,
	STMT_CATEGORY_LIST,
	STMT_CATEGORY_DELETE,
	STMT_CATEGORY_ADD,
	STMT_ENCLOSURE_LIST,
	STMT_ENCLOSURE_DELETE,
	STMT_ENCLOSURE_ADD,
	STMT_LIST,
	STMT_LIST_UNREAD,
	STMT_LIST_FEED,
	STMT_LIST_FEED_UNREAD,
	STMT_SET_READ,
	STMT_SET_STARRED,
	STMT_FEEDS,
	STMT_FEED_COUNT_NEW,
	STMT_ROWS,
	STMT_ROWS_FEEDS,
	STMT_ROWS_SEARCH,
	STMT_ROWS_FEEDS_SEARCH,
	STMT_ROWS_NEWEST,
	STMT_ROWS_NEWEST_FEEDS,
	STMT_ROWS_FEED_DATED,
	STMT_ROWS_FEED_UNDATED,
	STMT_ITEM_TITLE,
	STMT_ARTICLE,
	STMT_SET_FULLTEXT,
	STMT_FEED_DATES,
	STMT_ANY_FOLLOWED,
	STMT_FEED_FOLLOWED,
	STMT_FEED_SCHEDULE,
	STMT_STORY_NEW,
	STMT_STORY_NEXT,
	STMT_STORY_FOLLOWED,
	STMT_STORY_GROW,
	STMT_STORIES,
	STMT_STORY_ITEMS,
	STMT_ITEM_STORY,
	STMT_STORY_FOLLOW,
	STMT_STORY_UNFRESH,
	STMT_STORY_SET_READ,
	STMT_STORY_FRESH,
	STMT_STORY_NEWEST,
	STMT_STORY_HOT,
	STMT_FEED_SET_LANG,
	STMT_COUNT
};

/*
 * The item statements share their parameters: ?1 the feed (insert) or the
 * item (update), ?2 key, ?3 title, ?4 link, ?5 author, ?6 summary,
 * ?7 summary_html, ?8 content, ?9 content_html, ?10 published, ?11 updated,
 * ?12 comments, ?13 thumbnail, ?14 duration, ?15 the time of the check.
 */
#define ITEM_SET_META \
	"link = ?4, author = ?5, summary_html = ?7, content_html = ?9, " \
	"published = ?10, updated = ?11, comments = ?12, " \
	"thumbnail = ?13, duration = ?14, last_seen = ?15"

/*
 * The lists: ?1 feed URL, ?2 only updated, ?3 only starred, ?4 limit (-1
 * for none).  Unread and one feed get statements of their own so that
 * their indexes serve them.
 */
#define LIST_SELECT \
	"SELECT i.id, f.url, f.title, i.key, i.title, i.link, i.author, " \
	"i.published, i.updated, i.first_seen, i.last_seen, i.read, " \
	"i.starred, i.is_updated " \
	"FROM items i JOIN feeds f ON f.id = i.feed_id WHERE "
#define LIST_REST \
	" AND (?2 = 0 OR i.is_updated = 1) AND (?3 = 0 OR i.starred = 1) " \
	"ORDER BY COALESCE(i.published, i.updated, i.first_seen) DESC, " \
	"i.id DESC " \
	"LIMIT ?4"

/*
 * The reader's article index: compact rows with the date a reader would
 * give (published, else updated, else first seen), sorted in C: sorting
 * 100,000 rows in SQLite costs a temporary b-tree.  A search
 * (the _SEARCH statements) matches title, summary and texts with LIKE ?4.
 */
#define ROWS_SELECT \
	"SELECT id, published, updated, first_seen, feed_id, read, " \
	"starred, is_updated FROM items WHERE "
#define ROWS_REST \
	" AND (?1 = 0 OR read = 0) AND (?2 = 0 OR starred = 1) " \
	"AND (?3 = 0 OR is_updated = 1)"
/* Apart, because naming the texts makes SQLite read every whole row. */
#define ROWS_SEARCH \
	" AND (title LIKE ?4 ESCAPE '\\' OR summary LIKE ?4 ESCAPE '\\' " \
	"OR content LIKE ?4 ESCAPE '\\' OR fulltext LIKE ?4 ESCAPE '\\')"

static const char *const stmt_sql[STMT_COUNT] = {
	[STMT_BEGIN] = "BEGIN IMMEDIATE",
	[STMT_COMMIT] = "COMMIT",
	[STMT_ROLLBACK] = "ROLLBACK",
	[STMT_FEED_UPDATE] =
	    "INSERT INTO feeds (url, title, link, self, description, "
	    "language, author, format, updated, ttl, etag, last_modified, "
	    "checked) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
	    "ON CONFLICT (url) DO UPDATE SET title = excluded.title, "
	    "link = excluded.link, self = excluded.self, "
	    "description = excluded.description, "
	    "language = excluded.language, author = excluded.author, "
	    "format = excluded.format, updated = excluded.updated, "
	    "ttl = excluded.ttl, etag = excluded.etag, "
	    "last_modified = excluded.last_modified, "
	    "checked = excluded.checked, error_stage = NULL, error = NULL, "
	    "next_due = excluded.checked + COALESCE(poll_interval, 0)",
	[STMT_FEED_ID] = "SELECT id FROM feeds WHERE url = ?1",
	[STMT_FEED_CHECKED] =
	    "INSERT INTO feeds (url, checked, error_stage, error) "
	    "VALUES (?1, ?2, ?3, ?4) "
	    "ON CONFLICT (url) DO UPDATE SET checked = excluded.checked, "
	    "error_stage = excluded.error_stage, error = excluded.error, "
	    "next_due = excluded.checked + COALESCE(poll_interval, 0)",
	[STMT_FEED_GONE] =
	    "INSERT INTO feeds (url, gone) VALUES (?1, ?2) "
	    "ON CONFLICT (url) DO UPDATE SET gone = excluded.gone",
	[STMT_FEED_MOVED] =
	    "INSERT INTO feeds (url, moved_to) VALUES (?1, ?2) "
	    "ON CONFLICT (url) DO UPDATE SET moved_to = excluded.moved_to",
	[STMT_FEED_STATE] =
	    "SELECT etag, last_modified, checked, gone, moved_to, next_due "
	    "FROM feeds WHERE url = ?1",
	[STMT_FEED_HAS_ITEMS] =
	    "SELECT 1 FROM items WHERE feed_id = ?1 LIMIT 1",
	[STMT_ITEM_FIND] =
	    "SELECT id, title, summary, summary_html, content, content_html "
	    "FROM items WHERE feed_id = ?1 AND key = ?2",
	[STMT_ITEM_INSERT] =
	    "INSERT INTO items (feed_id, key, title, link, author, summary, "
	    "summary_html, content, content_html, published, updated, "
	    "comments, thumbnail, duration, first_seen, last_seen) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14, ?15, ?15)",
	[STMT_ITEM_TOUCH] =
	    "UPDATE items SET " ITEM_SET_META " WHERE id = ?1",
	[STMT_ITEM_REVISE] =
	    "UPDATE items SET title = ?3, summary = ?6, content = ?8, "
	    ITEM_SET_META ", is_updated = 1 WHERE id = ?1",
	/* A cosmetic change: the newest text, but no revision. */
	[STMT_ITEM_REWRITE] =
	    "UPDATE items SET title = ?3, summary = ?6, content = ?8, "
	    ITEM_SET_META " WHERE id = ?1",
	[STMT_REVISION_ADD] =
	    "INSERT INTO revisions (item_id, seen, replaced, title, summary, "
	    "summary_html, content, content_html) "
	    "SELECT id, last_seen, ?2, title, summary, summary_html, content, "
	    "content_html FROM items WHERE id = ?1",
	/*
	 * Keeps the ?2 newest revisions of item ?1: one seek in
	 * revisions_item finds the newest to drop, if there is one.
	 */
	[STMT_REVISION_PRUNE] =
	    "DELETE FROM revisions WHERE item_id = ?1 AND id <= "
	    "(SELECT id FROM revisions WHERE item_id = ?1 "
	    "ORDER BY id DESC LIMIT 1 OFFSET ?2)",
	[STMT_REVISIONS] =
	    "SELECT seen, replaced, title, summary, summary_html, content, "
	    "content_html FROM revisions WHERE item_id = ?1 "
	    "ORDER BY id DESC",
	[STMT_CATEGORY_LIST] =
	    "SELECT name FROM categories WHERE item_id = ?1 "
	    "ORDER BY position",
	[STMT_CATEGORY_DELETE] = "DELETE FROM categories WHERE item_id = ?1",
	[STMT_CATEGORY_ADD] =
	    "INSERT INTO categories (item_id, position, name) "
	    "VALUES (?1, ?2, ?3)",
	[STMT_ENCLOSURE_LIST] =
	    "SELECT url, type, length FROM enclosures WHERE item_id = ?1 "
	    "ORDER BY position",
	[STMT_ENCLOSURE_DELETE] = "DELETE FROM enclosures WHERE item_id = ?1",
	[STMT_ENCLOSURE_ADD] =
	    "INSERT INTO enclosures (item_id, position, url, type, length) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_LIST] = LIST_SELECT "1" LIST_REST,
	[STMT_LIST_UNREAD] = LIST_SELECT "i.read = 0" LIST_REST,
	[STMT_LIST_FEED] = LIST_SELECT "f.url = ?1" LIST_REST,
	[STMT_LIST_FEED_UNREAD] =
	    LIST_SELECT "f.url = ?1 AND i.read = 0" LIST_REST,
	[STMT_SET_READ] = "UPDATE items SET read = ?2 WHERE id = ?1",
	[STMT_SET_STARRED] = "UPDATE items SET starred = ?2 WHERE id = ?1",
	[STMT_FEEDS] =
	    "SELECT id, url, title, error_stage, error, gone, moved_to, "
	    "checked, total, unread, next_due FROM feeds",
	/*
	 * ?2 articles stored for the first time, all of them unread; the
	 * newest date and the undated count from the feed's own index range.
	 */
	[STMT_FEED_COUNT_NEW] =
	    "UPDATE feeds SET total = total + ?2, unread = unread + ?2, "
	    "(newest, undated) = (SELECT "
	    "max(COALESCE(published, updated, first_seen)), "
	    "count(*) FILTER (WHERE published IS NULL) "
	    "FROM items WHERE feed_id = ?1) WHERE id = ?1",
	/* ?1 unread only, ?2 starred only, ?3 updated only. */
	[STMT_ROWS] = ROWS_SELECT "1" ROWS_REST,
	/* ?5 the feeds, as a JSON array of ids. */
	[STMT_ROWS_FEEDS] = ROWS_SELECT
	    "feed_id IN (SELECT value FROM json_each(?5))" ROWS_REST,
	/* rows_top: the feeds by their newest article, then each feed's. */
	[STMT_ROWS_NEWEST] = "SELECT id, newest, undated FROM feeds",
	[STMT_ROWS_NEWEST_FEEDS] = "SELECT id, newest, undated FROM feeds "
	    "WHERE id IN (SELECT value FROM json_each(?5))",
	/* ?4 the feed, ?5 the oldest date that can still make the list. */
	[STMT_ROWS_FEED_DATED] = ROWS_SELECT
	    "feed_id = ?4 AND published >= ?5" ROWS_REST
	    " ORDER BY published DESC",
	[STMT_ROWS_FEED_UNDATED] = ROWS_SELECT
	    "feed_id = ?4 AND published IS NULL" ROWS_REST,
	[STMT_ROWS_SEARCH] = ROWS_SELECT "1" ROWS_REST ROWS_SEARCH,
	[STMT_ROWS_FEEDS_SEARCH] = ROWS_SELECT
	    "feed_id IN (SELECT value FROM json_each(?5))" ROWS_REST
	    ROWS_SEARCH,
	[STMT_ITEM_TITLE] = "SELECT title FROM items WHERE id = ?1",
	[STMT_ARTICLE] =
	    "SELECT i.title, i.link, i.author, f.title, f.url, f.link, "
	    "i.published, i.updated, i.first_seen, i.summary, "
	    "i.summary_html, i.content, i.content_html, i.fulltext, i.read, "
	    "i.starred, i.is_updated "
	    "FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?1",
	[STMT_SET_FULLTEXT] = "UPDATE items SET fulltext = ?2 WHERE id = ?1",
	/* Adaptive polling: ?1 the feed, ?2 how many, newest first. */
	[STMT_FEED_DATES] =
	    "SELECT COALESCE(published, first_seen) AS t FROM items "
	    "WHERE feed_id = ?1 ORDER BY t DESC LIMIT ?2",
	/*
	 * ?1 (?2 below): a followed story counts while its latest is after
	 * this.  Asked first: the next looks up each article of the feed.
	 */
	[STMT_ANY_FOLLOWED] =
	    "SELECT 1 FROM stories WHERE followed = 1 AND latest >= ?1 "
	    "LIMIT 1",
	[STMT_FEED_FOLLOWED] =
	    "SELECT 1 FROM stories s "
	    "JOIN story_items m ON m.story_id = s.id "
	    "JOIN items i ON i.id = m.item_id "
	    "WHERE s.followed = 1 AND s.latest >= ?2 AND i.feed_id = ?1 "
	    "LIMIT 1",
	[STMT_FEED_SCHEDULE] =
	    "UPDATE feeds SET poll_interval = ?2, next_due = checked + ?2 "
	    "WHERE id = ?1",
	/* ?1 the id (NULL: the next), ?2 first, ?3 latest, ?4 articles, ?5
	   the label, ?6 created. */
	[STMT_STORY_NEW] =
	    "INSERT INTO stories (id, first, latest, articles, label_item, "
	    "created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_STORY_NEXT] = "SELECT max(id) FROM stories",
	[STMT_STORY_FOLLOWED] = "SELECT followed FROM stories WHERE id = ?1",
	/*
	 * ?1 story, ?2 and ?3 its new articles' earliest and latest time,
	 * ?4 how many, ?5 the label (NULL: keep).
	 */
	[STMT_STORY_GROW] =
	    "UPDATE stories SET first = min(first, ?2), "
	    "latest = max(latest, ?3), articles = articles + ?4, "
	    "label_item = COALESCE(?5, label_item) WHERE id = ?1",
	/*
	 * ?1 only followed, ?2 the fewest articles unless followed, ?3
	 * limit.  The label is the central article's title, else the
	 * first article's.
	 */
	[STMT_STORIES] =
	    "SELECT s.id, COALESCE(l.title, (SELECT title FROM items "
	    "WHERE id = (SELECT min(item_id) FROM story_items "
	    "WHERE story_id = s.id))), s.first, s.latest, "
	    "count(i.id), count(DISTINCT i.feed_id), "
	    "total(i.read = 0), total(m.fresh = 1 AND i.read = 0), "
	    "s.followed "
	    "FROM stories s JOIN story_items m ON m.story_id = s.id "
	    "JOIN items i ON i.id = m.item_id "
	    "LEFT JOIN items l ON l.id = s.label_item "
	    "WHERE (s.followed = 1 OR (?1 = 0 AND s.articles >= ?2)) "
	    "GROUP BY s.id ORDER BY s.latest DESC, s.id DESC LIMIT ?3",
	[STMT_STORY_ITEMS] =
	    "SELECT i.id, i.feed_id, COALESCE(f.title, f.url), i.title, "
	    "i.link, COALESCE(i.published, i.first_seen) AS t, i.read, "
	    "i.starred, m.fresh = 1 AND i.read = 0 "
	    "FROM story_items m JOIN items i ON i.id = m.item_id "
	    "JOIN feeds f ON f.id = i.feed_id "
	    "WHERE m.story_id = ?1 ORDER BY t, i.id",
	[STMT_ITEM_STORY] =
	    "SELECT m.story_id, s.followed FROM items i "
	    "LEFT JOIN story_items m ON m.item_id = i.id "
	    "LEFT JOIN stories s ON s.id = m.story_id WHERE i.id = ?1",
	[STMT_STORY_FOLLOW] = "UPDATE stories SET followed = ?2 WHERE id = ?1",
	[STMT_STORY_UNFRESH] =
	    "UPDATE story_items SET fresh = 0 WHERE story_id = ?1 "
	    "AND fresh = 1",
	[STMT_STORY_SET_READ] =
	    "UPDATE items SET read = ?2 WHERE id IN (SELECT item_id FROM "
	    "story_items WHERE story_id = ?1) AND read != ?2",
	[STMT_STORY_FRESH] =
	    "SELECT m.item_id FROM story_items m "
	    "JOIN items i ON i.id = m.item_id "
	    "WHERE m.fresh = 1 AND i.read = 0 ORDER BY m.item_id",
	[STMT_STORY_NEWEST] = "SELECT max(latest) FROM stories",
	/*
	 * ?1 latest at least, ?2 this many stories at most, ?3 this many
	 * of each story's articles at most, the last stored (-1: no
	 * limit).  Each story's are read from the end of its index, not
	 * numbered all: a story of 25,000 articles took 50 ms to number.
	 */
	[STMT_STORY_HOT] =
	    "SELECT i.id, i.feed_id, s.id, "
	    "COALESCE(i.published, i.first_seen) AS t, "
	    "COALESCE(f.language, f.detected_lang), i.title, "
	    "COALESCE(i.content, i.summary), i.link "
	    "FROM (SELECT id FROM stories WHERE latest >= ?1 "
	    "ORDER BY latest DESC LIMIT ?2) s "
	    "JOIN items i ON i.id IN (SELECT item_id FROM story_items "
	    "WHERE story_id = s.id ORDER BY item_id DESC LIMIT ?3) "
	    "JOIN feeds f ON f.id = i.feed_id ORDER BY t, i.id",
	[STMT_FEED_SET_LANG] =
	    "UPDATE feeds SET detected_lang = ?2 WHERE id = ?1"
};

/* What a failed statement was doing, for its message. */
enum store_op {
	STORE_READ,
	STORE_WRITE
};

/* A story's growth not written yet. */
struct grow {
	int64_t		 story;
	int64_t		 first, latest;	/* its new articles' times */
	int64_t		 articles;
	int64_t		 label;		/* 0: keep */
	int		 followed;	/* its articles join as new */
	int		 made;		/* a new story, without its row yet */
	int64_t		 created;	/* when it was made */
};
#define STORE_GROW_MAX	64	/* stories pending at most */

/* An article's story, waiting to be written with the others. */
struct member {
	int64_t		 item;
	int64_t		 story;
	int		 fresh;		/* it joined a followed story */
};
#define MEMBERS_MAX	256	/* pending at most */
#define MEMBER_LEVELS	6	/* statements of 1, 2, 4, ... 32 rows */

struct store {
	sqlite3		*db;
	char		*path;		/* as given, for messages */
	int		 open_rc;	/* why opening it failed last */
	sqlite3_stmt	*stmt[STMT_COUNT];
	int		 bind_rc;	/* the first failed bind, if any */
	unsigned	 revisions;	/* kept per article */
	struct store_hooks hooks;
	int64_t		 max_age;	/* for the next feed update, or -1 */
	int64_t		 inserted;	/* item_store's new row, or 0 */
	int64_t		 next_story;	/* the id of the next story made in
					   the transaction; 0: look it up */
	/*
	 * Inside store_update_feed, what the feed's new articles did to
	 * their stories, written at the end in one statement per story
	 * rather than one per article (all of a feed's articles often
	 * join one story).
	 */
	int		 batch;
	/*
	 * Between store_group_begin and _end, the transactions below are
	 * parts of the group's, without savepoints of their own; lost: a
	 * failure rolled the whole group back.
	 */
	int		 group;
	int		 group_lost;
	struct grow	 grow[STORE_GROW_MAX];
	size_t		 ngrow;
	/*
	 * Inside store_update_feed too, its articles' rows of story_items,
	 * written at the end a power of two at a time: a statement's fixed
	 * cost was half of what one row cost.  member_rows[k] writes 2^k
	 * rows, made when first needed.
	 */
	struct member	*members;
	size_t		 nmembers;
	sqlite3_stmt	*member_rows[MEMBER_LEVELS];
};

/* A key of the document being stored, to find its duplicates. */
struct keyref {
	const char	*key;
	size_t		 index;
};

static void	 open_fail(struct store *, const char *, char **);
static void	 upgrade_fail(struct store *, char **);
static int	 store_fail(struct store *, enum store_op, char **);
static int	 pragma_int(struct store *, const char *, int *);
static int	 schema_migrate(struct store *, char **);
static int	 store_setup(struct store *, int, char **);
static sqlite3_stmt *stmt_get(struct store *, enum stmt);
static int	 stmt_run(struct store *, sqlite3_stmt *, enum store_op,
		    char **);
static int	 stmt_row(struct store *, sqlite3_stmt *, enum store_op,
		    char **);
static void	 bind_text(struct store *, sqlite3_stmt *, int, const char *);
static void	 bind_int(struct store *, sqlite3_stmt *, int, int64_t);
static void	 bind_time(struct store *, sqlite3_stmt *, int, int64_t);
static char	*column_str(sqlite3_stmt *, int);
static int64_t	 column_time(sqlite3_stmt *, int);
static int	 text_same(const unsigned char *, const char *);
static int	 txn_begin(struct store *, char **);
static int	 txn_commit(struct store *, char **);
static void	 txn_abort(struct store *);
static int	 keyref_cmp(const void *, const void *);
static unsigned char *keys_duplicate(char **, size_t);
static int	 feed_upsert(struct store *, const char *, const struct feed *,
		    const char *, const char *, int64_t, int64_t *, char **);
static void	 item_bind(struct store *, sqlite3_stmt *, int64_t,
		    const char *, const struct item *, int64_t);
static int	 item_store(struct store *, int64_t, int, const struct item *,
		    const char *, int64_t, struct store_counts *, char **);
static int	 categories_same(struct store *, int64_t, const struct item *,
		    int *, char **);
static int	 categories_write(struct store *, int64_t,
		    const struct item *, int, char **);
static int	 enclosures_same(struct store *, int64_t, const struct item *,
		    int *, char **);
static int	 enclosures_write(struct store *, int64_t,
		    const struct item *, int, char **);
static int	 set_mark(struct store *, enum stmt, int64_t, int, char **);
static unsigned	 log2_size(size_t);
static int	 row_before(const struct store_row *, const struct store_row *);
static void	 rows_sift(struct store_row *, size_t, size_t);
static void	 rows_sort(struct store_row *, size_t, unsigned);
static void	 row_read(sqlite3_stmt *, struct store_row *);
static void	 rows_keep(struct store_row *, size_t *, size_t,
		    const struct store_row *);
static int	 newest_cmp(const void *, const void *);
static int	 rows_top(struct store *, const struct store_filter *,
		    struct store_row **, size_t *, char **);
static int	 grow_flush(struct store *, char **);
static int	 members_flush(struct store *, char **);
static void	 member_bind(struct store *, sqlite3_stmt *, int,
		    const struct member *);
static int	 new_item_run(struct store *, int64_t, int64_t,
		    const struct feed *, const struct item *, int64_t,
		    char **);
static int	 schedule(struct store *, int64_t, const struct feed *,
		    int64_t, char **);
static int	 no_story(struct store *, int64_t, int, char **);
static int	 article_row(struct store *, sqlite3_stmt *, int64_t,
		    char **);

/* Fills *cause for a failure while opening; what is sqlite's reason. */
static void
open_fail(struct store *s, const char *what, char **cause)
{
	s->open_rc = s->db != NULL ? sqlite3_errcode(s->db) : SQLITE_ERROR;
	if (cause == NULL)
		return;
	/* TRANSLATORS: %1$s is the cache file, %2$s SQLite's reason. */
	xasprintf(cause, _("%1$s: cannot open the cache: %2$s"), s->path,
	    what);
}

static void
upgrade_fail(struct store *s, char **cause)
{
	s->open_rc = sqlite3_errcode(s->db);
	if (cause == NULL)
		return;
	/* TRANSLATORS: %1$s is the cache file, %2$s SQLite's reason. */
	xasprintf(cause, _("%1$s: cannot upgrade the cache: %2$s"), s->path,
	    sqlite3_errmsg(s->db));
}

/*
 * Fills *cause from the last error on the connection (or the failed bind)
 * and returns -1.  Call it before anything else runs on the connection.
 */
static int
store_fail(struct store *s, enum store_op op, char **cause)
{
	const char	*why;

	why = s->bind_rc != SQLITE_OK ? sqlite3_errstr(s->bind_rc) :
	    sqlite3_errmsg(s->db);
	s->bind_rc = SQLITE_OK;
	if (cause == NULL)
		return -1;
	switch (op) {
	case STORE_READ:
		/* TRANSLATORS: %1$s is the cache file, %2$s SQLite's reason. */
		xasprintf(cause, _("%1$s: cannot read the cache: %2$s"),
		    s->path, why);
		break;
	case STORE_WRITE:
		/* TRANSLATORS: %1$s is the cache file, %2$s SQLite's reason. */
		xasprintf(cause, _("%1$s: cannot write to the cache: %2$s"),
		    s->path, why);
		break;
	}
	return -1;
}

/* Reads the number a pragma (sql) gives: an SQLite result code. */
static int
pragma_int(struct store *s, const char *sql, int *value)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*value = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK) {
		/* Keep the step's message; finalizing repeats it. */
		sqlite3_finalize(st);
		return rc;
	}
	return sqlite3_finalize(st);
}

/*
 * Brings the schema to SCHEMA_VERSION, one migration per transaction.  The
 * version is read again under the write lock, so that two processes
 * opening a new cache at once do not both run a migration.
 */
static int
schema_migrate(struct store *s, char **cause)
{
	int	 version;

	for (;;) {
		if (pragma_int(s, "PRAGMA user_version", &version) !=
		    SQLITE_OK) {
			open_fail(s, sqlite3_errmsg(s->db), cause);
			return -1;
		}
		if (version < 0 || version > SCHEMA_VERSION) {
			if (cause != NULL) {
				/*
				 * TRANSLATORS: %1$s is the cache file, %2$d
				 * and %3$d schema version numbers.
				 */
				xasprintf(cause, _("%1$s: the cache was "
				    "written by a newer tidings (schema %2$d, "
				    "this one knows %3$d)"), s->path, version,
				    SCHEMA_VERSION);
			}
			return -1;
		}
		if (version == SCHEMA_VERSION)
			return 0;

		if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL,
		    NULL) != SQLITE_OK) {
			upgrade_fail(s, cause);
			return -1;
		}
		if (pragma_int(s, "PRAGMA user_version", &version) !=
		    SQLITE_OK)
			goto fail;
		if (version >= 0 && version < SCHEMA_VERSION &&
		    sqlite3_exec(s->db, migrations[version], NULL, NULL,
		    NULL) != SQLITE_OK)
			goto fail;
		if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) !=
		    SQLITE_OK)
			goto fail;
	}

fail:
	upgrade_fail(s, cause);
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

void
store_init(void)
{
	/* Only fails once SQLite is initialised, when it does not matter. */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/*
	 * A statement that may fail halfway keeps the pages it changed in a
	 * statement journal, which went to a temporary file past 64 KB:
	 * four 16 KB pages, so a cold refresh made and deleted dozens of
	 * files.  Past STORE_STMT_SPILL it still goes to a file, so a large
	 * deletion does not hold its pages in memory.
	 */
	(void)sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, STORE_STMT_SPILL);
}

/*
 * Sets up an open cache: its pragmas, its schema brought up to date and
 * the statements prepared.  0, or -1 with *cause (and s->open_rc).
 */
static int
store_setup(struct store *s, int memory, char **cause)
{
	int	 page = 0;
	size_t	 i;

	/*
	 * A new cache gets 16 KB pages (an existing one keeps its own): an
	 * article of a few KB left most of a 4 KB page empty, so the 20 MB
	 * feed of bench/refresh made a 39 MB file (23 MB now), every byte
	 * of it written twice, to the WAL and by the checkpoint.  Set before
	 * anything is written.
	 */
	if (sqlite3_exec(s->db, "PRAGMA page_size = 16384", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    /* Off: triggers do the deletions (see migration 5). */
	    sqlite3_exec(s->db, "PRAGMA foreign_keys = OFF", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    (!memory && sqlite3_exec(s->db, "PRAGMA journal_mode = WAL",
	    NULL, NULL, NULL) != SQLITE_OK) ||
	    sqlite3_exec(s->db, "PRAGMA synchronous = NORMAL", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    pragma_int(s, "PRAGMA page_size", &page) != SQLITE_OK ||
	    /*
	     * Fewer, larger checkpoints (each one syncs the database): when
	     * the WAL passes 16 MB, whatever the cache's page size.
	     */
	    sqlite3_wal_autocheckpoint(s->db, (16 << 20) / (page > 0 ? page :
	    4096)) != SQLITE_OK) {
		open_fail(s, sqlite3_errmsg(s->db), cause);
		return -1;
	}
	if (schema_migrate(s, cause) != 0)
		return -1;

	for (i = 0; i < STMT_COUNT; i++) {
		if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->stmt[i], NULL) !=
		    SQLITE_OK) {
			open_fail(s, sqlite3_errmsg(s->db), cause);
			return -1;
		}
	}
	return 0;
}

struct store *
store_open(const char *path, char **cause)
{
	struct timespec	 retry = { 0, STORE_RETRY_MS * 1000000L };
	struct timespec	 start, now;
	struct store	*s;
	int		 memory, rc;
	size_t		 i;

	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->revisions = STORE_REVISIONS_DEFAULT;
	s->max_age = -1;
	memory = strcmp(path, ":memory:") == 0 || *path == '\0';

	/* One thread per connection: no mutex around every column read. */
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		open_fail(s, s->db != NULL ? sqlite3_errmsg(s->db) :
		    sqlite3_errstr(rc), cause);
		goto fail;
	}
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	/* SQLite falls back to reading only; the cache must be written. */
	if (sqlite3_db_readonly(s->db, "main") == 1) {
		if (cause != NULL) {
			/* TRANSLATORS: %s is the cache file. */
			xasprintf(cause, _("%s: cannot open the cache: the "
			    "file is read-only"), s->path);
		}
		goto fail;
	}
	/*
	 * Several processes opening a new cache at once: SQLite answers
	 * "locked" at once, without waiting, where waiting could deadlock
	 * (one switching the file to WAL or writing the schema while the
	 * others read it), so the setup is tried again for STORE_BUSY_MS.
	 */
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		s->open_rc = SQLITE_OK;
		if (store_setup(s, memory, cause) == 0)
			return s;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((s->open_rc & 0xff) != SQLITE_BUSY ||
		    (now.tv_sec - start.tv_sec) * 1000 +
		    (now.tv_nsec - start.tv_nsec) / 1000000 >= STORE_BUSY_MS)
			goto fail;
		for (i = 0; i < STMT_COUNT; i++) {
			sqlite3_finalize(s->stmt[i]);
			s->stmt[i] = NULL;
		}
		if (cause != NULL) {
			free(*cause);
			*cause = NULL;
		}
		nanosleep(&retry, NULL);
	}

fail:
	store_close(s);
	return NULL;
}

void
store_close(struct store *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	for (i = 0; i < MEMBER_LEVELS; i++)
		sqlite3_finalize(s->member_rows[i]);
	free(s->members);
	/* Last connection out checkpoints the WAL into the file. */
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

struct store *
store_clone(const struct store *s, char **cause)
{
	struct store	*c;

	if ((c = store_open(s->path, cause)) != NULL)
		c->revisions = s->revisions;
	return c;
}

/* Returns a cached statement, reset and with no parameters bound. */
static sqlite3_stmt *
stmt_get(struct store *s, enum stmt which)
{
	sqlite3_stmt	*st = s->stmt[which];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	s->bind_rc = SQLITE_OK;
	return st;
}

/* Runs a statement that returns no rows and resets it; 0 or -1. */
static int
stmt_run(struct store *s, sqlite3_stmt *st, enum store_op op, char **cause)
{
	int	 rc;

	if (s->bind_rc != SQLITE_OK) {
		sqlite3_reset(st);
		return store_fail(s, op, cause);
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(s, op, cause);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

/*
 * Steps a query: 1 with a row, 0 at the end (and resets it), -1 with
 * *cause (and resets it).  The caller resets it when it stops early.
 */
static int
stmt_row(struct store *s, sqlite3_stmt *st, enum store_op op, char **cause)
{
	int	 rc;

	if (s->bind_rc != SQLITE_OK) {
		sqlite3_reset(st);
		return store_fail(s, op, cause);
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	store_fail(s, op, cause);
	sqlite3_reset(st);
	return -1;
}

/* Binds text (NULL as NULL); the string must outlive the step. */
static void
bind_text(struct store *s, sqlite3_stmt *st, int i, const char *str)
{
	int	 rc;

	if (str == NULL)
		rc = sqlite3_bind_null(st, i);
	else
		rc = sqlite3_bind_text(st, i, str, -1, SQLITE_STATIC);
	if (rc != SQLITE_OK && s->bind_rc == SQLITE_OK)
		s->bind_rc = rc;
}

static void
bind_int(struct store *s, sqlite3_stmt *st, int i, int64_t v)
{
	int	 rc;

	rc = sqlite3_bind_int64(st, i, v);
	if (rc != SQLITE_OK && s->bind_rc == SQLITE_OK)
		s->bind_rc = rc;
}

/* Binds a time, FEED_NOTIME as NULL. */
static void
bind_time(struct store *s, sqlite3_stmt *st, int i, int64_t t)
{
	int	 rc;

	if (t == FEED_NOTIME)
		rc = sqlite3_bind_null(st, i);
	else
		rc = sqlite3_bind_int64(st, i, t);
	if (rc != SQLITE_OK && s->bind_rc == SQLITE_OK)
		s->bind_rc = rc;
}

/* A text column as an allocated string, or NULL. */
static char *
column_str(sqlite3_stmt *st, int i)
{
	const unsigned char	*p;

	p = sqlite3_column_text(st, i);
	return p == NULL ? NULL : xstrdup((const char *)p);
}

static int64_t
column_time(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return FEED_NOTIME;
	return sqlite3_column_int64(st, i);
}

/* Whether stored and new text are the same; NULL and "" are. */
static int
text_same(const unsigned char *stored, const char *text)
{
	const char	*a = stored != NULL ? (const char *)stored : "";

	return strcmp(a, text != NULL ? text : "") == 0;
}

/*
 * Takes the write lock at once, waiting up to STORE_BUSY_MS for it.  In
 * a group, where the lock is held already, a transaction is a part of
 * the group's, with no savepoint: a savepoint copies every page its
 * writes touch to its journal (16 KB each), which cost 6% of a cold
 * refresh.  A failure rolls the whole group back instead, and its
 * caller runs the group's parts again alone (update.c).
 */
static int
txn_begin(struct store *s, char **cause)
{
	s->next_story = 0;
	if (s->group)
		return 0;
	return stmt_run(s, stmt_get(s, STMT_BEGIN), STORE_WRITE, cause);
}

static int
txn_commit(struct store *s, char **cause)
{
	if (s->group)
		return 0;
	return stmt_run(s, stmt_get(s, STMT_COMMIT), STORE_WRITE, cause);
}

/* Rolls back, unless SQLite already did (as it may on a full disk). */
static void
txn_abort(struct store *s)
{
	size_t	 i;

	for (i = 0; i < STMT_COUNT; i++)
		sqlite3_reset(s->stmt[i]);
	if (s->group)
		s->group_lost = 1;
	s->group = 0;
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_step(stmt_get(s, STMT_ROLLBACK));
	for (i = 0; i < STMT_COUNT; i++)
		sqlite3_reset(s->stmt[i]);
}

int
store_group_begin(struct store *s, char **cause)
{
	s->group = 0;
	if (txn_begin(s, cause) != 0)
		return -1;
	s->group = 1;
	s->group_lost = 0;
	return 0;
}

int
store_group_lost(struct store *s)
{
	/* Also when a statement of its own took the transaction away. */
	if (s->group && sqlite3_get_autocommit(s->db)) {
		s->group = 0;
		s->group_lost = 1;
	}
	return s->group_lost;
}

int
store_group_end(struct store *s, char **cause)
{
	if (s->group_lost) {
		s->group_lost = 0;
		if (cause != NULL) {
			/* TRANSLATORS: %s is the cache file. */
			xasprintf(cause, _("%s: the cache rolled back the "
			    "writes of several feeds after an error"),
			    s->path);
		}
		return -1;
	}
	s->group = 0;
	if (txn_commit(s, cause) != 0) {
		txn_abort(s);
		return -1;
	}
	return 0;
}

int
store_feed_state(struct store *s, const char *url,
    struct store_feed_state *state, char **cause)
{
	sqlite3_stmt	*st;
	int		 r;

	state->etag = state->last_modified = state->moved_to = NULL;
	state->checked = state->next_due = FEED_NOTIME;
	state->gone = 0;

	st = stmt_get(s, STMT_FEED_STATE);
	bind_text(s, st, 1, url);
	if ((r = stmt_row(s, st, STORE_READ, cause)) <= 0)
		return r;
	state->etag = column_str(st, 0);
	state->last_modified = column_str(st, 1);
	state->checked = column_time(st, 2);
	state->gone = sqlite3_column_int(st, 3) != 0;
	state->moved_to = column_str(st, 4);
	state->next_due = column_time(st, 5);
	sqlite3_reset(st);
	return 0;
}

void
store_feed_state_clear(struct store_feed_state *state)
{
	if (state == NULL)
		return;
	free(state->etag);
	free(state->last_modified);
	free(state->moved_to);
	state->etag = state->last_modified = state->moved_to = NULL;
	state->checked = FEED_NOTIME;
	state->gone = 0;
}

static int
keyref_cmp(const void *a, const void *b)
{
	const struct keyref	*ka = a, *kb = b;
	int			 c;

	if ((c = strcmp(ka->key, kb->key)) != 0)
		return c;
	return ka->index < kb->index ? -1 : ka->index > kb->index;
}

/*
 * Marks each key that an earlier item of the same document already has:
 * the first of a key wins.  Returns n flags, allocated.
 */
static unsigned char *
keys_duplicate(char **keys, size_t n)
{
	struct keyref	*refs;
	unsigned char	*dup;
	size_t		 i;

	dup = xcalloc(n == 0 ? 1 : n, 1);
	if (n < 2)
		return dup;
	refs = xreallocarray(NULL, n, sizeof *refs);
	for (i = 0; i < n; i++) {
		refs[i].key = keys[i];
		refs[i].index = i;
	}
	qsort(refs, n, sizeof *refs, keyref_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(refs[i].key, refs[i - 1].key) == 0)
			dup[refs[i].index] = 1;
	}
	free(refs);
	return dup;
}

/* Writes the feed's row, clearing its error, and finds its id. */
static int
feed_upsert(struct store *s, const char *url, const struct feed *f,
    const char *etag, const char *last_modified, int64_t now, int64_t *id,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 r;

	st = stmt_get(s, STMT_FEED_UPDATE);
	bind_text(s, st, 1, url);
	bind_text(s, st, 2, f->title);
	bind_text(s, st, 3, f->link);
	bind_text(s, st, 4, f->self);
	bind_text(s, st, 5, f->description);
	bind_text(s, st, 6, f->language);
	bind_text(s, st, 7, f->author);
	bind_text(s, st, 8, feed_format_name(f->format));
	bind_time(s, st, 9, f->updated);
	if (f->ttl >= 0)
		bind_int(s, st, 10, f->ttl);
	bind_text(s, st, 11, etag);
	bind_text(s, st, 12, last_modified);
	bind_time(s, st, 13, now);
	if (stmt_run(s, st, STORE_WRITE, cause) != 0)
		return -1;

	st = stmt_get(s, STMT_FEED_ID);
	bind_text(s, st, 1, url);
	if ((r = stmt_row(s, st, STORE_WRITE, cause)) < 0)
		return -1;
	if (r == 0) {
		/* Cannot happen inside the transaction that wrote it. */
		if (cause != NULL) {
			/* TRANSLATORS: %1$s is the cache file, %2$s a URL. */
			xasprintf(cause, _("%1$s: cannot write to the cache: "
			    "the feed %2$s was not stored"), s->path, url);
		}
		return -1;
	}
	*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* Binds an item to the shared item parameters (see ITEM_SET_META). */
static void
item_bind(struct store *s, sqlite3_stmt *st, int64_t id, const char *key,
    const struct item *it, int64_t now)
{
	bind_int(s, st, 1, id);
	bind_text(s, st, 2, key);
	bind_text(s, st, 3, it->title);
	bind_text(s, st, 4, it->link);
	bind_text(s, st, 5, it->author);
	bind_text(s, st, 6, it->summary);
	bind_int(s, st, 7, it->summary_html != 0);
	bind_text(s, st, 8, it->content);
	bind_int(s, st, 9, it->content_html != 0);
	bind_time(s, st, 10, it->published);
	bind_time(s, st, 11, it->updated);
	bind_text(s, st, 12, it->comments);
	bind_text(s, st, 13, it->thumbnail);
	if (it->duration >= 0)
		bind_int(s, st, 14, it->duration);
	bind_time(s, st, 15, now);
}

/*
 * Inserts a new item, or updates a known one.  A title, summary or
 * content changed in substance (revision_same) first copies the old
 * version to revisions, keeping the newest s->revisions, and marks the
 * item updated; a cosmetic change only replaces the text.  Read and star
 * marks are never written here.
 */
static int
item_store(struct store *s, int64_t feed_id, int fresh,
    const struct item *it, const char *key, int64_t now,
    struct store_counts *c, char **cause)
{
	struct revision_text old, new;
	sqlite3_stmt	*st;
	enum stmt	 which;
	int64_t		 id;
	int		 r, changed = 0, same;

	if (fresh)
		r = 0;	/* a feed stored for the first time has no items */
	else {
		st = stmt_get(s, STMT_ITEM_FIND);
		bind_int(s, st, 1, feed_id);
		bind_text(s, st, 2, key);
		if ((r = stmt_row(s, st, STORE_WRITE, cause)) < 0)
			return -1;
	}

	if (r == 0) {
		st = stmt_get(s, STMT_ITEM_INSERT);
		item_bind(s, st, feed_id, key, it, now);
		if (stmt_run(s, st, STORE_WRITE, cause) != 0)
			return -1;
		id = sqlite3_last_insert_rowid(s->db);
		s->inserted = id;
		if (categories_write(s, id, it, 1, cause) != 0 ||
		    enclosures_write(s, id, it, 1, cause) != 0)
			return -1;
		c->new_items++;
		return 0;
	}

	id = sqlite3_column_int64(st, 0);
	which = STMT_ITEM_TOUCH;
	if (!text_same(sqlite3_column_text(st, 1), it->title) ||
	    !text_same(sqlite3_column_text(st, 2), it->summary) ||
	    !text_same(sqlite3_column_text(st, 4), it->content)) {
		old.title = (const char *)sqlite3_column_text(st, 1);
		old.summary = (const char *)sqlite3_column_text(st, 2);
		old.summary_html = sqlite3_column_int(st, 3) != 0;
		old.content = (const char *)sqlite3_column_text(st, 4);
		old.content_html = sqlite3_column_int(st, 5) != 0;
		new.title = it->title;
		new.summary = it->summary;
		new.summary_html = it->summary_html != 0;
		new.content = it->content;
		new.content_html = it->content_html != 0;
		changed = !revision_same(&old, &new);
		which = changed ? STMT_ITEM_REVISE : STMT_ITEM_REWRITE;
	}
	sqlite3_reset(st);

	if (changed) {
		st = stmt_get(s, STMT_REVISION_ADD);
		bind_int(s, st, 1, id);
		bind_time(s, st, 2, now);
		if (stmt_run(s, st, STORE_WRITE, cause) != 0)
			return -1;
		st = stmt_get(s, STMT_REVISION_PRUNE);
		bind_int(s, st, 1, id);
		bind_int(s, st, 2, s->revisions);
		if (stmt_run(s, st, STORE_WRITE, cause) != 0)
			return -1;
	}
	st = stmt_get(s, which);
	item_bind(s, st, id, key, it, now);
	if (stmt_run(s, st, STORE_WRITE, cause) != 0)
		return -1;

	if (categories_same(s, id, it, &same, cause) != 0 ||
	    (!same && categories_write(s, id, it, 0, cause) != 0))
		return -1;
	if (enclosures_same(s, id, it, &same, cause) != 0 ||
	    (!same && enclosures_write(s, id, it, 0, cause) != 0))
		return -1;

	if (changed)
		c->updated_items++;
	else
		c->unchanged_items++;
	return 0;
}

/* Whether the stored categories are the item's (NULL names skipped). */
static int
categories_same(struct store *s, int64_t id, const struct item *it,
    int *same, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 i = 0;
	int		 r;

	*same = 1;
	st = stmt_get(s, STMT_CATEGORY_LIST);
	bind_int(s, st, 1, id);
	while ((r = stmt_row(s, st, STORE_WRITE, cause)) == 1) {
		while (i < it->ncategories && it->categories[i] == NULL)
			i++;
		if (i == it->ncategories || !text_same(
		    sqlite3_column_text(st, 0), it->categories[i])) {
			*same = 0;
			sqlite3_reset(st);
			return 0;
		}
		i++;
	}
	if (r < 0)
		return -1;
	while (i < it->ncategories && it->categories[i] == NULL)
		i++;
	if (i != it->ncategories)
		*same = 0;
	return 0;
}

/* Replaces the stored categories with the item's; fresh: none stored. */
static int
categories_write(struct store *s, int64_t id, const struct item *it,
    int fresh, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int64_t		 pos = 0;

	if (!fresh) {
		st = stmt_get(s, STMT_CATEGORY_DELETE);
		bind_int(s, st, 1, id);
		if (stmt_run(s, st, STORE_WRITE, cause) != 0)
			return -1;
	}
	for (i = 0; i < it->ncategories; i++) {
		if (it->categories[i] == NULL)
			continue;
		st = stmt_get(s, STMT_CATEGORY_ADD);
		bind_int(s, st, 1, id);
		bind_int(s, st, 2, pos++);
		bind_text(s, st, 3, it->categories[i]);
		if (stmt_run(s, st, STORE_WRITE, cause) != 0)
			return -1;
	}
	return 0;
}

/* Whether the stored enclosures are the item's. */
static int
enclosures_same(struct store *s, int64_t id, const struct item *it,
    int *same, char **cause)
{
	sqlite3_stmt		*st;
	const struct enclosure	*e;
	size_t			 i = 0;
	int64_t			 length;
	int			 r;

	*same = 1;
	st = stmt_get(s, STMT_ENCLOSURE_LIST);
	bind_int(s, st, 1, id);
	while ((r = stmt_row(s, st, STORE_WRITE, cause)) == 1) {
		if (i == it->nenclosures) {
			*same = 0;
			break;
		}
		e = &it->enclosures[i++];
		length = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 2);
		if (!text_same(sqlite3_column_text(st, 0), e->url) ||
		    !text_same(sqlite3_column_text(st, 1), e->type) ||
		    length != (e->length < 0 ? -1 : e->length)) {
			*same = 0;
			break;
		}
	}
	if (r < 0)
		return -1;
	if (r == 1)
		sqlite3_reset(st);
	else if (i != it->nenclosures)
		*same = 0;
	return 0;
}

/* Replaces the stored enclosures with the item's; fresh: none stored. */
static int
enclosures_write(struct store *s, int64_t id, const struct item *it,
    int fresh, char **cause)
{
	sqlite3_stmt		*st;
	const struct enclosure	*e;
	size_t			 i;

	if (!fresh) {
		st = stmt_get(s, STMT_ENCLOSURE_DELETE);
		bind_int(s, st, 1, id);
		if (stmt_run(s, st, STORE_WRITE, cause) != 0)
			return -1;
	}
	for (i = 0; i < it->nenclosures; i++) {
		e = &it->enclosures[i];
		st = stmt_get(s, STMT_ENCLOSURE_ADD);
		bind_int(s, st, 1, id);
		bind_int(s, st, 2, (int64_t)i);
		bind_text(s, st, 3, e->url);
		bind_text(s, st, 4, e->type);
		if (e->length >= 0)
			bind_int(s, st, 5, e->length);
		if (stmt_run(s, st, STORE_WRITE, cause) != 0)
			return -1;
	}
	return 0;
}

int
store_update_feed(struct store *s, const char *url, const struct feed *f,
    const char *etag, const char *last_modified, int64_t now,
    struct store_counts *counts, char **cause)
{
	struct store_counts	 c;
	sqlite3_stmt		*st;
	char			**keys;
	unsigned char		*dup;
	int64_t			 feed_id;
	size_t			 i;
	int			 rv = -1, fresh;

	memset(&c, 0, sizeof c);
	if (counts != NULL)
		*counts = c;
	keys = xreallocarray(NULL, f->nitems == 0 ? 1 : f->nitems,
	    sizeof *keys);
	for (i = 0; i < f->nitems; i++)
		keys[i] = item_key(&f->items[i]);
	dup = keys_duplicate(keys, f->nitems);

	if (txn_begin(s, cause) != 0)
		goto out;
	s->batch = 1;
	s->ngrow = 0;
	if (feed_upsert(s, url, f, etag, last_modified, now, &feed_id,
	    cause) != 0)
		goto fail;
	st = stmt_get(s, STMT_FEED_HAS_ITEMS);
	bind_int(s, st, 1, feed_id);
	if ((fresh = stmt_row(s, st, STORE_WRITE, cause)) < 0)
		goto fail;
	fresh = !fresh;
	sqlite3_reset(st);
	for (i = 0; i < f->nitems; i++) {
		if (dup[i]) {
			c.unchanged_items++;
			continue;
		}
		s->inserted = 0;
		if (item_store(s, feed_id, fresh, &f->items[i], keys[i], now,
		    &c, cause) != 0)
			goto fail;
		if (s->inserted != 0 && s->hooks.new_item != NULL &&
		    new_item_run(s, s->inserted, feed_id, f, &f->items[i], now,
		    cause) != 0)
			goto fail;
	}
	if (f->nitems > 0) {
		st = stmt_get(s, STMT_FEED_COUNT_NEW);
		bind_int(s, st, 1, feed_id);
		bind_int(s, st, 2, c.new_items);
		if (stmt_run(s, st, STORE_WRITE, cause) != 0)
			goto fail;
	}
	if (grow_flush(s, cause) != 0)
		goto fail;
	if (s->hooks.interval != NULL &&
	    schedule(s, feed_id, f, now, cause) != 0)
		goto fail;
	if (txn_commit(s, cause) != 0)
		goto fail;
	if (counts != NULL)
		*counts = c;
	rv = 0;
	goto out;

fail:
	txn_abort(s);
out:
	s->batch = 0;
	s->ngrow = 0;
	s->nmembers = 0;
	for (i = 0; i < f->nitems; i++)
		free(keys[i]);
	free(keys);
	free(dup);
	s->max_age = -1;
	return rv;
}

int
store_feed_checked(struct store *s, const char *url, int64_t now,
    const char *stage, const char *error, char **cause)
{
	sqlite3_stmt	*st;

	st = stmt_get(s, STMT_FEED_CHECKED);
	bind_text(s, st, 1, url);
	bind_time(s, st, 2, now);
	bind_text(s, st, 3, error != NULL ? stage : NULL);
	bind_text(s, st, 4, error);
	return stmt_run(s, st, STORE_WRITE, cause);
}

int
store_feed_gone(struct store *s, const char *url, int gone, char **cause)
{
	sqlite3_stmt	*st;

	st = stmt_get(s, STMT_FEED_GONE);
	bind_text(s, st, 1, url);
	bind_int(s, st, 2, gone != 0);
	return stmt_run(s, st, STORE_WRITE, cause);
}

int
store_feed_moved(struct store *s, const char *url, const char *to,
    char **cause)
{
	sqlite3_stmt	*st;

	st = stmt_get(s, STMT_FEED_MOVED);
	bind_text(s, st, 1, url);
	bind_text(s, st, 2, to);
	return stmt_run(s, st, STORE_WRITE, cause);
}

int
store_list(struct store *s, const struct store_query *q,
    struct store_item **itemsp, size_t *np, char **cause)
{
	static const struct store_query	 all;
	struct store_item		*items = NULL, *si;
	sqlite3_stmt			*st;
	enum stmt			 which;
	size_t				 n = 0, cap = 0;
	int				 r;

	*itemsp = NULL;
	*np = 0;
	if (q == NULL)
		q = &all;
	if (q->feed_url != NULL)
		which = q->unread ? STMT_LIST_FEED_UNREAD : STMT_LIST_FEED;
	else
		which = q->unread ? STMT_LIST_UNREAD : STMT_LIST;
	st = stmt_get(s, which);
	bind_text(s, st, 1, q->feed_url);
	bind_int(s, st, 2, q->updated != 0);
	bind_int(s, st, 3, q->starred != 0);
	/* LIMIT -1 is none. */
	if (q->limit == 0 || q->limit >= (size_t)INT64_MAX)
		bind_int(s, st, 4, -1);
	else
		bind_int(s, st, 4, (int64_t)q->limit);

	while ((r = stmt_row(s, st, STORE_READ, cause)) == 1) {
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			items = xreallocarray(items, cap, sizeof *items);
		}
		si = &items[n++];
		si->id = sqlite3_column_int64(st, 0);
		si->feed_url = column_str(st, 1);
		si->feed_title = column_str(st, 2);
		si->key = column_str(st, 3);
		si->title = column_str(st, 4);
		si->link = column_str(st, 5);
		si->author = column_str(st, 6);
		si->published = column_time(st, 7);
		si->updated = column_time(st, 8);
		si->first_seen = column_time(st, 9);
		si->last_seen = column_time(st, 10);
		si->read = sqlite3_column_int(st, 11) != 0;
		si->starred = sqlite3_column_int(st, 12) != 0;
		si->is_updated = sqlite3_column_int(st, 13) != 0;
	}
	if (r < 0) {
		store_items_free(items, n);
		return -1;
	}
	*itemsp = items;
	*np = n;
	return 0;
}

void
store_items_free(struct store_item *items, size_t n)
{
	size_t	 i;

	if (items == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(items[i].feed_url);
		free(items[i].feed_title);
		free(items[i].key);
		free(items[i].title);
		free(items[i].link);
		free(items[i].author);
	}
	free(items);
}

/* Sets a read or star mark; an unknown article is an error. */
static int
set_mark(struct store *s, enum stmt which, int64_t id, int on, char **cause)
{
	sqlite3_stmt	*st;

	st = stmt_get(s, which);
	bind_int(s, st, 1, id);
	bind_int(s, st, 2, on != 0);
	if (stmt_run(s, st, STORE_WRITE, cause) != 0)
		return -1;
	if (sqlite3_changes(s->db) == 0) {
		if (cause != NULL) {
			/*
			 * TRANSLATORS: %1$s is the cache file, %2$lld an
			 * article's number in it.
			 */
			xasprintf(cause, _("%1$s: no article %2$lld in the "
			    "cache"), s->path, (long long)id);
		}
		return -1;
	}
	return 0;
}

int
store_set_read(struct store *s, int64_t id, int read, char **cause)
{
	return set_mark(s, STMT_SET_READ, id, read, cause);
}

int
store_set_starred(struct store *s, int64_t id, int starred, char **cause)
{
	return set_mark(s, STMT_SET_STARRED, id, starred, cause);
}

/* The reader's side: feeds with counts, article rows, one article. */

int
store_feeds(struct store *s, struct store_feed **feedsp, size_t *np,
    char **cause)
{
	struct store_feed	*feeds = NULL, *f;
	sqlite3_stmt		*st;
	size_t			 n = 0, cap = 0;
	int			 r;

	*feedsp = NULL;
	*np = 0;
	/* The rowid order of a table scan: sorted by id. */
	st = stmt_get(s, STMT_FEEDS);
	while ((r = stmt_row(s, st, STORE_READ, cause)) == 1) {
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			feeds = xreallocarray(feeds, cap, sizeof *feeds);
		}
		f = &feeds[n++];
		memset(f, 0, sizeof *f);
		f->id = sqlite3_column_int64(st, 0);
		f->url = column_str(st, 1);
		f->title = column_str(st, 2);
		f->error_stage = column_str(st, 3);
		f->error = column_str(st, 4);
		f->gone = sqlite3_column_int(st, 5) != 0;
		f->moved_to = column_str(st, 6);
		f->checked = column_time(st, 7);
		f->total = (unsigned)sqlite3_column_int64(st, 8);
		f->unread = (unsigned)sqlite3_column_int64(st, 9);
		f->next_due = column_time(st, 10);
	}
	if (r < 0) {
		store_feeds_free(feeds, n);
		return -1;
	}
	*feedsp = feeds;
	*np = n;
	return 0;
}

void
store_feeds_free(struct store_feed *feeds, size_t n)
{
	size_t	 i;

	if (feeds == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(feeds[i].url);
		free(feeds[i].title);
		free(feeds[i].error_stage);
		free(feeds[i].error);
		free(feeds[i].moved_to);
	}
	free(feeds);
}

/* "%text%" for LIKE, with its wildcards and the escape escaped. */
static char *
like_pattern(const char *text)
{
	struct buf	 b;

	buf_init(&b, BUF_NOLIMIT);
	buf_addc(&b, '%');
	for (; *text != '\0'; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			buf_addc(&b, '\\');
		buf_addc(&b, *text);
	}
	buf_addc(&b, '%');
	return buf_detach(&b);
}

/* floor(log2(n)), 0 for n < 2. */
static unsigned
log2_size(size_t n)
{
	unsigned	 k = 0;

	while (n > 1) {
		n >>= 1;
		k++;
	}
	return k;
}

/* Whether row a comes before row b: newest first, then highest id. */
static int
row_before(const struct store_row *a, const struct store_row *b)
{
	if (a->date != b->date)
		return a->date > b->date;
	return a->id > b->id;
}

/* Moves row i down the max-heap rows[0..n) of row_before's reverse. */
static void
rows_sift(struct store_row *rows, size_t i, size_t n)
{
	struct store_row	 t;
	size_t			 c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && row_before(&rows[c], &rows[c + 1]))
			c++;
		if (!row_before(&rows[i], &rows[c]))
			break;
		t = rows[i];
		rows[i] = rows[c];
		rows[c] = t;
		i = c;
	}
}

/*
 * Sorts rows in place, newest first: an introsort (quicksort on the
 * median of three, heapsort below a depth of 2 log n, so dates a feed
 * chose cannot make it quadratic, and insertion sort for short runs).
 * In place because 100,000 rows are 3 MB, and qsort's merge sort would
 * take as much again at start-up.
 */
static void
rows_sort(struct store_row *rows, size_t n, unsigned depth)
{
	struct store_row	 t, pivot;
	size_t			 i, j, mid;

	while (n > 16) {
		if (depth-- == 0) {
			for (i = n / 2; i-- > 0;)
				rows_sift(rows, i, n);
			for (i = n; i-- > 1;) {
				t = rows[0];
				rows[0] = rows[i];
				rows[i] = t;
				rows_sift(rows, 0, i);
			}
			return;
		}
		mid = n / 2;
		if (row_before(&rows[mid], &rows[0])) {
			t = rows[mid]; rows[mid] = rows[0]; rows[0] = t;
		}
		if (row_before(&rows[n - 1], &rows[mid])) {
			t = rows[mid]; rows[mid] = rows[n - 1]; rows[n - 1] = t;
			if (row_before(&rows[mid], &rows[0])) {
				t = rows[mid]; rows[mid] = rows[0]; rows[0] = t;
			}
		}
		pivot = rows[mid];
		i = 0;
		j = n - 1;
		for (;;) {
			while (row_before(&rows[i], &pivot))
				i++;
			while (row_before(&pivot, &rows[j]))
				j--;
			if (i >= j)
				break;
			t = rows[i]; rows[i] = rows[j]; rows[j] = t;
			i++;
			j--;
		}
		/* Recurse into the smaller side: the stack stays log n. */
		if (j + 1 < n - j - 1) {
			rows_sort(rows, j + 1, depth);
			rows += j + 1;
			n -= j + 1;
		} else {
			rows_sort(rows + j + 1, n - j - 1, depth);
			n = j + 1;
		}
	}
	for (i = 1; i < n; i++) {
		t = rows[i];
		for (j = i; j > 0 && row_before(&t, &rows[j - 1]); j--)
			rows[j] = rows[j - 1];
		rows[j] = t;
	}
}

/* The feeds as a JSON array of ids, for json_each. */
static char *
id_array(const int64_t *ids, size_t n)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, BUF_NOLIMIT);
	buf_addc(&b, '[');
	for (i = 0; i < n; i++) {
		buf_addf(&b, "%s%lld", i > 0 ? "," : "", (long long)ids[i]);
	}
	buf_addc(&b, ']');
	return buf_detach(&b);
}

/* One row of a ROWS_SELECT statement. */
static void
row_read(sqlite3_stmt *st, struct store_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	if ((r->date = column_time(st, 1)) == FEED_NOTIME &&
	    (r->date = column_time(st, 2)) == FEED_NOTIME)
		r->date = column_time(st, 3);
	r->feed_id = sqlite3_column_int64(st, 4);
	r->read = sqlite3_column_int(st, 5) != 0;
	r->starred = sqlite3_column_int(st, 6) != 0;
	r->updated = sqlite3_column_int(st, 7) != 0;
}

/*
 * Keeps r if it is among the cap first rows: heap[0..*n) is a heap with
 * the row that comes last at its root (as rows_sift keeps it).
 */
static void
rows_keep(struct store_row *heap, size_t *n, size_t cap,
    const struct store_row *r)
{
	struct store_row	 t;
	size_t			 i, p;

	if (*n < cap) {
		i = (*n)++;
		heap[i] = *r;
		while (i > 0 && row_before(&heap[p = (i - 1) / 2], &heap[i])) {
			t = heap[p];
			heap[p] = heap[i];
			heap[i] = t;
			i = p;
		}
	} else if (row_before(r, &heap[0])) {
		heap[0] = *r;
		rows_sift(heap, 0, *n);
	}
}

/* Longer lists than this are read whole and cut. */
#define STORE_TOP_MAX	4096

struct newest {
	int64_t		 feed;
	int64_t		 date;		/* its newest article, or FEED_NOTIME */
	int64_t		 undated;	/* articles without a published date */
};

/* Feeds with the newest article first. */
static int
newest_cmp(const void *a, const void *b)
{
	const struct newest	*x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? 1 : -1;
	return 0;
}

/*
 * The q->limit newest rows without reading every row of every feed: the
 * feeds in the order of their newest article, each read newest first
 * through its index only while a row can still make the list, and no
 * further feed once the newest article of the next cannot.  With 100,000
 * articles in 1,000 feeds that is about a row or two a feed, where one
 * scan reads all 100,000.  Articles without a published date are dated
 * by their update or first sighting, which the index does not order:
 * those of a feed (feeds.undated says whether it has any) are read whole.
 */
static int
rows_top(struct store *s, const struct store_filter *q,
    struct store_row **rowsp, size_t *np, char **cause)
{
	struct newest		*feeds = NULL;
	struct store_row	*heap, r;
	sqlite3_stmt		*st;
	char			*ids = NULL;
	size_t			 nf = 0, fcap = 0, n = 0, cap, i, pass;
	int			 rc;

	cap = q->limit;
	st = stmt_get(s, q->feeds != NULL ? STMT_ROWS_NEWEST_FEEDS :
	    STMT_ROWS_NEWEST);
	if (q->feeds != NULL) {
		ids = id_array(q->feeds, q->nfeeds);
		bind_text(s, st, 5, ids);
	}
	while ((rc = stmt_row(s, st, STORE_READ, cause)) == 1) {
		if (nf == fcap) {
			fcap = fcap == 0 ? 64 : fcap * 2;
			feeds = xreallocarray(feeds, fcap, sizeof *feeds);
		}
		feeds[nf].feed = sqlite3_column_int64(st, 0);
		feeds[nf].date = column_time(st, 1);
		feeds[nf].undated = sqlite3_column_int64(st, 2);
		nf++;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	free(ids);
	if (rc < 0) {
		free(feeds);
		return -1;
	}
	if (nf > 1)
		qsort(feeds, nf, sizeof *feeds, newest_cmp);
	heap = xreallocarray(NULL, cap, sizeof *heap);
	for (i = 0; i < nf && rc == 0; i++) {
		/* Nothing of this feed, nor of any after it, comes first. */
		if (n == cap && (feeds[i].date == FEED_NOTIME ||
		    feeds[i].date < heap[0].date))
			break;
		for (pass = 0; pass < 2 && rc == 0; pass++) {
			if (pass == 1 && feeds[i].undated == 0)
				break;
			st = stmt_get(s, pass == 0 ? STMT_ROWS_FEED_DATED :
			    STMT_ROWS_FEED_UNDATED);
			bind_int(s, st, 1, q->unread != 0);
			bind_int(s, st, 2, q->starred != 0);
			bind_int(s, st, 3, q->updated != 0);
			bind_int(s, st, 4, feeds[i].feed);
			if (pass == 0)
				bind_int(s, st, 5, n == cap ? heap[0].date :
				    INT64_MIN);
			while ((rc = stmt_row(s, st, STORE_READ, cause)) == 1) {
				row_read(st, &r);
				/* Dated rows come newest first: the rest wait. */
				if (pass == 0 && n == cap &&
				    r.date < heap[0].date)
					break;
				rows_keep(heap, &n, cap, &r);
			}
			if (rc == 1)
				rc = 0;
			sqlite3_reset(st);
		}
	}
	free(feeds);
	if (rc < 0) {
		free(heap);
		return -1;
	}
	rows_sort(heap, n, 2 * log2_size(n));
	*rowsp = heap;
	*np = n;
	return 0;
}

int
store_rows(struct store *s, const struct store_filter *q,
    struct store_row **rowsp, size_t *np, char **cause)
{
	static const struct store_filter all;
	struct store_row	*rows = NULL;
	sqlite3_stmt		*st;
	char			*like = NULL, *ids = NULL;
	size_t			 n = 0, cap = 0;
	int			 rc;

	*rowsp = NULL;
	*np = 0;
	if (q == NULL)
		q = &all;
	if (q->search != NULL && *q->search != '\0')
		like = like_pattern(q->search);
	if (like != NULL)
		st = stmt_get(s, q->feeds != NULL ? STMT_ROWS_FEEDS_SEARCH :
		    STMT_ROWS_SEARCH);
	else if (q->limit > 0 && q->limit <= STORE_TOP_MAX)
		return rows_top(s, q, rowsp, np, cause);
	else
		st = stmt_get(s, q->feeds != NULL ? STMT_ROWS_FEEDS :
		    STMT_ROWS);
	bind_int(s, st, 1, q->unread != 0);
	bind_int(s, st, 2, q->starred != 0);
	bind_int(s, st, 3, q->updated != 0);
	if (like != NULL)
		bind_text(s, st, 4, like);
	if (q->feeds != NULL) {
		ids = id_array(q->feeds, q->nfeeds);
		bind_text(s, st, 5, ids);
	}
	while ((rc = stmt_row(s, st, STORE_READ, cause)) == 1) {
		if (n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			rows = xreallocarray(rows, cap, sizeof *rows);
		}
		row_read(st, &rows[n++]);
	}
	/* The bound texts must outlive the statement's last step. */
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	free(like);
	free(ids);
	if (rc < 0) {
		free(rows);
		return -1;
	}
	rows_sort(rows, n, 2 * log2_size(n));
	if (q->limit > 0 && n > q->limit)
		n = q->limit;	/* a search with a limit */
	*rowsp = rows;
	*np = n;
	return 0;
}

/* Runs a one-row lookup of an article by id: 1, or -1 with *cause. */
static int
article_row(struct store *s, sqlite3_stmt *st, int64_t id, char **cause)
{
	int	 r;

	bind_int(s, st, 1, id);
	if ((r = stmt_row(s, st, STORE_READ, cause)) == 1)
		return 1;
	if (r == 0 && cause != NULL) {
		/* TRANSLATORS: %1$s is the cache file, %2$lld a number. */
		xasprintf(cause, _("%1$s: no article %2$lld in the cache"),
		    s->path, (long long)id);
	}
	return -1;
}

int
store_item_title(struct store *s, int64_t id, char **title, char **cause)
{
	sqlite3_stmt	*st = stmt_get(s, STMT_ITEM_TITLE);

	*title = NULL;
	if (article_row(s, st, id, cause) < 0)
		return -1;
	*title = column_str(st, 0);
	sqlite3_reset(st);
	return 0;
}

int
store_article(struct store *s, int64_t id, struct store_article *a,
    char **cause)
{
	sqlite3_stmt	*st = stmt_get(s, STMT_ARTICLE);

	memset(a, 0, sizeof *a);
	if (article_row(s, st, id, cause) < 0)
		return -1;
	a->title = column_str(st, 0);
	a->link = column_str(st, 1);
	a->author = column_str(st, 2);
	a->feed_title = column_str(st, 3);
	a->feed_url = column_str(st, 4);
	a->feed_link = column_str(st, 5);
	a->published = column_time(st, 6);
	a->updated = column_time(st, 7);
	a->first_seen = column_time(st, 8);
	a->summary = column_str(st, 9);
	a->summary_html = sqlite3_column_int(st, 10) != 0;
	a->content = column_str(st, 11);
	a->content_html = sqlite3_column_int(st, 12) != 0;
	a->fulltext = column_str(st, 13);
	a->read = sqlite3_column_int(st, 14) != 0;
	a->starred = sqlite3_column_int(st, 15) != 0;
	a->is_updated = sqlite3_column_int(st, 16) != 0;
	sqlite3_reset(st);
	return 0;
}

void
store_article_clear(struct store_article *a)
{
	free(a->title);
	free(a->link);
	free(a->author);
	free(a->feed_title);
	free(a->feed_url);
	free(a->feed_link);
	free(a->summary);
	free(a->content);
	free(a->fulltext);
	memset(a, 0, sizeof *a);
}

int
store_set_fulltext(struct store *s, int64_t id, const char *html,
    char **cause)
{
	sqlite3_stmt	*st = stmt_get(s, STMT_SET_FULLTEXT);

	bind_int(s, st, 1, id);
	bind_text(s, st, 2, html);
	return stmt_run(s, st, STORE_WRITE, cause);
}

int
store_set_read_many(struct store *s, const int64_t *ids, size_t n,
    int read, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 i;

	if (txn_begin(s, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		st = stmt_get(s, STMT_SET_READ);
		bind_int(s, st, 1, ids[i]);
		bind_int(s, st, 2, read != 0);
		if (stmt_run(s, st, STORE_WRITE, cause) != 0) {
			txn_abort(s);
			return -1;
		}
	}
	return txn_commit(s, cause);
}

void
store_set_revisions(struct store *s, unsigned n)
{
	s->revisions = n > 0 ? n : 1;
}

int
store_revisions(struct store *s, int64_t id, struct store_revision **revsp,
    size_t *np, char **cause)
{
	struct store_revision	*revs = NULL, *rv;
	sqlite3_stmt		*st;
	size_t			 n = 0, cap = 0;
	int			 r;

	*revsp = NULL;
	*np = 0;
	st = stmt_get(s, STMT_REVISIONS);
	bind_int(s, st, 1, id);
	while ((r = stmt_row(s, st, STORE_READ, cause)) == 1) {
		if (n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			revs = xreallocarray(revs, cap, sizeof *revs);
		}
		rv = &revs[n++];
		rv->seen = column_time(st, 0);
		rv->replaced = column_time(st, 1);
		rv->title = column_str(st, 2);
		rv->summary = column_str(st, 3);
		rv->summary_html = sqlite3_column_int(st, 4) != 0;
		rv->content = column_str(st, 5);
		rv->content_html = sqlite3_column_int(st, 6) != 0;
	}
	if (r < 0) {
		store_revisions_free(revs, n);
		return -1;
	}
	*revsp = revs;
	*np = n;
	return 0;
}

void
store_revisions_free(struct store_revision *revs, size_t n)
{
	size_t	 i;

	if (revs == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(revs[i].title);
		free(revs[i].summary);
		free(revs[i].content);
	}
	free(revs);
}

/* Hooks of a refresh: stories and poll intervals, in the feed's txn. */

#define STORE_ACTIVITY_DATES	20	/* newest dates a schedule reads */
#define STORE_FOLLOW_RECENT	(7 * 86400)	/* a followed story counts
						   this long after its latest */

void
store_set_hooks(struct store *s, const struct store_hooks *h)
{
	if (h == NULL)
		memset(&s->hooks, 0, sizeof s->hooks);
	else
		s->hooks = *h;
}

void
store_set_max_age(struct store *s, int64_t max_age)
{
	s->max_age = max_age;
}

/* Runs the new-item hook for an article just inserted. */
static int
new_item_run(struct store *s, int64_t id, int64_t feed_id,
    const struct feed *f, const struct item *it, int64_t now, char **cause)
{
	struct store_new_item	 ni;

	ni.id = id;
	ni.feed_id = feed_id;
	ni.time = it->published != FEED_NOTIME ? it->published : now;
	ni.item = it;
	ni.feed = f;
	return s->hooks.new_item(s->hooks.ud, s, &ni, cause);
}

/* Asks the interval hook for the feed's poll interval and stores it. */
static int
schedule(struct store *s, int64_t feed_id, const struct feed *f,
    int64_t now, char **cause)
{
	struct store_activity	 a;
	sqlite3_stmt		*st;
	int64_t			 dates[STORE_ACTIVITY_DATES], interval;
	size_t			 n = 0;
	int			 r;

	st = stmt_get(s, STMT_FEED_DATES);
	bind_int(s, st, 1, feed_id);
	bind_int(s, st, 2, STORE_ACTIVITY_DATES);
	while ((r = stmt_row(s, st, STORE_WRITE, cause)) == 1)
		if (n < STORE_ACTIVITY_DATES &&
		    sqlite3_column_type(st, 0) != SQLITE_NULL)
			dates[n++] = sqlite3_column_int64(st, 0);
	if (r < 0)
		return -1;
	st = stmt_get(s, STMT_ANY_FOLLOWED);
	bind_int(s, st, 1, now - STORE_FOLLOW_RECENT);
	if ((r = stmt_row(s, st, STORE_WRITE, cause)) < 0)
		return -1;
	sqlite3_reset(st);
	if (r == 1) {
		st = stmt_get(s, STMT_FEED_FOLLOWED);
		bind_int(s, st, 1, feed_id);
		bind_int(s, st, 2, now - STORE_FOLLOW_RECENT);
		if ((r = stmt_row(s, st, STORE_WRITE, cause)) < 0)
			return -1;
		sqlite3_reset(st);
	}
	a.dates = dates;
	a.ndates = n;
	a.ttl = f->ttl;
	a.max_age = s->max_age;
	a.followed = r == 1;
	a.now = now;
	interval = s->hooks.interval(s->hooks.ud, &a);

	st = stmt_get(s, STMT_FEED_SCHEDULE);
	bind_int(s, st, 1, feed_id);
	bind_int(s, st, 2, interval < 0 ? 0 : interval);
	return stmt_run(s, st, STORE_WRITE, cause);
}

/* Ongoing stories. */

/*
 * Inside store_update_feed, a new story's row waits in s->grow with its
 * first articles and is written once, by grow_flush, with the id it was
 * given here: one past the largest, looked up once a transaction (its
 * write lock keeps other connections from taking it).  Writing the row
 * at once, looking up whether it was followed and updating it for its
 * article cost three statements a story, most of the store's work for
 * the stories of a cold refresh of news.
 */
int
store_story_new(struct store *s, int64_t t, int64_t *id, char **cause)
{
	sqlite3_stmt	*st;
	struct grow	*g;
	int64_t		 max;
	int		 r;

	if (!s->batch) {
		st = stmt_get(s, STMT_STORY_NEW);
		bind_int(s, st, 2, t);
		bind_int(s, st, 3, t);
		bind_int(s, st, 4, 0);
		bind_int(s, st, 6, (int64_t)time(NULL));
		if (stmt_run(s, st, STORE_WRITE, cause) != 0)
			return -1;
		*id = sqlite3_last_insert_rowid(s->db);
		return 0;
	}
	if (s->next_story == 0) {
		st = stmt_get(s, STMT_STORY_NEXT);
		if ((r = stmt_row(s, st, STORE_WRITE, cause)) < 0)
			return -1;
		max = r > 0 ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (max == INT64_MAX) {
			/* What SQLite says when AUTOINCREMENT runs out. */
			s->bind_rc = SQLITE_FULL;
			return store_fail(s, STORE_WRITE, cause);
		}
		s->next_story = max + 1;
	}
	if (s->ngrow == STORE_GROW_MAX && grow_flush(s, cause) != 0)
		return -1;
	g = &s->grow[s->ngrow++];
	g->story = *id = s->next_story++;
	g->first = g->latest = t;
	g->articles = 0;
	g->label = 0;
	g->followed = 0;
	g->made = 1;
	g->created = (int64_t)time(NULL);
	return 0;
}

int
store_story_assign(struct store *s, int64_t item, int64_t story, int64_t t,
    int64_t label, char **cause)
{
	sqlite3_stmt	*st;
	struct grow	*g = NULL;
	size_t		 i;
	int		 r;

	for (i = s->ngrow; s->batch && i > 0; i--)
		if (s->grow[i - 1].story == story) {
			g = &s->grow[i - 1];
			break;
		}
	if (g == NULL) {
		if (s->ngrow == STORE_GROW_MAX && grow_flush(s, cause) != 0)
			return -1;
		g = &s->grow[s->ngrow];
		g->story = story;
		g->first = g->latest = t;
		g->articles = 0;
		g->label = 0;
		g->made = 0;
		/* Looked up once a story and feed, not once an article. */
		st = stmt_get(s, STMT_STORY_FOLLOWED);
		bind_int(s, st, 1, story);
		if ((r = stmt_row(s, st, STORE_WRITE, cause)) < 0)
			return -1;
		if (r == 0)
			return no_story(s, story, 0, cause);
		g->followed = sqlite3_column_int(st, 0) != 0;
		sqlite3_reset(st);
		s->ngrow++;
	}
	if (s->nmembers == MEMBERS_MAX && members_flush(s, cause) != 0)
		return -1;
	if (s->members == NULL)
		s->members = xreallocarray(NULL, MEMBERS_MAX,
		    sizeof *s->members);
	s->members[s->nmembers].item = item;
	s->members[s->nmembers].story = story;
	s->members[s->nmembers].fresh = g->followed;
	s->nmembers++;
	if (t < g->first)
		g->first = t;
	if (t > g->latest)
		g->latest = t;
	g->articles++;
	if (label > 0)
		g->label = label;
	return s->batch ? 0 : grow_flush(s, cause);
}

/*
 * The statement that writes 2^k rows of story_items, made when first
 * needed.  A statement of several rows skips a row whose article has a
 * story already instead of failing: one that may fail halfway through
 * its rows makes SQLite copy every page it touches to a statement
 * journal first, which was a third of what writing a row cost.
 * members_flush tells a skipped row from the count of changes.
 */
static sqlite3_stmt *
member_stmt(struct store *s, int k)
{
	char	 sql[128 + 8 * (1 << (MEMBER_LEVELS - 1))];
	size_t	 len, r;

	if (s->member_rows[k] != NULL)
		return s->member_rows[k];
	len = (size_t)snprintf(sql, sizeof sql, "INSERT%s INTO story_items "
	    "(item_id, story_id, fresh) VALUES (?,?,?)",
	    k > 0 ? " OR IGNORE" : "");
	for (r = 1; r < (size_t)1 << k; r++)
		len += (size_t)snprintf(sql + len, sizeof sql - len,
		    ",(?,?,?)");
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &s->member_rows[k], NULL) != SQLITE_OK)
		return NULL;
	return s->member_rows[k];
}

/* Binds m as row r of a statement of member_stmt. */
static void
member_bind(struct store *s, sqlite3_stmt *st, int r, const struct member *m)
{
	bind_int(s, st, 3 * r + 1, m->item);
	bind_int(s, st, 3 * r + 2, m->story);
	bind_int(s, st, 3 * r + 3, m->fresh);
}

/*
 * Writes the pending rows of story_items, as few statements as the
 * powers of two in their count (32 rows a statement at most).
 */
static int
members_flush(struct store *s, char **cause)
{
	sqlite3_stmt		*st;
	size_t			 i = 0, n, r;
	int			 k, rc = 0;

	while (rc == 0 && i < s->nmembers) {
		for (k = MEMBER_LEVELS - 1; ((size_t)1 << k) > s->nmembers - i;
		    k--)
			;
		n = (size_t)1 << k;
		if ((st = member_stmt(s, k)) == NULL) {
			rc = store_fail(s, STORE_WRITE, cause);
			break;
		}
		s->bind_rc = SQLITE_OK;
		for (r = 0; r < n; r++)
			member_bind(s, st, (int)r, &s->members[i + r]);
		rc = stmt_run(s, st, STORE_WRITE, cause);
		if (rc == 0 && k > 0 && (size_t)sqlite3_changes(s->db) != n) {
			/*
			 * A row was ignored: its article had a story.  Every
			 * article of these rows has one now, so writing the
			 * first again fails, with SQLite's own message.
			 */
			if ((st = member_stmt(s, 0)) == NULL) {
				rc = store_fail(s, STORE_WRITE, cause);
				break;
			}
			member_bind(s, st, 0, &s->members[i]);
			rc = stmt_run(s, st, STORE_WRITE, cause);
		}
		i += n;
	}
	s->nmembers = 0;
	return rc;
}

/* Writes the stories' pending growth and new stories, and their articles'
   rows of story_items before. */
static int
grow_flush(struct store *s, char **cause)
{
	sqlite3_stmt	*st;
	struct grow	*g;
	size_t		 i;

	if (members_flush(s, cause) != 0) {
		s->ngrow = 0;
		return -1;
	}
	for (i = 0; i < s->ngrow; i++) {
		g = &s->grow[i];
		st = stmt_get(s, g->made ? STMT_STORY_NEW : STMT_STORY_GROW);
		bind_int(s, st, 1, g->story);
		bind_int(s, st, 2, g->first);
		bind_int(s, st, 3, g->latest);
		bind_int(s, st, 4, g->articles);
		if (g->label > 0)
			bind_int(s, st, 5, g->label);
		if (g->made)
			bind_int(s, st, 6, g->created);
		if (stmt_run(s, st, STORE_WRITE, cause) != 0 ||
		    no_story(s, g->story, sqlite3_changes(s->db), cause) != 0) {
			s->ngrow = 0;
			return -1;
		}
	}
	s->ngrow = 0;
	return 0;
}

/* -1 with *cause when a statement on story id changed no row. */
static int
no_story(struct store *s, int64_t id, int changes, char **cause)
{
	if (changes > 0)
		return 0;
	if (cause != NULL) {
		/* TRANSLATORS: %1$s is the cache file, %2$lld a story's
		   number in it. */
		xasprintf(cause, _("%1$s: no story %2$lld in the cache"),
		    s->path, (long long)id);
	}
	return -1;
}

int
store_stories(struct store *s, const struct store_story_query *q,
    struct store_story **storiesp, size_t *np, char **cause)
{
	static const struct store_story_query	 all;
	struct store_story			*v = NULL, *ss;
	sqlite3_stmt				*st;
	size_t					 n = 0, cap = 0;
	int					 r;

	*storiesp = NULL;
	*np = 0;
	if (q == NULL)
		q = &all;
	st = stmt_get(s, STMT_STORIES);
	bind_int(s, st, 1, q->followed != 0);
	bind_int(s, st, 2, q->min_articles);
	bind_int(s, st, 3, q->limit == 0 || q->limit >= (size_t)INT64_MAX ?
	    -1 : (int64_t)q->limit);
	while ((r = stmt_row(s, st, STORE_READ, cause)) == 1) {
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		ss = &v[n++];
		ss->id = sqlite3_column_int64(st, 0);
		ss->label = column_str(st, 1);
		ss->first = column_time(st, 2);
		ss->latest = column_time(st, 3);
		ss->articles = (unsigned)sqlite3_column_int64(st, 4);
		ss->sources = (unsigned)sqlite3_column_int64(st, 5);
		ss->unread = (unsigned)sqlite3_column_int64(st, 6);
		ss->fresh = (unsigned)sqlite3_column_int64(st, 7);
		ss->followed = sqlite3_column_int(st, 8) != 0;
	}
	if (r < 0) {
		store_stories_free(v, n);
		return -1;
	}
	*storiesp = v;
	*np = n;
	return 0;
}

void
store_stories_free(struct store_story *v, size_t n)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i].label);
	free(v);
}

int
store_story_items(struct store *s, int64_t story,
    struct store_story_item **itemsp, size_t *np, char **cause)
{
	struct store_story_item	*v = NULL, *si;
	sqlite3_stmt		*st;
	size_t			 n = 0, cap = 0;
	int			 r;

	*itemsp = NULL;
	*np = 0;
	st = stmt_get(s, STMT_STORY_ITEMS);
	bind_int(s, st, 1, story);
	while ((r = stmt_row(s, st, STORE_READ, cause)) == 1) {
		if (n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		si = &v[n++];
		si->id = sqlite3_column_int64(st, 0);
		si->feed_id = sqlite3_column_int64(st, 1);
		si->feed_title = column_str(st, 2);
		si->title = column_str(st, 3);
		si->link = column_str(st, 4);
		si->time = column_time(st, 5);
		si->read = sqlite3_column_int(st, 6) != 0;
		si->starred = sqlite3_column_int(st, 7) != 0;
		si->fresh = sqlite3_column_int(st, 8) != 0;
	}
	if (r < 0) {
		store_story_items_free(v, n);
		return -1;
	}
	*itemsp = v;
	*np = n;
	return 0;
}

void
store_story_items_free(struct store_story_item *v, size_t n)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].feed_title);
		free(v[i].title);
		free(v[i].link);
	}
	free(v);
}

int
store_item_story(struct store *s, int64_t item, int64_t *story,
    int *followed, char **cause)
{
	sqlite3_stmt	*st = stmt_get(s, STMT_ITEM_STORY);

	*story = 0;
	*followed = 0;
	if (article_row(s, st, item, cause) < 0)
		return -1;
	if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*story = sqlite3_column_int64(st, 0);
		*followed = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	return 0;
}

int
store_story_follow(struct store *s, int64_t story, int on, char **cause)
{
	sqlite3_stmt	*st;

	if (txn_begin(s, cause) != 0)
		return -1;
	st = stmt_get(s, STMT_STORY_FOLLOW);
	bind_int(s, st, 1, story);
	bind_int(s, st, 2, on != 0);
	if (stmt_run(s, st, STORE_WRITE, cause) != 0 ||
	    no_story(s, story, sqlite3_changes(s->db), cause) != 0)
		goto fail;
	/* Unfollowed, its articles are no longer new in a followed story. */
	if (!on) {
		st = stmt_get(s, STMT_STORY_UNFRESH);
		bind_int(s, st, 1, story);
		if (stmt_run(s, st, STORE_WRITE, cause) != 0)
			goto fail;
	}
	return txn_commit(s, cause);

fail:
	txn_abort(s);
	return -1;
}

int
store_story_set_read(struct store *s, int64_t story, int read, char **cause)
{
	sqlite3_stmt	*st = stmt_get(s, STMT_STORY_SET_READ);

	bind_int(s, st, 1, story);
	bind_int(s, st, 2, read != 0);
	return stmt_run(s, st, STORE_WRITE, cause);
}

int
store_story_fresh(struct store *s, int64_t **idsp, size_t *np, char **cause)
{
	sqlite3_stmt	*st = stmt_get(s, STMT_STORY_FRESH);
	int64_t		*ids = NULL;
	size_t		 n = 0, cap = 0;
	int		 r;

	*idsp = NULL;
	*np = 0;
	while ((r = stmt_row(s, st, STORE_READ, cause)) == 1) {
		if (n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			ids = xreallocarray(ids, cap, sizeof *ids);
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	if (r < 0) {
		free(ids);
		return -1;
	}
	*idsp = ids;
	*np = n;
	return 0;
}

int
store_feed_set_lang(struct store *s, int64_t feed, const char *lang,
    char **cause)
{
	sqlite3_stmt	*st = stmt_get(s, STMT_FEED_SET_LANG);

	bind_int(s, st, 1, feed);
	bind_text(s, st, 2, lang);
	return stmt_run(s, st, STORE_WRITE, cause);
}

int
store_story_hot(struct store *s, int64_t window, size_t max_stories,
    size_t per_story, void (*fn)(void *, const struct store_hot_item *),
    void *ud, char **cause)
{
	struct store_hot_item	 h;
	sqlite3_stmt		*st;
	int64_t			 newest;
	int			 r;

	/* Inside a feed's update, its articles so far count too. */
	if (members_flush(s, cause) != 0)
		return -1;
	st = stmt_get(s, STMT_STORY_NEWEST);
	if ((r = stmt_row(s, st, STORE_READ, cause)) < 0)
		return -1;
	if (r == 0 || sqlite3_column_type(st, 0) == SQLITE_NULL) {
		sqlite3_reset(st);
		return 0;	/* no stories yet */
	}
	newest = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);

	st = stmt_get(s, STMT_STORY_HOT);
	bind_int(s, st, 1, newest - window);
	bind_int(s, st, 2, max_stories == 0 || max_stories >=
	    (size_t)INT64_MAX ? -1 : (int64_t)max_stories);
	bind_int(s, st, 3, per_story == 0 || per_story >= (size_t)INT64_MAX ?
	    -1 : (int64_t)per_story);
	while ((r = stmt_row(s, st, STORE_READ, cause)) == 1) {
		h.id = sqlite3_column_int64(st, 0);
		h.feed_id = sqlite3_column_int64(st, 1);
		h.story = sqlite3_column_int64(st, 2);
		h.time = sqlite3_column_int64(st, 3);
		h.lang = (const char *)sqlite3_column_text(st, 4);
		h.title = (const char *)sqlite3_column_text(st, 5);
		h.text = (const char *)sqlite3_column_text(st, 6);
		h.link = (const char *)sqlite3_column_text(st, 7);
		fn(ud, &h);
	}
	return r < 0 ? -1 : 0;
}
