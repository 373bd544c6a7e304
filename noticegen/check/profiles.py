"""Profiles of a campaign's clauses and of the off-topic fields, cached per rubric text.

Building profiles needs jieba's dictionary (about a second to load); the result depends only
on the clause texts, the item titles and the bundled corpora, so it is kept as JSON in the
user's cache folder (``$XDG_CACHE_HOME/noticegen`` or ``~/.cache/noticegen``) and reused by
every later check of the same rubric. A cache that cannot be read or written is ignored.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..model import Campaign
from ..resources import data_path, load_data_file
from . import concepts as concepts_module, lexicon as lexicon_module
from .concepts import Concept, Profile, Target, build_profiles
from .lexicon import lexicon
from .normalize import normalize

_CORPORA = ("background.txt", "generic.txt", "thesaurus.yaml", "topics.yaml", "userdict.txt")
FORMAT = 4


@dataclass(frozen=True)
class _Text:
    id: str
    text: str
    item_title: str = ""


def _clauses(campaign: Campaign) -> list[_Text]:
    texts = []
    for category in campaign.rubric.categories:
        for item in category.items:
            title = item.title
            texts += [_Text(c.id, c.text, title) for c in item.clauses]
    return texts


def _topics(clauses: list[_Text]) -> list[_Text]:
    """Off-topic fields, less those the rubric itself is about."""
    rubric = normalize("".join(c.text + c.item_title for c in clauses))
    fields = load_data_file(data_path("corpora") / "topics.yaml") or {}
    return [_Text(f"topic:{name}", "，".join(words)) for name, words in fields.items()
            if sum(1 for w in words if w in rubric) < 2]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "noticegen"


def _key(clauses: list[_Text]) -> str:
    digest = hashlib.sha256(f"profiles {FORMAT}".encode())
    for module in (concepts_module, lexicon_module):    # how profiles are built
        digest.update(Path(module.__file__).read_bytes())
    corpora = data_path("corpora")
    for name in _CORPORA:
        digest.update((corpora / name).read_bytes())
    for clause in clauses:
        digest.update(f"\0{clause.id}\0{clause.text}\0{clause.item_title}".encode())
    return digest.hexdigest()[:32]


def _to_json(profiles: list[Profile]) -> list:
    return [[p.clause_id, [list(f) for f in p.facets],
             [[c.word, c.weight, [list(form) for form in c.forms]] for c in p.concepts],
             p.commitments, [[t.name, t.value, t.at_most] for t in p.targets], list(p.forbidden)]
            for p in profiles]


def _from_json(data: list) -> list[Profile]:
    return [Profile(pid, tuple(tuple(f) for f in facets),
                    tuple(Concept(w, weight, tuple((str(s), float(x)) for s, x in forms))
                          for w, weight, forms in concepts), bool(commitments),
                    tuple(Target(str(n), float(v), bool(m)) for n, v, m in targets),
                    tuple(str(w) for w in forbidden))
            for pid, facets, concepts, commitments, targets, forbidden in data]


def campaign_profiles(campaign: Campaign) -> tuple[list[Profile], list[Profile]]:
    """(clause profiles in rubric order, off-topic field profiles)."""
    clauses = _clauses(campaign)
    path = _cache_dir() / f"profiles-{_key(clauses)}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        cached = _from_json(data["clauses"]), _from_json(data["topics"])
        if [p.clause_id for p in cached[0]] == [c.id for c in clauses]:
            return cached
    except (OSError, ValueError, KeyError, TypeError):
        pass
    topics = _topics(clauses)
    built = build_profiles(clauses + topics, lexicon())
    result = built[:len(clauses)], built[len(clauses):]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + f".{os.getpid()}.part")
        partial.write_text(json.dumps({"clauses": _to_json(result[0]),
                                       "topics": _to_json(result[1])}, ensure_ascii=False),
                           encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass
    return result
