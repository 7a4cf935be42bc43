"""Reads a moved community's incident over gRPC with Debian's python3-grpcio, once per caller.

argv: host:port, an incident id, then label=token pairs. For each caller, GetTimeline on the incident:
prints one JSON line {label: [status, detail, number of timeline steps]}. The message classes are
protoc's --python_out of the project's own grid.proto (PythonProtos), the stub is channel.unary_unary.
"""
import json
import sys

import grpc
from governance.grid.v1 import grid_pb2 as pb

target, incident_id = sys.argv[1:3]
channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
timeline = channel.unary_unary("/governance.grid.v1.GridService/GetTimeline",
                               request_serializer=pb.GetTimelineRequest.SerializeToString,
                               response_deserializer=pb.GetTimelineResponse.FromString)
results = {}
for pair in sys.argv[3:]:
    label, token = pair.split("=", 1)
    try:
        reply = timeline(pb.GetTimelineRequest(incident_id=incident_id), metadata=[("authorization", "Bearer " + token)], timeout=10)
        results[label] = ["OK", "", len(reply.steps)]
    except grpc.RpcError as e:
        results[label] = [e.code().name, e.details(), 0]
print(json.dumps(results, ensure_ascii=False))
