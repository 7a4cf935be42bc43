"""Reads a moved community's case over gRPC with Debian's python3-grpcio, once per caller.

argv: host:port, a case id, then label=token pairs. For each caller, GetCase: prints one JSON line
{label: [status, detail, the case's org_path]}. The message classes are protoc's --python_out of the
project's own mediation.proto (PythonProtos), the stub is channel.unary_unary.
"""
import json
import sys

import grpc
from governance.mediation.v1 import mediation_pb2 as pb

target, case_id = sys.argv[1:3]
channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
get = channel.unary_unary("/governance.mediation.v1.MediationService/GetCase",
                          request_serializer=pb.GetCaseRequest.SerializeToString,
                          response_deserializer=pb.Case.FromString)
results = {}
for pair in sys.argv[3:]:
    label, token = pair.split("=", 1)
    try:
        case = get(pb.GetCaseRequest(case_id=case_id), metadata=[("authorization", "Bearer " + token)], timeout=10)
        results[label] = ["OK", "", case.org_path]
    except grpc.RpcError as e:
        results[label] = [e.code().name, e.details(), ""]
print(json.dumps(results, ensure_ascii=False))
