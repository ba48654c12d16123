"""A small round-robin TCP load balancer for the benchmark (issue 9: two app servers
behind one address).

Each accepted connection goes to the next backend in turn and its bytes are copied both
ways as they come (no buffering, no parsing): a server-sent events stream passes through
unchanged, a kept-alive connection stays on the backend that took it. Loopback only; not
meant for production (docs/deploy.md gives the nginx configuration).

    python scripts/bench_lb.py --port 8767 --backend 127.0.0.1:8765 --backend 127.0.0.1:8766
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import signal

CHUNK = 64 * 1024


class Balancer:
    """Round robin over `backends` ((host, port) pairs); `counts` says how many
    connections each one received."""

    def __init__(self, backends: list[tuple[str, int]]) -> None:
        if not backends:
            raise ValueError("at least one backend")
        self.backends = backends
        self.counts = [0] * len(backends)
        self._turn = itertools.cycle(range(len(backends)))

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        # The balancer stopping cancels the connections still open (the streams): quietly.
        with contextlib.suppress(asyncio.CancelledError):
            await self._forward(reader, writer)

    async def _forward(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        index = next(self._turn)
        self.counts[index] = self.counts[index] + 1
        host, port = self.backends[index]
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
        except OSError:
            writer.close()
            return
        try:
            await asyncio.gather(
                _pipe(reader, upstream_writer),
                _pipe(upstream_reader, writer),
            )
        finally:
            for end in (writer, upstream_writer):
                end.close()
                with contextlib.suppress(OSError, RuntimeError):
                    await end.wait_closed()

    async def serve(self, host: str, port: int) -> asyncio.Server:
        # A large backlog: the benchmark opens hundreds of streams at once.
        return await asyncio.start_server(self.handle, host, port, backlog=4096)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copy as the bytes come until end of file, then pass the end on (half-close: the
    other direction may still be answering). An error closes this side: the other
    direction then ends too."""
    try:
        while True:
            data = await reader.read(CHUNK)
            if not data:
                break
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()
        else:
            writer.close()
    except (OSError, RuntimeError):
        writer.close()


def parse_backend(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise argparse.ArgumentTypeError("loopback only")
    return host, int(port)


async def _main(port: int, backends: list[tuple[str, int]]) -> None:
    balancer = Balancer(backends)
    server = await balancer.serve("127.0.0.1", port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"bench_lb: 127.0.0.1:{port} -> {backends}", flush=True)
    async with server:
        await stop.wait()
    print(f"bench_lb: connections per backend {balancer.counts}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--backend", type=parse_backend, action="append", required=True)
    args = parser.parse_args()
    asyncio.run(_main(args.port, args.backend))


if __name__ == "__main__":
    main()
