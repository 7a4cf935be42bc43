"""退单 and 改派 over GridService with Debian's python3-grpcio, an independent gRPC implementation.

argv: host:port, the centre's token, the lead department's token, the other department's token,
a registered incident's id, the lead department's id, the other department's id. Runs the dispatch,
the lead's return and the re-dispatch, each refusal on the way, and prints one JSON line of results.
"""
import json
import sys

import grpc
from governance.grid.v1 import grid_pb2 as pb

target, centre, lead, other, incident_id, lead_id, other_id = sys.argv[1:8]
P = "governance.grid.v1."
channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])


def rpc(name, request, reply):
    return channel.unary_unary("/" + P + "GridService/" + name,
                               request_serializer=getattr(pb, request).SerializeToString,
                               response_deserializer=getattr(pb, reply).FromString)


def auth(token):
    return [("authorization", "Bearer " + token)]


def code_and_message(call):
    try:
        call()
        return ["OK", ""]
    except grpc.RpcError as e:
        return [e.code().name, e.details()]


dispatch = rpc("DispatchIncident", "DispatchIncidentRequest", "Incident")
redispatch = rpc("RedispatchIncident", "DispatchIncidentRequest", "Incident")
give_back = rpc("ReturnIncident", "ReturnIncidentRequest", "Incident")
accept = rpc("AcceptIncident", "AcceptIncidentRequest", "Incident")
parts = rpc("ListIncidentParts", "ListIncidentPartsRequest", "ListIncidentPartsResponse")

results = {
    "unknown_department": code_and_message(lambda: dispatch(
        pb.DispatchIncidentRequest(incident_id=incident_id, department_id="no-such-department"), metadata=auth(centre), timeout=10)),
}
dispatched = dispatch(pb.DispatchIncidentRequest(incident_id=incident_id, department_id=lead_id, note="派城管"), metadata=auth(centre), timeout=10)
results["dispatched"] = [dispatched.state, dispatched.department_id]
results["return_by_another"] = code_and_message(lambda: give_back(
    pb.ReturnIncidentRequest(incident_id=incident_id, reason="不是我们的"), metadata=auth(other), timeout=10))
results["return_without_reason"] = code_and_message(lambda: give_back(
    pb.ReturnIncidentRequest(incident_id=incident_id), metadata=auth(lead), timeout=10))
returned = give_back(pb.ReturnIncidentRequest(incident_id=incident_id, reason="供水管道问题, 非城管职责"), metadata=auth(lead), timeout=10)
results["returned"] = [returned.state, returned.department_id, returned.step]
results["redispatch_to_same"] = code_and_message(lambda: redispatch(
    pb.DispatchIncidentRequest(incident_id=incident_id, department_id=lead_id), metadata=auth(centre), timeout=10))
again = redispatch(pb.DispatchIncidentRequest(incident_id=incident_id, department_id=other_id, note="改派水务"), metadata=auth(centre), timeout=10)
results["redispatched"] = [again.state, again.department_id]
results["accepted"] = accept(pb.AcceptIncidentRequest(incident_id=incident_id), metadata=auth(other), timeout=10).state
listed = parts(pb.ListIncidentPartsRequest(incident_id=incident_id), metadata=auth(centre), timeout=10).parts
results["parts"] = [[p.department_id, p.role, p.round, p.state, p.note] for p in listed]
print(json.dumps(results, ensure_ascii=False))
