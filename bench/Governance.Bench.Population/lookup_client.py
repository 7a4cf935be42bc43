"""The bench's second gRPC caller: LookUpPerson from Debian's python3-grpcio (gRPC's C core), an independent client.

Run by the bench (LookupClient.StartPython) to tell the service's share of a gRPC look-up's tail from the share of
the bench's own client (Grpc.Net.Client), which costs 0.5-0.7 ms of CPU a call on the same two cores.
argv: host:port. stdin: a bearer token line, a line of comma-separated requests (LookUpPersonRequest's bytes in hex,
serialised by the bench, so no protoc output is needed here), then one "grpc <callers> <count>" line a round.
Answers each round with the line Round.FromWire reads: p50 p99 calls/s cpu-ms-per-call 0 0 0, then the slowest 2 %
as started,ms,0 (started on CLOCK_MONOTONIC in ns, the clock .NET's Stopwatch reads on Linux, so TailProbe can
match them to the service's spans).
"""
import asyncio
import sys
import time

import grpc


async def run_round(stub, requests, metadata, callers, count):
    calls = [None] * count
    next_index = 0

    async def caller():
        nonlocal next_index
        while next_index < count:
            i = next_index
            next_index += 1
            started = time.monotonic_ns()
            await stub(requests[i % len(requests)], metadata=metadata, timeout=30)
            calls[i] = (started, (time.monotonic_ns() - started) / 1e6)

    cpu = time.process_time()
    clock = time.monotonic()
    await asyncio.gather(*(caller() for _ in range(callers)))
    seconds = time.monotonic() - clock
    cpu_ms = (time.process_time() - cpu) * 1000 / count
    calls.sort(key=lambda c: c[1])
    slow = calls[int(count * 0.98):]
    figures = [calls[count // 2][1], calls[int(count * 0.99)][1], count / seconds, cpu_ms, 0, 0, 0]
    return " ".join(repr(float(v)) for v in figures) + " " + ";".join(f"{s},{ms!r},0.0" for s, ms in slow)


async def main():
    target = sys.argv[1]
    token = sys.stdin.readline().strip()
    requests = [bytes.fromhex(r) for r in sys.stdin.readline().strip().split(",")]
    metadata = (("authorization", "Bearer " + token),)
    async with grpc.aio.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)]) as channel:
        # No serializers: the requests are bytes already and the reply's bytes are not needed.
        stub = channel.unary_unary("/governance.population.v1.PopulationService/LookUpPerson")
        loop = asyncio.get_running_loop()
        while line := await loop.run_in_executor(None, sys.stdin.readline):
            kind, callers, count = line.split()
            if kind != "grpc":
                raise SystemExit(f"lookup_client.py calls gRPC only, not {kind}")
            print(await run_round(stub, requests, metadata, int(callers), int(count)), flush=True)


asyncio.run(main())
