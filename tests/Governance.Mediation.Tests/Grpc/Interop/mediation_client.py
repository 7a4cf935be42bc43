"""Calls MediationService with Debian's python3-grpcio, an independent gRPC implementation.

argv: host:port, a bearer token. The message classes are protoc's --python_out of the project's own
mediation.proto (protoc 3.21.6, which the test runs onto PYTHONPATH: PythonProtos); the rpc stubs are
written here with channel.unary_unary, as Debian's grpc_tools is too old. Prints one JSON line of results.
"""
import json
import sys

import grpc
from governance.mediation.v1 import mediation_pb2 as pb

target, token = sys.argv[1:3]
P = "governance.mediation.v1."
channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
auth = [("authorization", "Bearer " + token)]


def rpc(name, request):
    return channel.unary_unary("/" + P + "MediationService/" + name,
                               request_serializer=getattr(pb, request).SerializeToString,
                               response_deserializer=pb.Case.FromString)


def code_and_message(call):
    try:
        call()
        return ["OK", ""]
    except grpc.RpcError as e:
        return [e.code().name, e.details()]


register = rpc("RegisterCase", "RegisterCaseRequest")
get = rpc("GetCase", "GetCaseRequest")
request = pb.RegisterCaseRequest(name="工资拖欠", place="昆仑路工地", org_path="632801/001/002", category="labour_and_wages",
                                        people_involved=12, amount_at_stake=86000, summary="12名工人被拖欠三个月工资",
                                        risk="major", source="department", source_reference="人社-2026-0042")
request.parties.add(kind="organisation", role="respondent", name="某建筑公司")
registered = register(request, metadata=auth, timeout=10)
got = get(pb.GetCaseRequest(case_id=registered.id), metadata=auth, timeout=10)
print(json.dumps({
    "number": registered.number,
    "state": got.state,
    "level": got.level,
    "responsible": got.responsible_org_path,
    "category": got.category,
    "amount": got.amount_at_stake,
    "created_at": got.created_at.seconds,
    "party": got.parties[0].name,
    "bad_risk": code_and_message(lambda: register(pb.RegisterCaseRequest(name="x", place="y", org_path="632801/001/002",
                                                                                 category="neighbour", summary="z", risk="urgent"),
                                                  metadata=auth, timeout=10)),
    "anonymous": code_and_message(lambda: get(pb.GetCaseRequest(case_id=registered.id), timeout=10)),
}, ensure_ascii=False))
