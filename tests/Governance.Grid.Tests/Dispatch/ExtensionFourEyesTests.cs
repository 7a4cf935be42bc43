using System.Net;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Dispatch;

/// <summary>Four eyes: whoever asked for an extension does not decide it, whatever roles they hold.</summary>
public sealed class ExtensionFourEyesTests : IAsyncLifetime
{
    private GridHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await GridHost.StartAsync();
    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nobody_approves_their_own_extension_request()
    {
        var worker = _host.ClientAs("worker-1", Grid1, "grid_worker");
        var @operator = _host.ClientAs("operator-1", Street, "centre_operator");
        // One person holding both the department's role and the centre's supervisor role.
        var both = _host.Client(_host.Issuer.TokenFor("double-hat", Street, ["department_handler", "centre_operator"], Department));
        var reported = await worker.ReportAsync();
        await @operator.StepAsync(reported.Id, "register", new { });
        var dispatched = await @operator.StepAsync(reported.Id, "dispatch", new { departmentId = Department });
        await both.StepAsync(reported.Id, "extension", new { until = dispatched.StepDueAt!.Value.AddDays(2), reason = "需采购配件" });

        var (status, problem) = await both.TryStepAsync(reported.Id, "extension/decision", new { approve = true });
        Assert.Equal((HttpStatusCode.Conflict, "ExtensionDecidedByAnotherPerson"), (status, problem.GetProperty("rule").GetString()));
        var stored = await _host.QueryAsync(db => db.Incidents.SingleAsync(i => i.Id == reported.Id, Ct));
        Assert.Equal((0, true), (stored.Extensions, stored.ExtensionRequestedUntil is not null));

        // Another supervisor decides it.
        var approved = await @operator.StepAsync(reported.Id, "extension/decision", new { approve = true });
        Assert.Equal(1, approved.Extensions);
    }
}
