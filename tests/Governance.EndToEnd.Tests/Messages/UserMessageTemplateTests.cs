using System.Reflection;
using Governance.ServiceDefaults.Problems;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Governance.EndToEnd.Tests.Messages;

/// <summary>
/// The templates <see cref="UserMessageSites"/> reads from the source are the ones the compiler and
/// <see cref="DomainMessage"/>'s handler record at run time: each expression is compiled (Roslyn, in
/// memory) into a DomainMessage argument and its template compared with the one read from the syntax.
/// </summary>
public sealed class UserMessageTemplateTests
{
    // Locals the expressions may use.
    private const string Locals = """
        const string Constant = "k"; int n = 3; double d = 2.5; string s = "x"; var at = new DateTime(2026, 1, 2);
        """;

    public static TheoryData<string> Expressions =>
    [
        "\"Plain {braces} and \\\"quotes\\\" \\t.\"",
        "$\"The code '{s}' is taken.\"",
        "$\"{n:D3} of {d,8:F1}, {s,-4} at {at:O}; {{literal}}.\"",
        "$\"First {n} \" + $\"then {s}.\"",
        "$\"no holes {{at all}}\"",
        "\"joined \" + \"literals\"",
        "\"joined \" + $\"without holes\"",
        "@\"verbatim \"\"q\"\" {x}\"",
        "$@\"verbatim {s} \"\"q\"\" {{y}}\"",
        "$\"\"\"raw {s} \"q\" \"\"\"",
        "$\"\"\"\n    multi-line raw {s}\n      indented\n    \"\"\"",
        "$$\"\"\"raw {{s}} and {x}\"\"\"",
        "$\"a constant hole {Constant}\"",
        "$\"an expression {string.Join(\", \", new[] { s, s })} and {(n > 1 ? s : \"\")}\"",
        "n > 1 ? \"one plain arm\" : \"another {plain} arm\"",
    ];

    [Theory]
    [MemberData(nameof(Expressions))]
    public void The_template_read_from_the_source_is_the_one_recorded_at_run_time(string expression)
    {
        var read = UserMessageSites.TemplatesOf(SyntaxFactory.ParseExpression(expression, options: new CSharpParseOptions(LanguageVersion.Preview)));

        Assert.Contains(RunTimeTemplate(expression), read);
    }

    [Theory]
    [InlineData("\"joined \" + $\"with a hole {s}\"")]
    [InlineData("n > 1 ? $\"an interpolated {s}\" : \"arm\"")]
    [InlineData("s")]
    [InlineData("string.Format(\"{0}\", s)")]
    public void A_message_built_as_a_plain_string_at_run_time_is_not_taken_for_a_template(string expression)
    {
        Assert.Empty(UserMessageSites.TemplatesOf(SyntaxFactory.ParseExpression(expression, options: new CSharpParseOptions(LanguageVersion.Preview))));
    }

    private static string RunTimeTemplate(string expression)
    {
        var source = $$"""
            using System;
            using Governance.ServiceDefaults.Problems;
            public static class Probe
            {
                public static string Template()
                {
                    {{Locals}}
                    return Of({{expression}});
                }
                private static string Of(DomainMessage message) => message.Template;
            }
            """;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(DomainMessage).Assembly.Location).Distinct()
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Probe" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview))], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(x => x.Severity == DiagnosticSeverity.Error)));
        var probe = Assembly.Load(image.ToArray()).GetType("Probe")!;
        return (string)probe.GetMethod("Template")!.Invoke(null, null)!;
    }
}
