using System.Net;
using System.Text.Json;
using Governance.Messaging.Bus;
using Governance.Messaging.Tests.Support;
using Governance.ServiceDefaults;
using Governance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Governance.Messaging.Tests.Bus;

public sealed class BusTopologyTests
{
    [Fact]
    public async Task Queues_are_kebab_case_under_the_service_prefix_and_quorum_when_configured()
    {
        await using var database = await TestPostgres.CreateAsync();
        var prefix = "t" + Guid.NewGuid().ToString("n")[..8];
        await using var receiver = await ReceiverHost.StartAsync(database.ConnectionString, prefix,
            bus => bus.AddConsumer<ParcelConsumer>(), [prefix + "-parcel"],
            new Dictionary<string, string?> { ["Messaging:QuorumQueues"] = "true" });

        Assert.Equal("quorum", await TestRabbitMq.QueueTypeAsync(prefix + "-parcel"));
    }

    [Fact]
    public async Task Readiness_reports_the_bus()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:HttpPort"] = "0",
            ["Hosting:GrpcPort"] = "0",
            ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
            ["Messaging:ServiceName"] = "t" + Guid.NewGuid().ToString("n")[..8],
        });
        builder.AddServiceDefaults();
        builder.AddMessaging();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var response = await http.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(report.RootElement.GetProperty("checks").EnumerateObject(), c => c.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
