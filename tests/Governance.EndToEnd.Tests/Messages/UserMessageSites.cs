using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Governance.EndToEnd.Tests.Messages;

/// <summary>
/// A user-facing message as written in the source: where, in which project, and the template the
/// <c>DomainMessage</c> handler records for it at run time; <see cref="Templates"/> is empty when
/// the source alone cannot tell (a variable, a string built at run time), and <see cref="Why"/> says so.
/// </summary>
internal sealed record MessageSite(string File, int Line, string Project, IReadOnlyList<string> Templates, string Code, string? Why);

/// <summary>
/// Reads every message that reaches a <c>DomainMessage</c> parameter from the syntax of the source
/// (Roslyn, no build): the arguments of <c>DomainException</c>'s factories and constructor, of every
/// method that passes its own <c>DomainMessage</c> parameter on to them, and what members declared to
/// return a <c>DomainMessage</c> return. The template is computed as the handler computes it: literal
/// text with braces doubled, each hole numbered from 0 (<c>{n}</c>, <c>{n:format}</c>, <c>{n,alignment}</c>),
/// interpolated strings joined by <c>+</c> as one handler; a plain string (a literal, or literals joined)
/// is its text with braces doubled.
/// </summary>
internal static class UserMessageSites
{
    private const string MessageType = "DomainMessage";
    private const string ExceptionType = "DomainException";

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview);

    /// <summary>A parameter of type DomainMessage; <paramref name="ExtensionOf"/> names the class of an extension method (whose receiver is its parameter 0).</summary>
    private sealed record Sink(string Name, int Index, string Parameter, bool OnException, string? ExtensionOf = null);

    public static IReadOnlyList<MessageSite> In(string root, params string[] folders)
    {
        var trees = folders.Select(f => Path.Combine(root, f)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !Path.GetRelativePath(root, f).Split('/', '\\').Any(s => s is "obj" or "bin" or "Migrations"))
            .Order(StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), Options, f))
            .ToList();
        return Read(trees, f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => ProjectOf(root, f));
    }

    /// <summary>The templates <paramref name="expression"/> yields when given as a <c>DomainMessage</c>; empty when it cannot be told.</summary>
    public static IReadOnlyList<string> TemplatesOf(ExpressionSyntax expression) => Classify(expression).Templates;

    private static IReadOnlyList<MessageSite> Read(List<SyntaxTree> trees, Func<string, string> relative, Func<string, string> project)
    {
        var roots = trees.Select(t => t.GetCompilationUnitRoot()).ToList();
        var sinks = ExceptionSinks(roots);
        var returning = roots.SelectMany(r => r.DescendantNodes()).Select(n => (Node: n, Type: DeclaredReturnType(n)))
            .Where(m => IsMessageType(m.Type)).ToList();
        var returningNames = returning.Select(m => NameOf(m.Node)).OfType<string>().ToHashSet();

        // A method that hands its own DomainMessage parameter to a sink is a sink too (e.g. NotWithinReachAsync).
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var (argument, _) in roots.SelectMany(r => SinkArguments(r, sinks)).ToList())
                if (ForwardedParameter(argument) is { } forwarder)
                    grown |= sinks.Add(forwarder);
        }

        var sites = new List<MessageSite>();
        foreach (var r in roots)
        {
            foreach (var (argument, _) in SinkArguments(r, sinks))
            {
                if (ForwardedParameter(argument) is not null || IsMessageLocal(argument)) continue;
                if (IsMessageCall(argument)) continue;
                sites.Add(Site(argument));
            }
            foreach (var local in r.DescendantNodes().OfType<VariableDeclarationSyntax>().Where(v => IsMessageType(v.Type)))
                sites.AddRange(local.Variables.Select(v => v.Initializer?.Value).OfType<ExpressionSyntax>().Select(Site));
        }
        foreach (var (member, _) in returning)
            sites.AddRange(ReturnedBy(member).Where(e => !IsNoMessage(e) && !IsMessageCall(e)).Select(Site));
        return sites;

        // A call of a member that returns a DomainMessage: that member's own returns are read.
        bool IsMessageCall(ExpressionSyntax e) => e is InvocationExpressionSyntax call && CalleeName(call) is { } callee && returningNames.Contains(callee);

        MessageSite Site(ExpressionSyntax e)
        {
            var (templates, why) = Classify(e);
            var file = e.SyntaxTree.FilePath;
            return new(relative(file), e.GetLocation().GetLineSpan().StartLinePosition.Line + 1, project(file), templates,
                string.Join(' ', e.ToString().Split('\n').Select(l => l.Trim())), why);
        }
    }

    /// <summary>DomainException's factories and constructor: the parameters of type DomainMessage.</summary>
    private static HashSet<Sink> ExceptionSinks(IEnumerable<CompilationUnitSyntax> roots)
    {
        var type = roots.SelectMany(r => r.DescendantNodes().OfType<ClassDeclarationSyntax>()).FirstOrDefault(c => c.Identifier.ValueText == ExceptionType)
            ?? throw new InvalidOperationException($"class {ExceptionType} not found in the sources.");
        var sinks = new HashSet<Sink>();
        foreach (var method in type.Members.OfType<MethodDeclarationSyntax>())
            AddSinks(sinks, method.Identifier.ValueText, method.ParameterList, onException: true);
        if (type.ParameterList is { } primary) AddSinks(sinks, ExceptionType, primary, onException: true);
        foreach (var ctor in type.Members.OfType<ConstructorDeclarationSyntax>()) AddSinks(sinks, ExceptionType, ctor.ParameterList, onException: true);
        return sinks;
    }

    private static void AddSinks(HashSet<Sink> sinks, string name, ParameterListSyntax parameters, bool onException)
    {
        for (var i = 0; i < parameters.Parameters.Count; i++)
            if (IsMessageType(parameters.Parameters[i].Type))
                sinks.Add(new(name, i, parameters.Parameters[i].Identifier.ValueText, onException));
    }

    /// <summary>Every argument given to a sink's DomainMessage parameter.</summary>
    private static IEnumerable<(ExpressionSyntax Argument, Sink Sink)> SinkArguments(CompilationUnitSyntax root, HashSet<Sink> sinks)
    {
        foreach (var node in root.DescendantNodes())
        {
            var (name, receiver, arguments) = node switch
            {
                InvocationExpressionSyntax i => (CalleeName(i), (i.Expression as MemberAccessExpressionSyntax)?.Expression, i.ArgumentList),
                ObjectCreationExpressionSyntax o => (RightmostName(o.Type), null, o.ArgumentList),
                ImplicitObjectCreationExpressionSyntax o when RightmostName(DeclaredReturnType(EnclosingMember(o))) == ExceptionType => (ExceptionType, null, o.ArgumentList),
                _ => (null, null, null),
            };
            if (name is null || arguments is null) continue;
            var creation = node is not InvocationExpressionSyntax;
            foreach (var sink in sinks.Where(s => s.Name == name))
            {
                if (sink.OnException && !creation && !(receiver is null ? IsInside(node, ExceptionType) : RightmostName(receiver) == ExceptionType)) continue;
                if (sink.OnException && creation != (sink.Name == ExceptionType)) continue;
                // x.Extension(a) gives a as the extension method's parameter 1; Class.Extension(x, a) as parameter 1 too.
                var shift = sink.ExtensionOf is { } type && receiver is not null && RightmostName(receiver) != type ? 1 : 0;
                if (ArgumentFor(arguments, sink, shift) is { } argument) yield return (argument, sink);
            }
        }
    }

    private static ExpressionSyntax? ArgumentFor(ArgumentListSyntax arguments, Sink sink, int shift)
    {
        var named = arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == sink.Parameter);
        if (named is not null) return named.Expression;
        var index = sink.Index - shift;
        return index < arguments.Arguments.Count && arguments.Arguments[index].NameColon is null ? arguments.Arguments[index].Expression : null;
    }

    /// <summary>The sink an argument makes of its method when it is that method's own DomainMessage parameter.</summary>
    private static Sink? ForwardedParameter(ExpressionSyntax argument)
    {
        if (argument is not IdentifierNameSyntax id) return null;
        var member = EnclosingMember(argument);
        var parameters = member switch
        {
            BaseMethodDeclarationSyntax m => m.ParameterList,
            LocalFunctionStatementSyntax f => f.ParameterList,
            TypeDeclarationSyntax t => t.ParameterList,
            _ => null,
        };
        if (parameters is null) return null;
        var index = parameters.Parameters.IndexOf(p => p.Identifier.ValueText == id.Identifier.ValueText);
        if (index < 0 || !IsMessageType(parameters.Parameters[index].Type)) return null;
        var name = member is ConstructorDeclarationSyntax c ? c.Identifier.ValueText : NameOf(member!);
        var extension = parameters.Parameters[0].Modifiers.Any(SyntaxKind.ThisKeyword) ? member!.Ancestors().OfType<TypeDeclarationSyntax>().First().Identifier.ValueText : null;
        return name is null ? null : new Sink(name, index, id.Identifier.ValueText, name == ExceptionType || IsInside(argument, ExceptionType), extension);
    }

    // A local of type DomainMessage (its initializer is read where it is declared), or one an out argument
    // declares with that type (the called member's returns are read).
    private static bool IsMessageLocal(ExpressionSyntax argument) =>
        argument is IdentifierNameSyntax id && EnclosingMember(argument) is { } member
        && (member.DescendantNodes().OfType<VariableDeclarationSyntax>()
                .Any(v => IsMessageType(v.Type) && v.Variables.Any(x => x.Identifier.ValueText == id.Identifier.ValueText))
            || member.DescendantNodes().OfType<DeclarationExpressionSyntax>()
                .Any(d => IsMessageType(d.Type) && d.Designation is SingleVariableDesignationSyntax v && v.Identifier.ValueText == id.Identifier.ValueText));

    // `default`: no message (a check that found nothing wrong).
    private static bool IsNoMessage(ExpressionSyntax e) =>
        Unwrap(e) is LiteralExpressionSyntax l && l.IsKind(SyntaxKind.DefaultLiteralExpression) || Unwrap(e) is DefaultExpressionSyntax;

    private static IEnumerable<ExpressionSyntax> ReturnedBy(SyntaxNode member)
    {
        var body = member switch
        {
            MethodDeclarationSyntax m => (SyntaxNode?)m.ExpressionBody?.Expression ?? m.Body,
            LocalFunctionStatementSyntax f => (SyntaxNode?)f.ExpressionBody?.Expression ?? f.Body,
            PropertyDeclarationSyntax p => (SyntaxNode?)p.ExpressionBody?.Expression ?? p.AccessorList,
            _ => null,
        };
        if (body is ExpressionSyntax expression) return [expression];
        return body?.DescendantNodes().OfType<ReturnStatementSyntax>()
            .Where(r => r.Expression is not null && EnclosingFunction(r) == member)
            .Select(r => r.Expression!)
            .Concat(body.DescendantNodes().OfType<ArrowExpressionClauseSyntax>().Where(a => a.Parent is AccessorDeclarationSyntax).Select(a => a.Expression)) ?? [];
    }

    private static (IReadOnlyList<string> Templates, string? Why) Classify(ExpressionSyntax expression)
    {
        var e = Unwrap(expression);
        if (e is ConditionalExpressionSyntax conditional)
        {
            var arms = new[] { conditional.WhenTrue, conditional.WhenFalse }.Select(a => PlainText(Unwrap(a))).ToList();
            return arms.All(a => a is not null)
                ? (arms.Select(a => Escape(a!)).Distinct().ToList(), null)
                : ([], "a conditional with an interpolated arm is a plain string: give each branch its own throw");
        }
        if (PlainText(e) is { } text) return ([Escape(text)], null);
        var parts = Additions(e);
        if (parts.All(p => p is InterpolatedStringExpressionSyntax))
            return Handler(parts.Cast<InterpolatedStringExpressionSyntax>()) is { } template
                ? ([template], null)
                : ([], "an alignment that is not a number");
        return parts.Count > 1 && parts.Any(p => p is InterpolatedStringExpressionSyntax)
            ? ([], "a string joined with an interpolated string is a plain string: make every part interpolated ($\"...\")")
            : ([], "not a literal or interpolated string");
    }

    /// <summary>The template of interpolated strings joined by <c>+</c>, as <c>DomainMessage</c>'s handler records it.</summary>
    private static string? Handler(IEnumerable<InterpolatedStringExpressionSyntax> parts)
    {
        var template = new StringBuilder();
        var hole = 0;
        foreach (var content in parts.SelectMany(p => p.Contents))
        {
            if (content is InterpolatedStringTextSyntax text) { template.Append(Escape(TextOf(text))); continue; }
            var interpolation = (InterpolationSyntax)content;
            template.Append('{').Append(hole++);
            if (interpolation.AlignmentClause is { } alignment)
            {
                if (!int.TryParse(alignment.Value.ToString().Replace(" ", ""), out var width)) return null;
                template.Append(',').Append(width);
            }
            if (interpolation.FormatClause is { } format) template.Append(':').Append(format.FormatStringToken.ValueText);
            template.Append('}');
        }
        return template.ToString();
    }

    /// <summary>The text of a constant string: a literal, an interpolated string without holes, or such joined by <c>+</c>.</summary>
    private static string? PlainText(ExpressionSyntax e)
    {
        var parts = Additions(e);
        var texts = parts.Select(p => p switch
        {
            LiteralExpressionSyntax l when l.IsKind(SyntaxKind.StringLiteralExpression) => l.Token.ValueText,
            InterpolatedStringExpressionSyntax i when i.Contents.All(c => c is InterpolatedStringTextSyntax) =>
                string.Concat(i.Contents.Cast<InterpolatedStringTextSyntax>().Select(TextOf)),
            _ => null,
        }).ToList();
        return texts.All(t => t is not null) ? string.Concat(texts) : null;
    }

    /// <summary>The text of an interpolated string's literal part; Roslyn leaves a non-raw string's {{ and }} doubled.</summary>
    private static string TextOf(InterpolatedStringTextSyntax text) =>
        ((InterpolatedStringExpressionSyntax)text.Parent!).StringStartToken.Kind() is SyntaxKind.InterpolatedStringStartToken or SyntaxKind.InterpolatedVerbatimStringStartToken
            ? text.TextToken.ValueText.Replace("{{", "{").Replace("}}", "}")
            : text.TextToken.ValueText;

    private static List<ExpressionSyntax> Additions(ExpressionSyntax e) =>
        e is BinaryExpressionSyntax b && b.IsKind(SyntaxKind.AddExpression) ? [.. Additions(b.Left), .. Additions(b.Right)] : [e];

    private static ExpressionSyntax Unwrap(ExpressionSyntax e) => e is ParenthesizedExpressionSyntax p ? Unwrap(p.Expression) : e;

    private static string Escape(string text) => text.Replace("{", "{{").Replace("}", "}}");

    private static bool IsMessageType(TypeSyntax? type) => RightmostName(type) == MessageType && type is not NullableTypeSyntax;

    private static string? RightmostName(SyntaxNode? node) => node switch
    {
        IdentifierNameSyntax i => i.Identifier.ValueText,
        QualifiedNameSyntax q => q.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
        MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
        _ => null,
    };

    private static string? CalleeName(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
        SimpleNameSyntax s => s.Identifier.ValueText,
        _ => null,
    };

    private static TypeSyntax? DeclaredReturnType(SyntaxNode? member) => member switch
    {
        MethodDeclarationSyntax m => m.ReturnType,
        LocalFunctionStatementSyntax f => f.ReturnType,
        PropertyDeclarationSyntax p => p.Type,
        _ => null,
    };

    private static string? NameOf(SyntaxNode member) => member switch
    {
        MethodDeclarationSyntax m => m.Identifier.ValueText,
        LocalFunctionStatementSyntax f => f.Identifier.ValueText,
        PropertyDeclarationSyntax p => p.Identifier.ValueText,
        TypeDeclarationSyntax t => t.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The method, local function, property or (for a primary constructor's parameters) type a node sits in.</summary>
    private static SyntaxNode? EnclosingMember(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or PropertyDeclarationSyntax or TypeDeclarationSyntax);

    private static SyntaxNode? EnclosingFunction(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or PropertyDeclarationSyntax or AnonymousFunctionExpressionSyntax);

    private static bool IsInside(SyntaxNode node, string type) => node.Ancestors().OfType<TypeDeclarationSyntax>().Any(t => t.Identifier.ValueText == type);

    private static string ProjectOf(string root, string file)
    {
        for (var dir = Path.GetDirectoryName(file); dir is not null && dir.Length >= root.Length; dir = Path.GetDirectoryName(dir))
            if (Directory.EnumerateFiles(dir, "*.csproj").Any()) return Path.GetRelativePath(root, dir).Replace('\\', '/');
        throw new InvalidOperationException($"{file} lies in no project.");
    }
}
