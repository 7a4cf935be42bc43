using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Governance.Testing.Hosting;

/// <summary>
/// A service as its <c>Program.cs</c> adds and maps it (<c>builder.AddGridService()</c>,
/// <c>app.MapGridService()</c>), and the name of its connection string.
/// </summary>
public sealed record ServiceUnderTest(string Database, Action<IHostApplicationBuilder> Add, Action<WebApplication> Map);
