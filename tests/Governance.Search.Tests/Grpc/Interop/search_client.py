"""Searches with Debian's python3-grpcio, an independent gRPC implementation.

argv: host:port, a bearer token, the words. The message classes are protoc's --python_out of the project's own
search.proto (PythonProtos); the rpc stub is written here with channel.unary_unary, as Debian's grpc_tools is too old.
Prints one JSON line of results.
"""
import json
import sys

import grpc
from governance.search.v1 import search_pb2 as pb

target, token, words = sys.argv[1:4]
channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
auth = [("authorization", "Bearer " + token)]
search = channel.unary_unary("/governance.search.v1.SearchService/Search",
                             request_serializer=pb.SearchRequest.SerializeToString,
                             response_deserializer=pb.SearchResponse.FromString)

found = search(pb.SearchRequest(q=words), metadata=auth, timeout=10)
try:
    search(pb.SearchRequest(record_types=["person"]), metadata=auth, timeout=10)
    bad = ["OK", ""]
except grpc.RpcError as e:
    bad = [e.code().name, e.details()]
print(json.dumps({
    "total": found.total,
    "ids": [h.id for h in found.hits],
    "highlights": [h.highlight for h in found.hits],
    "bad_type": bad,
}, ensure_ascii=False))
