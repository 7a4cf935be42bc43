"""Calls grpc.health.v1.Health and grpc.reflection.v1alpha.ServerReflection with Debian's python3-grpcio.

argv: host:port, a bearer token, and the paths of health.proto's and reflection.proto's serialized
FileDescriptorProtos (Debian ships neither grpc_health nor grpc_reflection). Then, as grpcurl does, it
builds the Echo messages from the descriptor reflection answered and calls Say with them. Prints one JSON line.
"""
import json
import queue
import sys

import grpc
from google.protobuf import descriptor_pb2, message_factory

target, token, health_path, reflection_path = sys.argv[1:5]


def load(path):
    with open(path, "rb") as f:
        return message_factory.GetMessages([descriptor_pb2.FileDescriptorProto.FromString(f.read())])


health = load(health_path)
reflection = load(reflection_path)
Req, Resp = health["grpc.health.v1.HealthCheckRequest"], health["grpc.health.v1.HealthCheckResponse"]
RReq, RResp = reflection["grpc.reflection.v1alpha.ServerReflectionRequest"], reflection["grpc.reflection.v1alpha.ServerReflectionResponse"]
status_name = Resp.DESCRIPTOR.enum_types_by_name["ServingStatus"].values_by_number

channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
auth = [("authorization", "Bearer " + token)]
check = channel.unary_unary("/grpc.health.v1.Health/Check", request_serializer=Req.SerializeToString, response_deserializer=Resp.FromString)
watch = channel.unary_stream("/grpc.health.v1.Health/Watch", request_serializer=Req.SerializeToString, response_deserializer=Resp.FromString)
info = channel.stream_stream("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                             request_serializer=RReq.SerializeToString, response_deserializer=RResp.FromString)
results = {}

# Health, without a token.
results["check"] = status_name[check(Req(service=""), timeout=5).status].name
try:
    check(Req(service="governance.nope.v1.Nope"), timeout=5)
except grpc.RpcError as e:
    results["check_unknown"] = e.code().name
stream = watch(Req(service=""), timeout=10)
results["watch_first"] = status_name[next(stream).status].name
stream.cancel()

# Reflection: each request is sent only after the previous reply came back.
outgoing = queue.Queue()


def requests():
    while (request := outgoing.get()) is not None:
        yield request


replies = info(requests(), metadata=auth, timeout=10)
outgoing.put(RReq(list_services=""))
results["services"] = [s.name for s in next(replies).list_services_response.service]
outgoing.put(RReq(file_containing_symbol="governance.testing.v1.Echo"))
files = [descriptor_pb2.FileDescriptorProto.FromString(b) for b in next(replies).file_descriptor_response.file_descriptor_proto]
outgoing.put(RReq(file_containing_symbol="governance.nope.v1.Nope"))
results["unknown_symbol"] = next(replies).error_response.error_code
outgoing.put(None)
results["reflection_end"] = [r for r in replies] == [] and replies.code().name

# grpcurl's next step: call a method with messages built from the reflected descriptor.
echo = message_factory.GetMessages(files)
say = channel.unary_unary("/governance.testing.v1.Echo/Say", request_serializer=echo["governance.testing.v1.SayRequest"].SerializeToString,
                          response_deserializer=echo["governance.testing.v1.SayReply"].FromString)
results["reflected_say"] = say(echo["governance.testing.v1.SayRequest"](text="via reflection"), metadata=auth, timeout=5).text
print(json.dumps(results))
