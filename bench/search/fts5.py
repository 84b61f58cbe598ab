#!/usr/bin/env python3
"""The SQLite FTS5 peer of the search bench: the same corpus text, the same queries, the same visibility.

fts5.py DB MANIFEST TAGGED VISIBLE RUNS QUERY...

Builds an FTS5 index (unicode61 tokenizer with diacritics removed, as Strata folds accents) over name, path, type,
tags and text of every file in MANIFEST (path, type, text; TAGGED lists the tagged paths), then answers each QUERY
RUNS times the way Strata's API does: the first 20 by relevance with two snippets, and the total, limited to what
the member may see (VISIBLE: +folder for a visible root, -folder for a denied sub-tree). Strata's filters are
translated: type:X, tag:X, in:/folder, modified:>date. Prints key=value lines: index size, build time, and p50/p95
per query in ms (in-process, no HTTP).
"""
import os, sqlite3, sys, time

db_path, manifest, tagged_file, visible_file, runs, queries = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6:]
if os.path.exists(db_path):
    os.remove(db_path)
con = sqlite3.connect(db_path)
con.execute("CREATE VIRTUAL TABLE docs USING fts5(name, path, type, tags, body, root UNINDEXED, folder UNINDEXED, "
            "modified UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')")
tagged = set(open(tagged_file).read().split("\n"))
started = time.perf_counter()
text_bytes = 0
with open(manifest) as f:
    rows = []
    for line in f:
        path, ext, text = line.rstrip("\n").split("\t")
        text_bytes += len(text.encode())
        parts = path.split("/")
        name, depth = parts[-1], next(i for i, part in enumerate(parts) if part.startswith("Dept-")) + 1
        # Names split like Strata's: on _ - . and camelCase, so "BudgetReview12.psd" is found by "review".
        spaced = "".join(" " + c if c.isupper() else c for c in name).replace("_", " ").replace("-", " ").replace(".", " ")
        rows.append((name + " " + spaced, path, ext, "release-7" if path in tagged else "", text,
                     "/".join(parts[:depth]), "/".join(parts[:depth + 1]), "2026-12-06"))
    con.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
con.execute("INSERT INTO docs(docs) VALUES ('optimize')")
con.commit()
print("fts5.build_s=%.1f" % (time.perf_counter() - started))
print("fts5.text_MB=%.1f" % (text_bytes / 1e6))
print("fts5.index_MB=%.1f" % (os.path.getsize(db_path) / 1e6))

roots, denied = [], []
for line in open(visible_file):
    line = line.strip()
    if line:
        (roots if line[0] == "+" else denied).append(line[1:])
visibility = "root IN (%s)" % ",".join("?" * len(roots)) + (" AND folder NOT IN (%s)" % ",".join("?" * len(denied)) if denied else "")


def translate(query):
    """Strata's query language, the parts the bench uses, as an FTS5 MATCH and SQL conditions."""
    terms, where, args = [], [], []
    for token in query.split():
        key, _, value = token.partition(":")
        if key == "type" and value:
            terms.append('type:"%s"' % value)
        elif key == "tag" and value:
            terms.append('tags:"%s"' % value)
        elif key == "in" and value:
            where.append("(path LIKE ? || '/%')")
            args.append(value)
        elif key == "modified" and value.startswith(">"):
            where.append("modified > ?")
            args.append(value[1:])
        else:
            terms.append('{name body tags}:"%s"' % token)
    return " AND ".join(terms), where, args


for query in queries:
    match, where, args = translate(query)
    condition = " AND ".join(["docs MATCH ?", visibility] + where)
    page_sql = ("SELECT path, snippet(docs, 4, '<b>', '</b>', '…', 24), snippet(docs, 4, '<b>', '</b>', '…', 24) "
                "FROM docs WHERE %s ORDER BY rank LIMIT 20" % condition)
    count_sql = "SELECT count(*) FROM docs WHERE %s" % condition
    params = [match] + roots + denied + args
    times = []
    for _ in range(runs + 1):
        t = time.perf_counter()
        page = con.execute(page_sql, params).fetchall()
        total = con.execute(count_sql, params).fetchone()[0]
        times.append((time.perf_counter() - t) * 1000)
    times = sorted(times[1:])  # the first run warms the cache, as Strata's warm-up request does
    key = query.replace(" ", "_").replace(":", "-").replace(">", "gt").replace("/", "_")
    print("fts5.%s_hits=%d" % (key, total))
    print("fts5.%s_ms_p50=%.2f" % (key, times[int(len(times) * 0.50 + 0.999) - 1]))
    print("fts5.%s_ms_p95=%.2f" % (key, times[int(len(times) * 0.95 + 0.999) - 1]))
