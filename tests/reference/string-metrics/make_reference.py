#!/usr/bin/env python3
"""Reference values for Adrn.Linkage string metrics and phonetic codes.

Independent sources (no code of ours is involved):
  * Python jellyfish 0.8.9 (Debian package python3-jellyfish; the C extension cjellyfish):
    jaro_similarity, jaro_winkler_similarity, levenshtein_distance,
    damerau_levenshtein_distance, soundex.
  * R stringdist 0.9.10 (Debian package r-cran-stringdist), via stringdist_reference.R:
    methods "jw" (p = 0, 0.1 and 0.2, bt = 0), "lv", "osa", "dl".
  * npm double-metaphone 2.0.1 (Titus Wormer), via double_metaphone_reference.mjs.

To regenerate (Debian; the npm package is installed outside the repository):
    apt-get install -y python3-jellyfish r-cran-stringdist nodejs npm
    npm install --prefix /tmp/dmref double-metaphone@2.0.1
    /usr/bin/python3 tests/reference/string-metrics/make_reference.py
FEBRL data is read from /work/shared/data/febrl (dataset4a/4b_clean.csv, dataset4_truth_pairs.csv).
The script is deterministic (fixed seed): rerunning it reproduces the committed files.
Outputs: metrics_expected.csv, soundex_expected.csv, double_metaphone_expected.csv. The C# tests read the *_expected.csv files.
"""
import csv
import os
import random
import subprocess
import sys

import jellyfish

HERE = os.path.dirname(os.path.abspath(__file__))
FEBRL = "/work/shared/data/febrl"
random.seed(20261125)


def read_febrl(name):
    with open(os.path.join(FEBRL, name), newline="", encoding="utf-8") as f:
        return {row["rec_id"]: row for row in csv.DictReader(f)}


def febrl_pairs():
    """True-match pairs (dataset4a original, dataset4b duplicate) for names and addresses."""
    a = read_febrl("dataset4a_clean.csv")
    b = read_febrl("dataset4b_clean.csv")
    truth = []
    with open(os.path.join(FEBRL, "dataset4_truth_pairs.csv"), newline="") as f:
        for row in csv.DictReader(f):
            truth.append((row["a_rec_id"], row["b_rec_id"]))
    truth.sort()
    pairs = []
    # Pairs that differ are the informative ones; keep some identical ones too.
    for field, wanted in (("given_name", 70), ("surname", 70), ("address_1", 20)):
        differing = [(a[x][field], b[y][field]) for x, y in truth if a[x][field] != b[y][field]]
        same = [(a[x][field], b[y][field]) for x, y in truth if a[x][field] == b[y][field] and a[x][field]]
        chosen = random.sample(differing, wanted - 5) + random.sample(same, 5)
        pairs += [(p, q, "febrl4-" + field) for p, q in chosen]
    # Non-matches: random 4a surname against random 4b surname (mostly Jaro below 0.7).
    ids_a = sorted(a)
    ids_b = sorted(b)
    for _ in range(25):
        pairs.append((a[random.choice(ids_a)]["surname"], b[random.choice(ids_b)]["surname"], "febrl4-nonmatch"))
    return pairs


