"""Writes app/favicon.ico: a 32x32 PNG-in-ICO (navy tile, three white bars: the site's header colour and a chart).
Standard library only, so no image package is needed. Run: python3 scripts/make-favicon.py"""
import struct
import zlib
from pathlib import Path

SIZE = 32
NAVY = (0x12, 0x26, 0x3F, 255)
WHITE = (255, 255, 255, 255)
AMBER = (0xFF, 0xBF, 0x47, 255)
# (x0, x1, top) of each bar; bars stand on a baseline at y = 25.
BARS = [(7, 12, 16, WHITE), (14, 19, 9, AMBER), (21, 26, 13, WHITE)]


def pixel(x: int, y: int) -> tuple:
    for x0, x1, top, colour in BARS:
        if x0 <= x < x1 and top <= y < 25:
            return colour
    if 5 <= x < 28 and 25 <= y < 27:
        return WHITE
    return NAVY


def png() -> bytes:
    raw = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(SIZE)) for y in range(SIZE))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def ico(image: bytes) -> bytes:
    directory = struct.pack("<HHH", 0, 1, 1)  # reserved, type 1 = icon, one image
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16)
    return directory + entry + image


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "app" / "favicon.ico"
    out.write_bytes(ico(png()))
    print(f"wrote {out} ({out.stat().st_size} bytes)")
