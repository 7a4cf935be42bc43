"""Calls IdentityService with Debian's python3-grpcio, an independent gRPC implementation.

argv: host:port, a bearer token that may read users, a user id, a bearer token that may not. The message classes are protoc's --python_out of the project's own
identity.proto (protoc 3.21.6, which the test runs onto PYTHONPATH: PythonProtos); the rpc stubs are
written here with channel.unary_unary, as Debian's grpc_tools is too old. Prints one JSON line of results.
"""
import json
import sys

import grpc
from governance.identity.v1 import identity_pb2 as pb

target, token, user_id, token_without_user_read = sys.argv[1:5]
P = "governance.identity.v1."
channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
auth = [("authorization", "Bearer " + token)]


def rpc(name, request, reply):
    return channel.unary_unary("/" + P + "IdentityService/" + name,
                               request_serializer=getattr(pb, request).SerializeToString,
                               response_deserializer=getattr(pb, reply).FromString)


def code_of(call):
    try:
        call()
        return "OK"
    except grpc.RpcError as e:
        return e.code().name


def refusal_of(call):
    try:
        call()
        return {"code": "OK", "details": ""}
    except grpc.RpcError as e:
        return {"code": e.code().name, "details": e.details()}


get_user = rpc("GetUser", "GetUserRequest", "User")
check = rpc("CheckPermission", "CheckPermissionRequest", "CheckPermissionResponse")
user = get_user(pb.GetUserRequest(id=user_id), metadata=auth, timeout=10)
decision = check(pb.CheckPermissionRequest(user_id=user_id, permission="incident.report", org_path=user.org_path),
                 metadata=auth, timeout=10)
print(json.dumps({
    "user_name": user.user_name,
    "roles": list(user.roles),
    "allowed": decision.allowed,
    "reason": decision.reason,
    "bad_id": code_of(lambda: get_user(pb.GetUserRequest(id="nope"), metadata=auth, timeout=10)),
    "anonymous": code_of(lambda: get_user(pb.GetUserRequest(id=user_id), timeout=10)),
    "without_user_read": refusal_of(lambda: get_user(pb.GetUserRequest(id=user_id),
                                                     metadata=[("authorization", "Bearer " + token_without_user_read)], timeout=10)),
}, ensure_ascii=False))
