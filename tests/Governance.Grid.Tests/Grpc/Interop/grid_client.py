"""Calls GridService with Debian's python3-grpcio, an independent gRPC implementation.

argv: host:port, a bearer token. The message classes are protoc's --python_out of the project's own
grid.proto (protoc 3.21.6, which the test runs onto PYTHONPATH: PythonProtos); the rpc stubs are
written here with channel.unary_unary, as Debian's grpc_tools is too old. Prints one JSON line of results.
"""
import json
import sys

import grpc
from governance.grid.v1 import grid_pb2 as pb

target, token = sys.argv[1:3]
P = "governance.grid.v1."
channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
auth = [("authorization", "Bearer " + token)]


def rpc(name, request, reply):
    return channel.unary_unary("/" + P + "GridService/" + name,
                               request_serializer=getattr(pb, request).SerializeToString,
                               response_deserializer=getattr(pb, reply).FromString)


def code_and_message(call):
    try:
        call()
        return ["OK", ""]
    except grpc.RpcError as e:
        return [e.code().name, e.details()]


locate = rpc("LocateGrid", "LocateGridRequest", "GridLocation")
report = rpc("ReportIncident", "ReportIncidentRequest", "ReportIncidentResponse")
grid = locate(pb.LocateGridRequest(latitude=36.405, longitude=94.905), metadata=auth, timeout=10)
request = pb.ReportIncidentRequest(source="hotline", category="city_appearance", title="路灯不亮",
                                         description="整条街的路灯都不亮", latitude=36.405, longitude=94.905)
request.attachments.add(name="night.jpg", content_type="image/jpeg", size=1024, url="https://files.example/night.jpg")
reported = report(request, metadata=auth, timeout=10).incident
print(json.dumps({
    "code": grid.code,
    "org_path": grid.org_path,
    "name": grid.name,
    "number": reported.number,
    "state": reported.state,
    "grid_code": reported.grid_code,
    "title": reported.title,
    "reported_at": reported.reported_at.seconds,
    "outside": code_and_message(lambda: locate(pb.LocateGridRequest(latitude=0, longitude=0), metadata=auth, timeout=10)),
    # A client that prefers English says so, as a browser does with the Accept-Language header.
    "outside_en": code_and_message(lambda: locate(pb.LocateGridRequest(latitude=0, longitude=0),
                                                  metadata=auth + [("accept-language", "en")], timeout=10)),
    "bad_source": code_and_message(lambda: report(pb.ReportIncidentRequest(source="citizen"), metadata=auth, timeout=10)),
    "anonymous": code_and_message(lambda: locate(pb.LocateGridRequest(latitude=36.405, longitude=94.905), timeout=10)),
}, ensure_ascii=False))
