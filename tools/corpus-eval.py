#!/usr/bin/env python3
"""Identifier recall and title exactness of `paperdigest parse` over a folder of real digests.

usage: tools/corpus-eval.py PAPERDIGEST_COMMAND FOLDER [TITLES.jsonl]

For every *.md / *.txt file in FOLDER: entries read, the distinct arXiv identifiers a plain scan of the file finds (and, where FOLDER/../ids/NAME.txt lists the
identifiers a careful count found, how many of those are entries),
how many of those are an entry's identifier (recall), how many are accounted for (an entry's identifier, a link's
identifier inside an entry, or named by a diagnostic), and, when TITLES.jsonl (lines of {file, arxivId, title,
translatedTitle}) is given, how many sampled entries have both titles exact.
"""
import json, os, re, subprocess, sys

ID = r'(\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})'
SCAN = re.compile(r'(?:arxiv\.org/(?:abs|pdf|html)/|huggingface\.co/papers/|alphaxiv\.org/(?:abs|overview)/|arxiv[:：]\s?|arxiv\s|data-arxiv-id=["\'])' + ID, re.I)

def scan(text):
    ids = set()
    for m in SCAN.finditer(text):
        ids.add(re.sub(r'v\d+$', '', m.group(1)))
    return ids

def main():
    cmd, folder = sys.argv[1], sys.argv[2]
    titles = {}
    if len(sys.argv) > 3:
        for line in open(sys.argv[3], encoding='utf-8'):
            if line.strip():
                t = json.loads(line)
                titles.setdefault(t['file'], []).append(t)
    tot_scan = tot_found = tot_acc = tot_t = tot_tok = 0
    tot_careful = [0, 0]
    for name in sorted(os.listdir(folder)):
        if not (name.endswith('.md') or name.endswith('.txt')) or name == 'MANIFEST.tsv':
            continue
        path = os.path.join(folder, name)
        text = open(path, encoding='utf-8', errors='replace').read()
        out = subprocess.run(cmd.split() + ['parse', path, '--format', 'jsonl'], capture_output=True, text=True)
        entries = [json.loads(l) for l in out.stdout.splitlines() if l.strip().startswith('{')]
        diag = subprocess.run(cmd.split() + ['validate', path, '--format', 'json'], capture_output=True, text=True).stdout
        ids = scan(text)
        found = {e.get('arxivId') for e in entries if e.get('arxivId')}
        linked = set(found)
        for e in entries:
            for l in e.get('links', []):
                if l.get('arxivId'):
                    linked.add(l['arxivId'])
        acc = {i for i in ids if i in linked or i in diag}
        recall = len(ids & found)
        ok = n = 0
        for t in titles.get(name, []):
            n += 1
            match = [e for e in entries if (t['arxivId'] and e.get('arxivId') == t['arxivId'])] or \
                    [e for e in entries if e.get('title') == t['title'] and t['title']] or \
                    [e for e in entries if e.get('translatedTitle') == t['translatedTitle'] and t['translatedTitle']]
            if any(e.get('title', '') == t['title'] and e.get('translatedTitle', '') == t['translatedTitle'] for e in match):
                ok += 1
            elif os.environ.get('SHOW'):
                print('   title miss:', t, [(e.get('title'), e.get('translatedTitle')) for e in match][:1])
        tot_scan += len(ids); tot_found += recall; tot_acc += len(acc); tot_t += n; tot_tok += ok
        careful = ''
        idsfile = os.path.join(os.path.dirname(os.path.abspath(folder)), 'ids', name + '.txt')
        if os.path.exists(idsfile):
            want = [l.strip() for l in open(idsfile, encoding='utf-8') if l.strip()]
            got = len(set(want) & found)
            tot_careful[0] += len(want); tot_careful[1] += got
            careful = f"  careful {got}/{len(want)}"
        print(f"{name[:60]:60} entries {len(entries):5}  ids {recall:4}/{len(ids):<4} accounted {len(acc):4}/{len(ids):<4}" + (f"  titles {ok}/{n}" if n else '') + careful)
    print(f"TOTAL ids {tot_found}/{tot_scan} ({100*tot_found/max(1,tot_scan):.1f}%)  accounted {tot_acc}/{tot_scan}  titles {tot_tok}/{tot_t}"
          + (f"  careful ids {tot_careful[1]}/{tot_careful[0]}" if tot_careful[0] else ''))

main()
