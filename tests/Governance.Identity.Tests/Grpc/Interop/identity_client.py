"""Calls IdentityService with Debian's python3-grpcio, an independent gRPC implementation.

argv: host:port, a bearer token, the path of identity.proto's serialized FileDescriptorProto, a
user id. Message classes are built from the descriptor at run time (no protoc output whose version
would have to match this runtime). Prints one JSON line of results.
"""
import json
import sys

import grpc
from google.protobuf import descriptor_pb2, message_factory

target, token, descriptor_path, user_id = sys.argv[1:5]
with open(descriptor_path, "rb") as f:
    file_proto = descriptor_pb2.FileDescriptorProto.FromString(f.read())
m = message_factory.GetMessages([file_proto])
P = "governance.identity.v1."
channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
auth = [("authorization", "Bearer " + token)]


def rpc(name, request, reply):
    return channel.unary_unary("/" + P + "IdentityService/" + name,
                               request_serializer=m[P + request].SerializeToString,
                               response_deserializer=m[P + reply].FromString)


def code_of(call):
    try:
        call()
        return "OK"
    except grpc.RpcError as e:
        return e.code().name


get_user = rpc("GetUser", "GetUserRequest", "User")
check = rpc("CheckPermission", "CheckPermissionRequest", "CheckPermissionResponse")
user = get_user(m[P + "GetUserRequest"](id=user_id), metadata=auth, timeout=10)
decision = check(m[P + "CheckPermissionRequest"](user_id=user_id, permission="incident.report", org_path=user.org_path),
                 metadata=auth, timeout=10)
print(json.dumps({
    "user_name": user.user_name,
    "roles": list(user.roles),
    "allowed": decision.allowed,
    "reason": decision.reason,
    "bad_id": code_of(lambda: get_user(m[P + "GetUserRequest"](id="nope"), metadata=auth, timeout=10)),
    "anonymous": code_of(lambda: get_user(m[P + "GetUserRequest"](id=user_id), timeout=10)),
}, ensure_ascii=False))
