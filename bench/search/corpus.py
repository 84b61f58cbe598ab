#!/usr/bin/env python3
"""Generates the search bench's corpus, deterministically (seed 24).

corpus.py OUT FILES TEXT_FILES [PREFIX]

Writes under OUT:
  files/        the text files (PDF, docx, Markdown, one in three each), by corpus path; the other files share one
                empty file, files/empty (their names and types are what a search finds them by)
  folders.txt   every folder, parents first
  uploads.cfg   a curl config (upload-file, url) for every file, url relative to {BASE}
  manifest.tsv  path, extension, words of the text (the text the extractor should read back), one file a line
The tree is PREFIX/Dept-001..Dept-200, each with ten project folders; files are spread evenly over the project
folders. Words come from a Zipf-distributed vocabulary of made-up words, plus the bench's query words at fixed
rates, so the queries hit a known, realistic part of the corpus.
"""
import os, random, sys, zipfile

out, total, texts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
prefix = sys.argv[4] if len(sys.argv) > 4 else "/Shared/Corpus"
rng = random.Random(24)
DEPTS, PROJECTS = 200, 10

syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "pen", "dar", "qua", "bel", "tor", "gan", "fi", "sol"]
vocabulary = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(9000)})
rng.shuffle(vocabulary)
weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
# Query words at fixed rates per text: common, medium and rare, so hits range from thousands to tens.
planted = {"forecast": 0.30, "quarterly": 0.20, "invoice": 0.10, "turbine": 0.03, "zephyrine": 0.005}
name_words = ["report", "budget", "forecast", "invoice", "minutes", "design", "draft", "final", "review", "plan",
              "contract", "photo", "backup", "build", "release", "notes", "spec", "diagram", "scan", "export"]
binary_types = ["psd", "zip", "7z", "iso", "dwg", "bin", "dat", "dmp", "exe", "sketch"]


def words(n):
    chosen = rng.choices(vocabulary, weights=weights, k=n)
    for word, rate in planted.items():
        if rng.random() < rate:
            chosen[rng.randrange(n)] = word
    return chosen


def pdf(lines):
    """A one-page PDF with the lines as real text (Helvetica), written by hand: xref offsets are exact."""
    stream = "BT /F1 10 Tf 40 800 Td 12 TL\n" + "".join("(%s) Tj T*\n" % line for line in lines) + "ET"
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               "<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    body, offsets = "%PDF-1.4\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += "%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += "xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + "".join("%010d 00000 n \n" % o for o in offsets)
    body += "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return body.encode("ascii")


def docx(path, lines):
    paragraphs = "".join("<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % line for line in lines)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>' % paragraphs)


def name(i, ext):
    style = i % 3
    a, b = rng.choice(name_words), rng.choice(vocabulary)
    stem = ["%s_%s-%d" % (a, b, i), "%s%s%d" % (a.capitalize(), b.capitalize(), i), "%s.%s.%d" % (b, a, i)][style]
    return "%s.%s" % (stem, ext)


os.makedirs(os.path.join(out, "files"), exist_ok=True)
open(os.path.join(out, "files", "empty"), "wb").close()
folders = [prefix] + ["%s/Dept-%03d" % (prefix, d) for d in range(1, DEPTS + 1)]
projects = ["%s/Dept-%03d/Project-%02d" % (prefix, d, p) for d in range(1, DEPTS + 1) for p in range(1, PROJECTS + 1)]
with open(os.path.join(out, "folders.txt"), "w") as f:
    f.write("\n".join(folders + projects) + "\n")

text_every = total / texts if texts else float("inf")
with open(os.path.join(out, "uploads.cfg"), "w") as cfg, open(os.path.join(out, "manifest.tsv"), "w") as manifest:
    made_texts = 0
    for i in range(total):
        folder = projects[i % len(projects)]
        if made_texts < texts and i >= made_texts * text_every:
            ext = ["pdf", "docx", "md"][made_texts % 3]
            text = words(rng.randint(150, 600))
            lines = [" ".join(text[k:k + 12]) for k in range(0, len(text), 12)]
            local = os.path.join(out, "files", "t%06d.%s" % (made_texts, ext))
            if ext == "pdf":
                open(local, "wb").write(pdf(lines))
            elif ext == "docx":
                docx(local, lines)
            else:
                open(local, "w").write("# %s\n\n%s\n" % (text[0], "\n".join(lines)))
            made_texts += 1
        else:
            ext, text, local = rng.choice(binary_types), [], os.path.join(out, "files", "empty")
        path = "%s/%s" % (folder, name(i, ext))
        cfg.write('upload-file = "%s"\nurl = "{BASE}/api/v1/fs-content%s"\noutput = "/dev/null"\n' % (local, path))
        manifest.write("%s\t%s\t%s\n" % (path, ext, " ".join(text)))
print("corpus: %d files, %d with text, %d folders" % (total, made_texts, len(folders) + len(projects)), file=sys.stderr)
