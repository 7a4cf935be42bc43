using Microsoft.AspNetCore.Builder;

namespace Governance.Testing.Hosting;

/// <summary>How a <see cref="ServiceTestHost{TDb}"/> differs from the defaults.</summary>
public sealed class ServiceTestHostOptions
{
    /// <summary>Configuration over the test defaults.</summary>
    public IDictionary<string, string?>? Settings { get; init; }

    /// <summary>On a SQLite file, as the standalone host runs, instead of a fresh PostgreSQL database.</summary>
    public bool Sqlite { get; init; }

    /// <summary>
    /// On PostgreSQL with the two roles of ADR 0011: the schema is built by the service's migrations
    /// run as <see cref="TestPostgres.OwnerRole"/> (the <c>migrate</c> command), and the service runs as
    /// <see cref="TestPostgres.RuntimeRole"/>, which owns nothing. Otherwise the schema comes from the
    /// model and the service runs as the server's superuser.
    /// </summary>
    public bool RuntimeRole { get; init; }

    /// <summary>
    /// The host is its own token issuer (the identity service): it listens on a port chosen before it
    /// starts, so that <c>Auth:Issuer</c> can name it, and no <see cref="Auth.TestIssuer"/> is started.
    /// </summary>
    public bool SelfIssued { get; init; }

    /// <summary>
    /// The service keeps its own clock (<see cref="TimeProvider.System"/>) instead of the host's
    /// <see cref="TestClock"/>, which then moves nothing: for benchmarks, which measure real time.
    /// </summary>
    public bool RealClock { get; init; }

    /// <summary>Runs after the service is added: replaces or adds services.</summary>
    public Action<WebApplicationBuilder>? Configure { get; init; }
}
