"""Reads a scorecard and a ranking from AssessmentService with Debian's python3-grpcio, an independent gRPC implementation.

argv: host:port, a bearer token, a department id, the county's org path. The message classes are protoc's --python_out of the project's own
assessment.proto (PythonProtos); the rpc stubs are written here with channel.unary_unary, as Debian's grpc_tools is
too old. Prints one JSON line of results.
"""
import json
import sys

import grpc
from governance.assessment.v1 import assessment_pb2 as pb

target, token, department, county = sys.argv[1:5]
channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
auth = [("authorization", "Bearer " + token)]


def rpc(name, request, response):
    return channel.unary_unary("/governance.assessment.v1.AssessmentService/" + name,
                               request_serializer=getattr(pb, request).SerializeToString,
                               response_deserializer=getattr(pb, response).FromString)


card = rpc("GetScorecard", "GetScorecardRequest", "Scorecard")(
    pb.GetScorecardRequest(department=department, period="2026-11"), metadata=auth, timeout=10)
ranking = rpc("ListRankings", "ListRankingsRequest", "Ranking")(
    pb.ListRankingsRequest(org=county, period="2026-11"), metadata=auth, timeout=10)
try:
    rpc("GetScorecard", "GetScorecardRequest", "Scorecard")(
        pb.GetScorecardRequest(department=department, period="2026-13"), metadata=auth, timeout=10)
    bad = ["OK", ""]
except grpc.RpcError as e:
    bad = [e.code().name, e.details()]
print(json.dumps({
    "total": card.total,
    "items": {i.indicator: [i.value if i.HasField("value") else None, i.points] for i in card.items},
    "ranked": [[d.rank, d.department_id, d.total] for d in ranking.departments],
    "bad_period": bad,
}, ensure_ascii=False))
