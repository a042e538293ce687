"""Reads shared within one computation: once per arguments inside the block, every time outside."""

from hearth.core.shared_reads import shared, shared_reads

calls: list[int] = []


@shared
def read(day: int) -> list[int]:
    calls.append(day)
    return [day]


def test_outside_a_block_a_shared_read_runs_every_time():
    calls.clear()
    read(1), read(1)
    assert calls == [1, 1]


def test_inside_a_block_it_runs_once_per_arguments_and_hands_back_the_same_answer():
    calls.clear()
    with shared_reads():
        first = read(1)
        assert read(1) is first
        read(2)
        with shared_reads():  # a nested block shares the outer one's reads
            read(1), read(2)
    assert calls == [1, 2]


def test_a_new_block_reads_afresh():
    calls.clear()
    with shared_reads():
        read(1)
    with shared_reads():
        read(1)
    read(1)
    assert calls == [1, 1, 1]
