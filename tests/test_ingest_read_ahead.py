"""The ingest's read-ahead: extraction runs in a thread while the writes wait for Neo4j."""
import threading
import time

import pytest

from graphload.errors import InputError
from graphload.streams import ReadAhead


def test_items_arrive_in_order_and_complete():
    assert list(ReadAhead(range(1000), depth=7)) == list(range(1000))


def test_a_producer_error_is_raised_in_the_consumer_after_the_good_items():
    def papers():
        yield from (1, 2)
        raise InputError("broken.jsonl:3: malformed JSON")

    got = []
    with pytest.raises(InputError, match="broken.jsonl:3"):
        for item in ReadAhead(papers(), depth=1):
            got.append(item)
    assert got == [1, 2]


def test_a_consumer_that_stops_stops_the_producer():
    produced = []

    def endless():
        n = 0
        while True:
            produced.append(n)
            yield n
            n += 1

    ahead = ReadAhead(endless(), depth=3)
    for item in ahead:
        if item == 5:
            break
    ahead.close()
    time.sleep(0.5)
    count = len(produced)
    time.sleep(0.3)
    assert len(produced) == count <= 5 + 3 + 2  # stopped within its bound, not still running
    assert not any(t.name == "graphload-read-ahead" and t.is_alive() for t in threading.enumerate())
