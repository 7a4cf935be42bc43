using System.Net.Http.Headers;
using System.Text.Json;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Governance.ServiceDefaults.Tests.Defaults;

/// <summary>Refusals in Chinese by default, in English when the caller prefers it (this project's messages.zh-CN.json).</summary>
public sealed class UserLanguageTests
{
    private static Task<DefaultsHost> StartAsync() => DefaultsHost.StartAsync(map: app =>
    {
        app.MapGet("/division/{code}", string (string code) => throw DomainException.Invalid("divisionCode", $"The division code '{code}' must have 6 digits.")).AllowAnonymous();
        app.MapGet("/rule", string () => throw DomainException.RuleViolated("ClosedIncidentCannotBeDispatched", "A closed incident cannot be dispatched.")).AllowAnonymous();
        app.MapGet("/untranslated", string () => throw DomainException.NotFound("No incident 42.")).AllowAnonymous();
    });

    private static async Task<JsonElement> GetAsync(HttpClient client, string path, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
    }

    [Theory]
    [InlineData(null, "区划代码“12a”须为 6 位数字。")]
    [InlineData("zh-CN", "区划代码“12a”须为 6 位数字。")]
    [InlineData("fr-FR, de;q=0.9", "区划代码“12a”须为 6 位数字。")]
    [InlineData("en", "The division code '12a' must have 6 digits.")]
    [InlineData("en-US,en;q=0.9,zh-CN;q=0.8", "The division code '12a' must have 6 digits.")]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", "区划代码“12a”须为 6 位数字。")]
    [InlineData("fr, zh;q=0.5, en;q=0.7", "The division code '12a' must have 6 digits.")]
    public async Task A_refusal_is_in_Chinese_unless_the_caller_prefers_English(string? acceptLanguage, string expected)
    {
        await using var host = await StartAsync();
        var body = await GetAsync(host.Client(), "/division/12a", acceptLanguage);

        Assert.Equal(expected, body.GetProperty("errors").GetProperty("divisionCode")[0].GetString());
        Assert.Equal(expected, body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_rule_code_stays_the_machine_contract_and_an_untranslated_message_stays_English()
    {
        await using var host = await StartAsync();
        var rule = await GetAsync(host.Client(), "/rule", null);
        Assert.Equal(("ClosedIncidentCannotBeDispatched", "已结案的事件不能派遣。"), (rule.GetProperty("rule").GetString(), rule.GetProperty("detail").GetString()));
        Assert.Equal("No incident 42.", (await GetAsync(host.Client(), "/untranslated", null)).GetProperty("detail").GetString());
    }

    [Fact]
    public void A_message_keeps_its_template_and_values_and_literal_braces()
    {
        var (count, at) = (3, new DateTime(2026, 10, 1, 8, 30, 0, DateTimeKind.Utc));
        DomainMessage message = $"{{grid}} {count} steps, due {at:yyyy-MM-dd HH:mm}.";

        Assert.Equal("{{grid}} {0} steps, due {1:yyyy-MM-dd HH:mm}.", message.Template);
        Assert.Equal("{grid} 3 steps, due 2026-10-01 08:30.", message.Text);
        Assert.Equal("{网格} 3 步，截至 2026-10-01 08:30。", message.Render("{{网格}} {0} 步，截至 {1:yyyy-MM-dd HH:mm}。"));
        DomainMessage plain = "No {braces} here.";
        Assert.Equal(("No {{braces}} here.", "No {braces} here."), (plain.Template, plain.Text));
    }
}
