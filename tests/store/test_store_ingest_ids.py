"""Article ids at the ingest edge: two ingests at once with clashing ids but different texts
keep their articles (and events) apart; an id too long for PostgreSQL's ``varchar(255)``
is shortened with a warning instead of losing the batch."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

import sqlalchemy as sa
from store_fakes import FakeCoder, article

from legation.model import Article, CodedArticle
from legation.store import Store
from legation.store.ingest import MAX_DOC_ID, fit_doc_id
from legation.store.schema import articles, event_mentions

# Same sentence shapes (so the same event keys), different texts, the same ids.
MINE = ["RUS visited PRK on a rainy morning. Crowds lined the road.",
        "CHN met KOR about fishing quotas. Talks ran late."]  # fmt: skip
THEIRS = ["RUS visited PRK after a long delay. Nobody waved.",
          "CHN met KOR over trade figures. Nothing was agreed."]  # fmt: skip


class RacingCoder(FakeCoder):
    """Codes like ``FakeCoder``, but before the first article lets another ingest (in its
    own thread and connection) store clashing ids and commit: the moment the race opens,
    after this run checked its ids (before coding) and before it writes them."""

    def __init__(self, url: str) -> None:
        super().__init__(delay=0)
        self.url = url

    def code_stream(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[CodedArticle]:
        def other_ingest() -> None:
            with Store(self.url) as other:
                other.ingest([article(f"n{i}", t) for i, t in enumerate(THEIRS)], FakeCoder())

        checked = list(articles)  # ingest has checked every id against the store now
        thread = threading.Thread(target=other_ingest)
        thread.start()
        thread.join()
        yield from super().code_stream(checked, batch_size)


def test_concurrent_ingests_with_clashing_ids_do_not_merge_articles(
    store: Store, store_url: str
) -> None:
    summary = store.ingest(
        [article(f"n{i}", t) for i, t in enumerate(MINE)], RacingCoder(store_url)
    )
    assert summary.articles_added == 2
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(articles.c.id, articles.c.doc_id)).all()
        per_event = sa.func.count(sa.distinct(event_mentions.c.article_id))
        links = conn.execute(
            sa.select(event_mentions.c.event_id, per_event).group_by(event_mentions.c.event_id)
        ).all()
    doc_ids = [doc_id for _, doc_id in stored]
    assert len(stored) == 4 and len(set(doc_ids)) == 4, doc_ids
    assert {d for d in doc_ids if "#" not in d} == {"n0", "n1"}  # the first to commit keeps them
    # every article keeps its own mentions (the same reported event may link them: identity)
    assert sum(n for _, n in links) == 4, links


def test_an_id_too_long_for_the_store_is_shortened_with_a_warning(store: Store) -> None:
    long_id = "https://news.example/" + "very-long-slug-" * 30
    warnings: list[str] = []
    item = Article(long_id, MINE[0], None, origin="feed.jsonl:7")
    summary = store.ingest([item], FakeCoder(), on_warning=warnings.append)
    assert summary.articles_added == 1 and summary.events_added == 1
    [stored] = store.articles()
    assert stored["doc_id"] == fit_doc_id(long_id) and len(stored["doc_id"]) == MAX_DOC_ID
    assert stored["doc_id"].startswith("https://news.example/very-long-slug-")
    assert [w for w in warnings if w.startswith("feed.jsonl:7: id of ")], warnings
    assert all("\n" not in w for w in warnings)


def test_shortened_ids_are_stable_and_distinct() -> None:
    a, b = "x" * 300, "x" * 299 + "y"
    assert fit_doc_id(a) == fit_doc_id(a) != fit_doc_id(b)
    assert len(fit_doc_id(a)) == MAX_DOC_ID and fit_doc_id("short") == "short"
