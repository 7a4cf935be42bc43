"""Calls the Echo service with Debian's python3-grpcio, an independent gRPC implementation.

argv: host:port, a bearer token, and the path of echo.proto's serialized FileDescriptorProto.
The message classes are built from that descriptor at run time, so no protoc output (whose
version would have to match this protobuf runtime) is needed. Prints one JSON line of results.
"""
import json
import sys

import grpc
from google.protobuf import descriptor_pb2, message_factory

target, token, descriptor_path = sys.argv[1:4]
with open(descriptor_path, "rb") as f:
    file_proto = descriptor_pb2.FileDescriptorProto.FromString(f.read())
messages = message_factory.GetMessages([file_proto])
SayRequest = messages["governance.testing.v1.SayRequest"]
SayReply = messages["governance.testing.v1.SayReply"]
CountRequest = messages["governance.testing.v1.CountRequest"]
CountReply = messages["governance.testing.v1.CountReply"]

channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
auth = [("authorization", "Bearer " + token)]
say = channel.unary_unary("/governance.testing.v1.Echo/Say",
                          request_serializer=SayRequest.SerializeToString, response_deserializer=SayReply.FromString)
count = channel.unary_stream("/governance.testing.v1.Echo/Count",
                             request_serializer=CountRequest.SerializeToString, response_deserializer=CountReply.FromString)
shout = channel.unary_unary("/governance.testing.v1.Echo/Shout",
                            request_serializer=SayRequest.SerializeToString, response_deserializer=SayReply.FromString)
results = {}


def failure(call):
    try:
        call()
        return None
    except grpc.RpcError as e:
        return [e.code().name, e.details()]


reply, call = say.with_call(SayRequest(text="hello"), timeout=10,
                            metadata=auth + [("x-echo", "from python"), ("x-trace-bin", b"\x01\x02\xfa")])
results["unary"] = reply.text
results["caller"] = reply.caller
results["echo_back"] = dict(call.initial_metadata()).get("x-echo-back")
results["trace_back"] = list(dict(call.trailing_metadata()).get("x-trace-back-bin", b""))
results["stream"] = [m.number for m in count(CountRequest(up_to=4), metadata=auth, timeout=10)]
results["error"] = failure(lambda: say(SayRequest(mode="rpc", code=9, text="网格 100% ✓"), metadata=auth, timeout=10))
results["deadline"] = failure(lambda: say(SayRequest(text="slow", delay_ms=20000), metadata=auth, timeout=0.3))[0]
results["gzip"] = say(SayRequest(text="zipped"), metadata=auth, timeout=10, compression=grpc.Compression.Gzip).text
results["anonymous"] = failure(lambda: say(SayRequest(text="x"), timeout=10))[0]
results["unimplemented"] = failure(lambda: shout(SayRequest(text="x"), metadata=auth, timeout=10))[0]
print(json.dumps(results, ensure_ascii=False))
