"""The dispute loop both ways over gRPC with Debian's python3-grpcio, an independent gRPC implementation.

argv: grid host:port, a grid bearer token, mediation host:port, a mediation bearer token, the id of an
incident the grid handed over. Reads the case's number off the incident's timeline (GridService), completes
the case and has the applicant withdraw it (MediationService), then waits until the grid incident closes.
The message classes are protoc's --python_out of the project's own .proto files (PythonProtos); the rpc
stubs are written here with channel.unary_unary, as Debian's grpc_tools is too old. Prints one JSON line.
"""
import json
import sys
import time

import grpc
from governance.grid.v1 import grid_pb2 as gpb
from governance.mediation.v1 import mediation_pb2 as mpb

grid_target, grid_token, mediation_target, mediation_token, incident_id = sys.argv[1:6]
grid = grpc.insecure_channel(grid_target, options=[("grpc.enable_http_proxy", 0)])
mediation = grpc.insecure_channel(mediation_target, options=[("grpc.enable_http_proxy", 0)])
grid_auth = [("authorization", "Bearer " + grid_token)]
auth = [("authorization", "Bearer " + mediation_token)]


def rpc(channel, service, name, request, reply):
    return channel.unary_unary("/" + service + "/" + name, request_serializer=request.SerializeToString,
                               response_deserializer=reply.FromString)


def mediation_rpc(name, request):
    return rpc(mediation, "governance.mediation.v1.MediationService", name, request, mpb.Case)


def code_and_message(call):
    try:
        call()
        return ["OK", ""]
    except grpc.RpcError as e:
        return [e.code().name, e.details()]


timeline = rpc(grid, "governance.grid.v1.GridService", "GetTimeline", gpb.GetTimelineRequest, gpb.GetTimelineResponse)


def steps_until(action):
    deadline = time.time() + 60
    while True:
        steps = timeline(gpb.GetTimelineRequest(incident_id=incident_id), metadata=grid_auth, timeout=10).steps
        if any(s.action == action for s in steps) or time.time() > deadline:
            return steps
        time.sleep(0.1)


registered = next(s for s in steps_until("mediation-registered") if s.action == "mediation-registered")
number = registered.note.split(":")[0].replace("case ", "")

get = mediation_rpc("GetCase", mpb.GetCaseRequest)
update = mediation_rpc("UpdateCase", mpb.UpdateCaseRequest)
add = mediation_rpc("AddParty", mpb.AddPartyRequest)
remove = mediation_rpc("RemoveParty", mpb.RemovePartyRequest)
decline = mediation_rpc("DeclineCase", mpb.DeclineCaseRequest)
withdraw = mediation_rpc("WithdrawCase", mpb.WithdrawCaseRequest)

case = get(mpb.GetCaseRequest(incident_id=incident_id), metadata=auth, timeout=10)
by_number = get(mpb.GetCaseRequest(number=number), metadata=auth, timeout=10)
case = update(mpb.UpdateCaseRequest(case_id=case.id, name="噪音纠纷", category="neighbour", people_involved=2,
                                    summary="楼上夜间装修噪音，双方协商未果。"), metadata=auth, timeout=10)
add(mpb.AddPartyRequest(case_id=case.id, party=mpb.Party(kind="person", role="applicant", name="张三")), metadata=auth, timeout=10)
add(mpb.AddPartyRequest(case_id=case.id, party=mpb.Party(kind="person", role="respondent", name="李四")), metadata=auth, timeout=10)
case = add(mpb.AddPartyRequest(case_id=case.id, party=mpb.Party(kind="organisation", role="other", name="某装修公司")), metadata=auth, timeout=10)
stray = next(p for p in case.parties if p.role == "other")
case = remove(mpb.RemovePartyRequest(case_id=case.id, party_id=stray.id), metadata=auth, timeout=10)
applicant = next(p for p in case.parties if p.role == "applicant")
bad_decline = code_and_message(lambda: decline(mpb.DeclineCaseRequest(case_id=case.id, reason="other"), metadata=auth, timeout=10))
withdrawn = withdraw(mpb.WithdrawCaseRequest(case_id=case.id, reason="settled_between_parties", party_id=applicant.id),
                     metadata=auth, timeout=10)
fixed = code_and_message(lambda: update(mpb.UpdateCaseRequest(case_id=case.id, name="再改"), metadata=auth, timeout=10))
steps = steps_until("close")
print(json.dumps({
    "number": number,
    "same_case": by_number.id == case.id,
    "name": case.name,
    "category": case.category,
    "parties": sorted(p.role + " " + p.name for p in case.parties),
    "bad_decline": bad_decline,
    "state": withdrawn.state,
    "fixed": fixed,
    "grid_actions": [s.action for s in steps],
    "grid_state": steps[-1].to_state,
}, ensure_ascii=False))
