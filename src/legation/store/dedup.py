"""Exact and near-duplicate detection for articles.

Exact: a SHA-256 of the whitespace-normalised text (``content_hash``), unique in the
``articles`` table, so an article is stored once however often it is fed in.

Near: MinHash signatures (datasketch) over word 3-shingles of the text. The LSH index is
the ``minhash_bands`` table itself: each signature is cut into ``b`` bands of ``r`` rows
(datasketch's optimum for the threshold) and each band's hash is a row keyed by
``(band, key)``. A lookup is one indexed query for the article's band keys; every
candidate is then confirmed with the exact Jaccard similarity of the two shingle sets,
so the threshold is applied exactly and the result does not depend on hashing luck.
Nothing is held in memory between runs, so the index survives restarts and scales with
the database.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from legation.store.schema import article_minhash, articles, minhash_bands

if TYPE_CHECKING:
    from datasketch import MinHash

NEAR_DUPLICATE_THRESHOLD = 0.8  # Jaccard similarity of word 3-shingles
# LSH is tuned for a lower threshold than the one applied: tuned for 0.8 itself it would
# miss ~60% of pairs at exactly 0.8 (the S-curve's midpoint); tuned for 0.5 (25 bands of
# 5 rows) it finds every pair at 0.8 and 99% at 0.7, and the exact check does the rest.
LSH_THRESHOLD = 0.5
SHINGLE_SIZE = 3
NUM_PERM = 128
MINHASH_SEED = 1  # fixed: signatures stored in the database must stay comparable
MAX_CANDIDATES = 50  # LSH candidates checked exactly per article
SIGNATURE_CHUNK = 4096  # shingles hashed per numpy batch (bounds memory per article)

_WORD = re.compile(r"\w+")


def normalise_text(text: str) -> str:
    """Whitespace-collapsed text: what the content hash is taken over."""
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the whitespace-normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_SIZE) -> frozenset[str]:
    """Lower-cased word ``size``-grams; a text shorter than ``size`` words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def signature(shingle_set: Iterable[str]) -> MinHash:
    from datasketch import MinHash  # lazy: datasketch imports scipy (half a second)

    mh = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    # In chunks: update_batch builds a (shingles x NUM_PERM) uint64 matrix, 1 KB per
    # shingle, so a 10-million-character article at once would need gigabytes.
    batch: list[bytes] = []
    for shingle in shingle_set:
        batch.append(shingle.encode("utf-8"))
        if len(batch) >= SIGNATURE_CHUNK:
            mh.update_batch(batch)
            batch = []
    if batch:
        mh.update_batch(batch)
    return mh


@functools.cache
def lsh_params(threshold: float = LSH_THRESHOLD) -> tuple[int, int]:
    """(bands, rows per band) that datasketch finds optimal for ``threshold``."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


def band_keys(mh: MinHash) -> list[tuple[int, int]]:
    """``(band, key)`` pairs: a signed 64-bit hash of each band of the signature."""
    b, r = lsh_params()
    values = np.asarray(mh.hashvalues, dtype="<u8")
    keys = []
    for band in range(b):
        digest = hashlib.blake2b(values[band * r : (band + 1) * r].tobytes(), digest_size=8)
        keys.append((band, int.from_bytes(digest.digest(), "little", signed=True)))
    return keys


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    article_id: int  # the original (root of its duplicate family)
    similarity: float  # exact Jaccard similarity to the closest stored article


def find_near_duplicate(conn: Connection, text: str, mh: MinHash) -> NearDuplicate | None:
    """The stored article ``text`` nearly duplicates, if any (best match wins)."""
    keys = band_keys(mh)
    condition = sa.or_(
        *(sa.and_(minhash_bands.c.band == band, minhash_bands.c.key == key) for band, key in keys)
    )
    shared = sa.func.count().label("shared")
    candidate_ids = (  # most shared bands first: the likeliest near-duplicates
        sa.select(minhash_bands.c.article_id)
        .where(condition)
        .group_by(minhash_bands.c.article_id)
        .order_by(shared.desc(), minhash_bands.c.article_id)
        .limit(MAX_CANDIDATES)
        .subquery()
    )
    rows = conn.execute(
        sa.select(articles.c.id, articles.c.text, articles.c.duplicate_of).where(
            articles.c.id.in_(sa.select(candidate_ids.c.article_id))
        )
    ).all()
    if not rows:
        return None
    mine = shingles(text)
    best: tuple[float, int, int | None] | None = None
    for row in rows:
        similarity = jaccard(mine, shingles(row.text))
        if similarity >= NEAR_DUPLICATE_THRESHOLD and (best is None or similarity > best[0]):
            best = (similarity, row.id, row.duplicate_of)
    if best is None:
        return None
    similarity, article_id, duplicate_of = best
    return NearDuplicate(duplicate_of or article_id, similarity)


def store_signature(conn: Connection, article_id: int, mh: MinHash) -> None:
    conn.execute(
        article_minhash.insert().values(
            article_id=article_id,
            signature=np.asarray(mh.hashvalues, dtype="<u8").tobytes(),
        )
    )
    conn.execute(
        minhash_bands.insert(),
        [{"band": band, "key": key, "article_id": article_id} for band, key in band_keys(mh)],
    )


def backfill_signatures(conn: Connection) -> int:
    """Sign every stored article that has no signature yet (used by migration 3)."""
    missing = sa.select(articles.c.id, articles.c.text).where(
        ~articles.c.id.in_(sa.select(article_minhash.c.article_id))
    )
    count = 0
    for row in conn.execute(missing).all():
        store_signature(conn, row.id, signature(shingles(row.text)))
        count += 1
    return count
