"""Builds data/sample/meantime/*.json from the MEANTIME Wikinews articles (CC-BY 4.0 annotations,
Wikinews text CC-BY 2.5): one JSON article per document, with title, date (the annotated document
creation time), url and the text detokenised from MEANTIME's tokens.

Usage: python3 scripts/meantime_to_sample.py ../shared/data/meantime_newsreader_en data/sample/meantime
"""
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "'s", "'", "n't", "%", "'re", "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


def detok(tokens):
    out = ""
    quote_open = False
    for t in tokens:
        t = {"``": "\u201c", "''": "\u201d"}.get(t, t)
        if t in ("\u201c",):
            out += ("" if not out else " ") + t
            continue
        if t in ("\u201d",):
            out += t
            continue
        if t == '"':
            if quote_open:
                out += t
            else:
                out += ("" if not out or out.endswith((" ", "(")) else " ") + t
            quote_open = not quote_open
            continue
        if not out or t in NO_SPACE_BEFORE or out.endswith(tuple(NO_SPACE_AFTER) + ("\u201c",)) or (quote_open and out.endswith('"')):
            out += t
        else:
            out += " " + t
    return out


def main(src, dst):
    src = pathlib.Path(src) / "data/meantime_newsreader_english_oct15/intra-doc_annotation"
    dst = pathlib.Path(dst)
    dst.mkdir(parents=True, exist_ok=True)
    n = 0
    for xml in sorted(src.glob("corpus_*/*.xml")):
        root = ET.parse(xml).getroot()
        sents = {}
        for tok in root.iter("token"):
            sents.setdefault(int(tok.get("sentence")), []).append(tok.text or "")
        dct = None
        for t in root.iter("TIMEX3"):
            if t.get("functionInDocument") == "CREATION_TIME" and re.match(r"^\d{4}-\d{2}-\d{2}$", t.get("value") or ""):
                dct = t.get("value")
        order = sorted(sents)
        title = detok(sents[order[0]])
        body = [detok(sents[i]) for i in order[1:]]
        # The second sentence is the dateline-like date of the Wikinews page ("Friday, October 7, 2005").
        if body and re.match(r"^(\w+, )?\w+ \d{1,2}, \d{4}$", body[0]):
            body = body[1:]
        article = {
            "title": title,
            "date_publish": dct,
            "url": root.get("url") or f"https://en.wikinews.org/wiki/{root.get('doc_name', xml.stem)}",
            "source": "MEANTIME (NewsReader), Wikinews, CC-BY",
            "text": "\n\n".join(body),
        }
        (dst / (xml.stem[:80] + ".json")).write_text(json.dumps(article, ensure_ascii=False, indent=1) + "\n")
        n += 1
    print(f"{n} articles written to {dst}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
