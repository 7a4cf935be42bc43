"""Calls PopulationService with Debian's python3-grpcio, an independent gRPC implementation.

argv: host:port, a bearer token, a document number, optionally a house id (the household and residents are then
asked too: GetHouseholdOfPerson by the number, ListResidents of the house). The message classes are protoc's --python_out of
the project's own population.proto (protoc 3.21.6, put on PYTHONPATH by the test: PythonProtos); the
rpc stubs are written here with channel.unary_unary, as Debian's grpc_tools is too old. Prints one
JSON line of results.
"""
import json
import sys

import grpc
from governance.population.v1 import population_pb2 as pb

target, token, number = sys.argv[1:4]
house = sys.argv[4] if len(sys.argv) > 4 else None
channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
auth = [("authorization", "Bearer " + token)]
look_up = channel.unary_unary("/governance.population.v1.PopulationService/LookUpPerson",
                              request_serializer=pb.LookUpPersonRequest.SerializeToString,
                              response_deserializer=pb.LookUpPersonResponse.FromString)
household_of = channel.unary_unary("/governance.population.v1.PopulationService/GetHouseholdOfPerson",
                                   request_serializer=pb.GetHouseholdOfPersonRequest.SerializeToString,
                                   response_deserializer=pb.Household.FromString)
list_residents = channel.unary_unary("/governance.population.v1.PopulationService/ListResidents",
                                     request_serializer=pb.ListResidentsRequest.SerializeToString,
                                     response_deserializer=pb.ListResidentsResponse.FromString)
# grpc.health.v1.Health/Check with an empty request, raw bytes: the answer's field 1 is the status (08 01: SERVING).
health = channel.unary_unary("/grpc.health.v1.Health/Check")


def code(call):
    try:
        call()
        return ["OK", ""]
    except grpc.RpcError as e:
        return [e.code().name, e.details()]


purpose = "law_enforcement_request"
masked = look_up(pb.LookUpPersonRequest(document_number=number, purpose=purpose), metadata=auth, timeout=10).persons[0]
revealed = look_up(pb.LookUpPersonRequest(document_number=number, purpose=purpose, purpose_note="协查", reveal=True),
                   metadata=auth, timeout=10).persons[0]
extra = {}
if house:
    household = household_of(pb.GetHouseholdOfPersonRequest(document_number=number, purpose=purpose), metadata=auth, timeout=10)
    residents = list_residents(pb.ListResidentsRequest(house_id=house, purpose=purpose), metadata=auth, timeout=10)
    extra = {
        "household": [household.number, [[m.relation, m.person.document_number] for m in household.members]],
        "residents": [residents.counts.floating, residents.counts.total, [r.person.document_number for r in residents.residents]],
        "residents_no_purpose": code(lambda: list_residents(pb.ListResidentsRequest(house_id=house), metadata=auth, timeout=10)),
    }
print(json.dumps({
    "id": masked.id,
    "masked_number": masked.document_number,
    "masked_phone": masked.phone,
    "masked_permit": masked.residence.permit_number,
    "status": masked.residence.status,
    "revealed_number": revealed.document_number,
    "revealed_permit": revealed.residence.permit_number,
    "birth_date": revealed.birth_date,
    "no_purpose": code(lambda: look_up(pb.LookUpPersonRequest(document_number=number), metadata=auth, timeout=10)),
    "unknown": code(lambda: look_up(pb.LookUpPersonRequest(document_number="830000200002290031", purpose=purpose),
                                    metadata=auth, timeout=10)),
    "anonymous": code(lambda: look_up(pb.LookUpPersonRequest(document_number=number, purpose=purpose), timeout=10)),
    "health": health(b"", timeout=10).hex(),
    **extra,
}, ensure_ascii=False))
