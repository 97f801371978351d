"""Damaged attachment files (seeded byte mutations of the demo scans): refused, never a crash."""

from __future__ import annotations

import random
from datetime import date

from backoffice.services.applications.attachments import (
    InvalidAttachment,
    demo_form1_pdf,
    demo_form3_png,
    render,
)

TRIES = 150


def _mutations(content: bytes, rng: random.Random):
    for _ in range(TRIES):
        b = bytearray(content)
        how = rng.randrange(4)
        if how == 0:
            del b[rng.randrange(8, len(b)):]  # truncated (the magic kept: it claims its type)
        elif how == 1:
            for _ in range(rng.randint(1, 20)):
                b[rng.randrange(8, len(b))] = rng.randrange(256)
        elif how == 2:
            i = rng.randrange(8, len(b))
            b[i:i] = b"\x00" * rng.randint(1, 4096)
        else:
            b[8:8 + 16] = bytes(rng.randrange(256) for _ in range(16))  # a corrupt header
        yield bytes(b)


def test_damaged_pdfs_and_images_are_refused_or_rendered() -> None:
    rng = random.Random(5)
    outcomes = {"rendered": 0, "refused": 0}
    for content, media in ((demo_form1_pdf("甲公司", "04595257", "王大明", date(2026, 3, 2)), "application/pdf"),
                           (demo_form3_png("甲公司", "04595257"), "image/png")):
        for bad in _mutations(content, rng):
            try:
                page = render(bad, media, 0, 0.25)
            except InvalidAttachment:
                outcomes["refused"] += 1
            else:
                assert page.png.startswith(b"\x89PNG")
                outcomes["rendered"] += 1
    assert sum(outcomes.values()) == 2 * TRIES and outcomes["refused"] > 0
