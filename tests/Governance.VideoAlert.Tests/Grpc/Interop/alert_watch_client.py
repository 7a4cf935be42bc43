"""Watches VideoAlertService.WatchAlerts with Debian's python3-grpcio, an independent gRPC implementation.

argv: host:port, a bearer token, the org path to watch, how many updates to read. Message classes are protoc 3.21.6
output from the project's own .proto (on PYTHONPATH); the stub is written with channel.unary_stream. Reads that many
updates (or fails at the 30 s deadline), then cancels the watch and prints one JSON line of what it received.
"""
import json
import sys

import grpc
from governance.videoalert.v1 import videoalert_pb2 as pb

target, token, org_path, wanted = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
auth = [("authorization", "Bearer " + token)]
watch = channel.unary_stream("/governance.videoalert.v1.VideoAlertService/WatchAlerts",
                             request_serializer=pb.WatchAlertsRequest.SerializeToString,
                             response_deserializer=pb.AlertUpdate.FromString)


def code(call):
    try:
        for _ in call():
            pass
        return ["OK", ""]
    except grpc.RpcError as e:
        return [e.code().name, e.details()]


received = []
stream = watch(pb.WatchAlertsRequest(org_path=org_path), metadata=auth, timeout=30)
for update in stream:
    received.append({"id": update.alert.id, "change": update.change, "status": update.alert.status,
                     "org_path": update.alert.org_path, "kind": update.alert.kind, "device_id": update.alert.device_id})
    if len(received) == wanted:
        stream.cancel()
        break

print(json.dumps({
    "received": received,
    "anonymous": code(lambda: watch(pb.WatchAlertsRequest(org_path=org_path), timeout=10)),
    "no_filter": code(lambda: watch(pb.WatchAlertsRequest(), metadata=auth, timeout=10)),
}, ensure_ascii=False))
