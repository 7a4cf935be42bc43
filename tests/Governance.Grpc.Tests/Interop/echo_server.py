"""Serves Echo with Debian's python3-grpcio, so our client is proven against a server we did not write.

The message classes are protoc's --python_out of echo.proto (protoc 3.21.6, on PYTHONPATH: PythonProtos).
Prints the port it listens on (127.0.0.1, chosen by the OS), then "cancelled <text>" for each slow call
whose client went away. Stops when stdin closes, so a dying test run leaves no server behind.
"""
import sys
import time
from concurrent import futures

import grpc
from governance.testing.v1.echo_pb2 import CountReply, CountRequest, SayReply, SayRequest

CODES = {c.value[0]: c for c in grpc.StatusCode}


def say(request, context):
    metadata = dict(context.invocation_metadata())
    if request.mode == "rpc":
        context.abort(CODES[request.code], request.text)
    if request.delay_ms:
        end = time.monotonic() + request.delay_ms / 1000
        while time.monotonic() < end:
            if not context.is_active():
                print("cancelled " + request.text, flush=True)
                return SayReply()
            time.sleep(0.01)
    if "x-echo" in metadata:
        context.send_initial_metadata((("x-echo-back", metadata["x-echo"]),))
    if "x-trace-bin" in metadata:
        context.set_trailing_metadata((("x-trace-back-bin", bytes(reversed(metadata["x-trace-bin"]))),))
    if request.text == "deadline":  # how long the caller gave us, from its grpc-timeout
        return SayReply(text="%.1f" % context.time_remaining())
    if request.text == "zipped":
        context.set_compression(grpc.Compression.Gzip)  # the reply comes back compressed too
    return SayReply(text=request.text, caller=metadata.get("authorization", ""))


def count(request, context):
    for i in range(1, request.up_to + 1):
        if request.fail_after and i > request.fail_after:
            context.abort(grpc.StatusCode.ABORTED, "stopped after %d" % request.fail_after)
        yield CountReply(number=i)


handler = grpc.method_handlers_generic_handler("governance.testing.v1.Echo", {
    "Say": grpc.unary_unary_rpc_method_handler(
        say, request_deserializer=SayRequest.FromString, response_serializer=SayReply.SerializeToString),
    "Count": grpc.unary_stream_rpc_method_handler(
        count, request_deserializer=CountRequest.FromString, response_serializer=CountReply.SerializeToString),
})
server = grpc.server(futures.ThreadPoolExecutor(max_workers=8), handlers=(handler,))
port = server.add_insecure_port("127.0.0.1:0")
server.start()
print(port, flush=True)
sys.stdin.read()
server.stop(0)
