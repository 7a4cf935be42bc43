using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Governance.Grpc.Framing;

/// <summary>Writes uncompressed length-prefixed messages to a response body.</summary>
internal static class MessageWriter
{
    public static async ValueTask WriteAsync(PipeWriter body, IMessage message, CancellationToken cancellationToken)
    {
        var length = message.CalculateSize();
        var span = body.GetSpan(5 + length);
        span[0] = 0; // not compressed: identity is always acceptable to a client
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
        message.WriteTo(span.Slice(5, length));
        body.Advance(5 + length);
        await body.FlushAsync(cancellationToken);
    }
}
