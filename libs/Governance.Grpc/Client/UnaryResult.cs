using Governance.Grpc.Server;

namespace Governance.Grpc.Client;

/// <summary>A unary call's reply with the response headers and trailers the server sent.</summary>
public sealed record UnaryResult<TReply>(TReply Reply, Metadata ResponseHeaders, Metadata ResponseTrailers);
