"""A resolver that answers every question "no such name" and writes the question down.

It listens on UDP and TCP port 53 of the loopback address inside the test's network namespace,
which `/etc/resolv.conf` (bind-mounted inside that namespace) names as the only name server.
Any lookup made by any code in the watched process — Python, C++ through glibc or its own
resolver library — arrives here and is recorded with the time it came.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from dataclasses import dataclass

NXDOMAIN = 3


@dataclass(frozen=True)
class Query:
    name: str
    qtype: int
    transport: str  # "udp" or "tcp"
    at: float


def question_name(packet: bytes) -> tuple[str, int, int]:
    """(name, qtype, offset after the question) of the first question in a DNS message."""
    labels = []
    offset = 12
    while offset < len(packet):
        length = packet[offset]
        offset += 1
        if length == 0:
            break
        labels.append(packet[offset : offset + length].decode("ascii", "replace"))
        offset += length
    qtype = struct.unpack_from("!H", packet, offset)[0] if offset + 4 <= len(packet) else 0
    return ".".join(labels), qtype, offset + 4


def refusal(packet: bytes) -> bytes:
    """The reply "name does not exist" to `packet`, echoing its id and question."""
    if len(packet) < 12:
        return b""
    _name, _qtype, end = question_name(packet)
    ident = packet[:2]
    flags = 0x8000 | (packet[2] & 0x01) << 8 | 0x0080 | NXDOMAIN  # QR, RD copied, RA, rcode
    return ident + struct.pack("!HHHHH", flags, 1, 0, 0, 0) + packet[12:end]


class DnsRecorder:
    def __init__(self, host: str = "127.0.0.1", port: int = 53) -> None:
        self._lock = threading.Lock()
        self._queries: list[Query] = []
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind((host, port))
        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.tcp.bind((host, port))
        self.tcp.listen(16)

    def start(self) -> None:
        threading.Thread(target=self._serve_udp, daemon=True).start()
        threading.Thread(target=self._serve_tcp, daemon=True).start()

    def queries(self) -> list[Query]:
        with self._lock:
            return list(self._queries)

    def _record(self, packet: bytes, transport: str) -> None:
        name, qtype, _end = question_name(packet)
        with self._lock:
            self._queries.append(Query(name, qtype, transport, time.time()))

    def _serve_udp(self) -> None:
        while True:
            packet, peer = self.udp.recvfrom(4096)
            self._record(packet, "udp")
            answer = refusal(packet)
            if answer:
                self.udp.sendto(answer, peer)

    def _serve_tcp(self) -> None:
        while True:
            conn, _peer = self.tcp.accept()
            with conn:
                conn.settimeout(5)
                try:
                    size = struct.unpack("!H", _read(conn, 2))[0]
                    packet = _read(conn, size)
                except (OSError, struct.error):
                    continue
                self._record(packet, "tcp")
                answer = refusal(packet)
                conn.sendall(struct.pack("!H", len(answer)) + answer)


def _read(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise OSError("closed")
        data += chunk
    return data