CLASSIC_NAMES = """Smith Schmidt Thomas Xavier Jose Caesar Chianti Michael Chemistry Chorus Architect
Orchestra Orchid Wachtler Wechsler Tichner McHugh Czerny Focaccia McClellan Bellocchio Bacchus Accident
Accede Succeed Bacci Bertucci Edge Edgar Ghislane Ghiradelli Hugh Bough Broughton Laugh McLaughlin Cough
Gough Rough Tough Cagney Tagliaro Danger Ranger Manger Biaggi Jankelowicz Yankelovich Bajador Cabrillo
Gallegos Dumb Thumb Campbell Raspberry Rogier Hochmeier Island Isle Carlisle Carlysle Sugar Snider
Schneider School Schooner Schermerhorn Schenker Resnais Artois Thames Wasserman Vasserman Womo Arnow
Arnoff Filipowicz Philipowitz Breaux Zhao Kuczewski Kutchefski Jean Gnome Knight Pneumatic Wright
Psychology Aubrey Philips Lawrence Dodgy Agnes Gerry Geller Ginger Womack Hopkins Maurice Bacher Macher
Jablonski Yablonsky Brian Bryan Auto Otto Steven Stefan Stephan MacCafferey McClelland xenophobia testing
quick brown fox jumped over lazy dogs Zimmermann Ziegler Quincy Hague Ajax Alexander Gilbert Hughes
Ogilvy Angier Raj Harrison Williams Jones Brown Taylor Davies Evans Wilson Johnson Roberts Robinson
Thompson Walker White Edwards Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper
Hill Ward Morris Moore Clark Lee King Baker Morgan Allen James Scott Phillips Watson Davis Parker Price
Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox
Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb
Rogers Gray Mason Ali Hunt Hussain Matthews Owen Palmer Holmes Mills Barnes Lloyd Butler Russell Barker
Fisher Stevens Jenkins Murray Dixon Harvey Gallagher Czarnecki Wojcik Schultz Dvorak Nguyen Tchaikovsky
Xiong Djokovic Ptolemy Mnemonic Writer Whalley Wren Pfeiffer Chaucer Sciacca Gnocchi Sienna Chalice
Chloe Christine Zachary Schuyler Schofield Matthew Orchard Charles Richard Façade Núñez Müller"""


EDGE_CASES = [
    ("", ""), ("a", ""), ("", "abc"), ("a", "a"), ("a", "b"), ("ab", "ba"), ("abc", "abc"),
    ("ab", "abc"), ("ca", "abc"), ("abc", "bca"), ("a cat", "an act"), ("abcdef", "abdcef"),
    ("abcdef", "badcfe"), ("martha", "marhta"), ("dwayne", "duane"), ("dixon", "dicksonx"),
    ("jellyfish", "smellyfish"), ("crate", "trace"), ("abcdefgh", "abcxyzqq"), ("shackleford", "shackelford"),
    ("dunningham", "cunnigham"), ("nichleson", "nichulson"), ("jones", "johnson"), ("massey", "massie"),
    ("abroms", "abrams"), ("hardin", "martinez"), ("itman", "smith"), ("jeraldine", "geraldine"),
    ("marhta", "martha"), ("michelle", "michael"), ("julies", "julius"), ("tanya", "tonya"),
    ("sean", "susan"), ("jon", "john"), ("jon", "jan"), ("brookhaven", "brrokhaven"),
    ("brook hallow", "brook hllw"), ("decatur", "decatir"), ("fitzrureiter", "fitzenreiter"),
    ("higbee", "highee"), ("higbee", "higvee"), ("lacura", "locura"), ("iowa", "iona"), ("1st", "ist"),
    ("josé", "jose"), ("zoë", "zoe"), ("müller", "mueller"), ("łukasz", "lukasz"), ("straße", "strasse"),
    ("Ωmega", "omega"), ("北京", "北京市"), ("ABC", "abc"), ("mc donald", "mcdonald"),
    ("o'brien", "obrien"), ("smith-jones", "smith jones"), ("aaaa", "aaab"), ("aaab", "abaa"),
    ("abcabc", "cbacba"), ("xy", "yx"), ("xyz", "zyx"), ("teh", "the"), ("recieve", "receive"),
    ("harrow precision engineering", "harrow precision eng"), ("acme services", "acme svcs"),
]


