"""Calls GridService with Debian's python3-grpcio, an independent gRPC implementation.

argv: host:port, a bearer token, the path of grid.proto's serialized FileDescriptorProto. Message
classes are built from the descriptor at run time (no protoc output whose version would have to
match this runtime); timestamp.proto, which it imports, comes from the runtime itself. Prints one
JSON line of results.
"""
import json
import sys

import grpc
from google.protobuf import descriptor_pb2, message_factory, timestamp_pb2

target, token, descriptor_path = sys.argv[1:4]
with open(descriptor_path, "rb") as f:
    file_proto = descriptor_pb2.FileDescriptorProto.FromString(f.read())
timestamp_proto = descriptor_pb2.FileDescriptorProto()
timestamp_pb2.DESCRIPTOR.CopyToProto(timestamp_proto)
m = message_factory.GetMessages([timestamp_proto, file_proto])
P = "governance.grid.v1."
channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
auth = [("authorization", "Bearer " + token)]


def rpc(name, request, reply):
    return channel.unary_unary("/" + P + "GridService/" + name,
                               request_serializer=m[P + request].SerializeToString,
                               response_deserializer=m[P + reply].FromString)


def code_and_message(call):
    try:
        call()
        return ["OK", ""]
    except grpc.RpcError as e:
        return [e.code().name, e.details()]


locate = rpc("LocateGrid", "LocateGridRequest", "GridLocation")
report = rpc("ReportIncident", "ReportIncidentRequest", "ReportIncidentResponse")
grid = locate(m[P + "LocateGridRequest"](latitude=36.405, longitude=94.905), metadata=auth, timeout=10)
request = m[P + "ReportIncidentRequest"](source="hotline", category="city_appearance", title="路灯不亮",
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
    "outside": code_and_message(lambda: locate(m[P + "LocateGridRequest"](latitude=0, longitude=0), metadata=auth, timeout=10)),
    "bad_source": code_and_message(lambda: report(m[P + "ReportIncidentRequest"](source="citizen"), metadata=auth, timeout=10)),
    "anonymous": code_and_message(lambda: locate(m[P + "LocateGridRequest"](latitude=36.405, longitude=94.905), timeout=10)),
}, ensure_ascii=False))
