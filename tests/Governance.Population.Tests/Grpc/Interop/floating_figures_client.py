"""Asks PopulationService.GetFloatingFigures with Debian's python3-grpcio, an independent gRPC implementation.

argv: host:port, a bearer token, a grid code, the period's first and last day. Message classes as in
population_client.py (protoc 3.21.6 output on PYTHONPATH); the stub is written with channel.unary_unary.
Prints one JSON line of results.
"""
import json
import sys

import grpc
from governance.population.v1 import population_pb2 as pb

target, token, grid_code, first, last = sys.argv[1:6]
channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
auth = [("authorization", "Bearer " + token)]
figures = channel.unary_unary("/governance.population.v1.PopulationService/GetFloatingFigures",
                              request_serializer=pb.GetFloatingFiguresRequest.SerializeToString,
                              response_deserializer=pb.FloatingFigures.FromString)


def code(call):
    try:
        call()
        return ["OK", ""]
    except grpc.RpcError as e:
        return [e.code().name, e.details()]


reply = figures(pb.GetFloatingFiguresRequest(grid_code=grid_code, **{"from": first}, to=last), metadata=auth, timeout=10)
print(json.dumps({
    "org_path": reply.org_path,
    "current": reply.total.current,
    "arrived": reply.total.arrived,
    "expiring_soon": reply.total.expiring_soon,
    "rows": [row.org_path for row in reply.rows],
    "bad_grid": code(lambda: figures(pb.GetFloatingFiguresRequest(grid_code="123", **{"from": first}, to=last), metadata=auth, timeout=10)),
    "anonymous": code(lambda: figures(pb.GetFloatingFiguresRequest(grid_code=grid_code, **{"from": first}, to=last), timeout=10)),
}, ensure_ascii=False))