def long_pairs():
    """Long strings to exercise the pooled (non-stack) buffers of the edit distances."""
    alphabet = "abcdefghij"
    out = []
    for length in (40, 150, 300):
        s = "".join(random.choice(alphabet) for _ in range(length))
        t = list(s)
        for _ in range(length // 10):
            i = random.randrange(len(t) - 1)
            op = random.choice("sdit")
            if op == "s":
                t[i] = random.choice(alphabet)
            elif op == "d":
                del t[i]
            elif op == "i":
                t.insert(i, random.choice(alphabet))
            else:
                t[i], t[i + 1] = t[i + 1], t[i]
        out.append((s, "".join(t), "long-%d" % length))
    return out


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    pairs = [(x, y, "edge") for x, y in EDGE_CASES] + febrl_pairs() + long_pairs()
    pairs_path = os.path.join(HERE, "pairs.tmp.csv")
    write_csv(pairs_path, ["a", "b", "source"], pairs)

    sd_path = os.path.join(HERE, "stringdist_output.csv")
    subprocess.run(["Rscript", os.path.join(HERE, "stringdist_reference.R"), pairs_path, sd_path], check=True)
    with open(sd_path, newline="", encoding="utf-8") as f:
        sd_rows = list(csv.DictReader(f))
    os.remove(sd_path)
    os.remove(pairs_path)
    assert len(sd_rows) == len(pairs), (len(sd_rows), len(pairs))

    rows = []
    for (x, y, source), sd in zip(pairs, sd_rows):
        assert sd["a"] == x and sd["b"] == y, (x, y, sd["a"], sd["b"])
        rows.append([
            x, y, source,
            repr(jellyfish.jaro_similarity(x, y)),
            repr(jellyfish.jaro_winkler_similarity(x, y)),
            jellyfish.levenshtein_distance(x, y),
            jellyfish.damerau_levenshtein_distance(x, y),
            sd["jaro"], sd["jw"], sd["jw_p02"], sd["lv"], sd["osa"], sd["dl"],
            # stringdist divides an odd number of out-of-order matches by two exactly (t = 2.5);
            # jellyfish, Winkler's strcmp95 and DuckDB/Splink floor it (t = 2). Flag the rows
            # where that changes the Jaro value, so tests hold stringdist's Jaro only elsewhere.
            int(x != "" and y != "" and abs(jellyfish.jaro_similarity(x, y) - float(sd["jaro"])) > 1e-12),
        ])
    write_csv(os.path.join(HERE, "metrics_expected.csv"),
              ["a", "b", "source", "jf_jaro", "jf_jaro_winkler", "jf_levenshtein", "jf_damerau_levenshtein",
               "sd_jaro", "sd_jaro_winkler_bt0", "sd_jaro_winkler_p02_bt0", "sd_lv", "sd_osa", "sd_dl",
               "sd_fractional_transpositions_differ"], rows)

    # Soundex: FEBRL surnames and given names (ASCII), plus classic examples.
    names = set()
    for name in ("dataset4a_clean.csv", "dataset4b_clean.csv"):
        for row in read_febrl(name).values():
            for field in ("surname", "given_name"):
                if row[field]:
                    names.add(row[field])
    names = sorted(random.sample(sorted(names), 400))
    names += ["Robert", "Rupert", "Rubin", "Ashcraft", "Ashcroft", "Tymczak", "Pfister", "Honeyman",
              "Lloyd", "Schmidt", "Jackson", "Burroughs", "Gutierrez", "Wu", "Hwang", "Sczesny",
              "O'Brien", "McDonald", "van der berg", "smith-jones", "Lee", "BBB", "Ahh", "x", "1abc",
              "Émile", "Zoë", "Müller", "Ó Súilleabháin"]
    write_csv(os.path.join(HERE, "soundex_expected.csv"), ["name", "jf_soundex"],
              [[n, jellyfish.soundex(n)] for n in names])

    # Double Metaphone: FEBRL names and suburbs plus names from Philips' article and the
    # commons-codec tests; the reference is the npm package double-metaphone 2.0.1.
    dm_names = set()
    for name in ("dataset4a_clean.csv", "dataset4b_clean.csv"):
        for row in read_febrl(name).values():
            for field in ("surname", "given_name", "suburb"):
                if row[field]:
                    dm_names.add(row[field])
    dm_names = set(random.sample(sorted(dm_names), 1500))
    dm_names.update(CLASSIC_NAMES.split())
    dm_names.update(["Mac Caffrey", "Mac Gregor", "Van Hoff", "Von Braun", "San Jacinto", "san jose", "van Gogh"])
    names_path = os.path.join(HERE, "double_metaphone_names.txt")
    with open(names_path, "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(dm_names)) + "\n")
    dm_script = os.path.join(HERE, "double_metaphone_reference.mjs")
    result = subprocess.run(["node", dm_script, names_path], check=True, capture_output=True, text=True)
    os.remove(names_path)
    dm_rows = [line.split("\t") for line in result.stdout.splitlines()]
    write_csv(os.path.join(HERE, "double_metaphone_expected.csv"), ["name", "wooorm_primary", "wooorm_alternate"], dm_rows)
    print("pairs:", len(pairs), "soundex names:", len(names))


if __name__ == "__main__":
    sys.exit(main())
