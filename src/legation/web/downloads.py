"""``/api/events?format=csv``: any event list as a CSV download.

The columns are the flat table of ``legation events --format csv`` (``TABLE_COLUMNS``),
and every text cell goes through ``legation.output.spreadsheet_safe``: a sentence that
starts with ``=``, ``+``, ``-`` or ``@`` opens as text, not as a formula. The rows are
streamed from the database, so a long list never sits in memory whole; it is cut at
``MAX_CSV_ROWS`` (the response says so in ``X-Legation-Truncated``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from fastapi.responses import StreamingResponse

from legation.output import spreadsheet_safe
from legation.store import EventFilter, Store
from legation.store.export import TABLE_COLUMNS, flat, iter_rows

MAX_CSV_ROWS = 100_000
FLUSH_ROWS = 500  # rows per chunk sent


def csv_lines(store: Store, flt: EventFilter) -> Iterator[str]:
    """The header, then the matching rows, in chunks of ``FLUSH_ROWS``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=TABLE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for n, row in enumerate(iter_rows(store.engine, flt), 1):
        writer.writerow({k: spreadsheet_safe(v) for k, v in flat(row).items()})
        if n % FLUSH_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def events_csv(store: Store, flt: EventFilter, total: int) -> StreamingResponse:
    """The download: ``text/csv`` named ``events.csv``."""
    headers = {"content-disposition": 'attachment; filename="events.csv"'}
    if total > MAX_CSV_ROWS:
        headers["x-legation-truncated"] = f"{MAX_CSV_ROWS} of {total} events"
    return StreamingResponse(
        csv_lines(store, flt), media_type="text/csv; charset=utf-8", headers=headers
    )
