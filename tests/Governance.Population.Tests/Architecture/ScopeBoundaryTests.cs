using System.Reflection;
using System.Text.RegularExpressions;
using Governance.Population.Data;
using Governance.Population.Persons;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Tests.Architecture;

/// <summary>
/// ARCHITECTURE's scope boundary, read from the code itself: no person carries ethnicity, religion or
/// belief, political opinion, or a history of complaints or petitions, in the database, the REST
/// requests and answers, or the gRPC messages.
/// </summary>
public sealed partial class ScopeBoundaryTests
{
    // English and pinyin, as a field would be named.
    [GeneratedRegex("ethnic|minzu|religio|belief|faith|zongjiao|politic|party|zhengzhi|complain|petition|xinfang|shangfang|tousu",
        RegexOptions.IgnoreCase)]
    private static partial Regex Forbidden();

    [Fact]
    public void No_column_of_the_population_database_holds_a_forbidden_category()
    {
        using var db = new DesignTimePopulationDb().CreateDbContext([]);
        var columns = db.Model.GetEntityTypes()
            .SelectMany(t => t.GetProperties().Select(p => $"{t.GetTableName()}.{p.GetColumnName()}"))
            .ToList();
        Assert.NotEmpty(columns);
        Assert.DoesNotContain(columns, c => Forbidden().IsMatch(c));
    }

    [Fact]
    public void No_type_the_service_takes_or_answers_about_a_person_has_a_forbidden_field()
    {
        var types = typeof(Person).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns.EndsWith(".Persons", StringComparison.Ordinal) || ns.EndsWith(".Access", StringComparison.Ordinal)))
            .Concat(typeof(Governance.Contracts.Population.V1.Person).Assembly.GetTypes().Where(t => t.Namespace == "Governance.Contracts.Population.V1"))
            .ToList();
        Assert.Contains(typeof(PersonView), types);
        Assert.Contains(typeof(PersonRequest), types);
        var fields = types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => $"{t.Name}.{p.Name}"))
            .ToList();
        Assert.DoesNotContain(fields, f => Forbidden().IsMatch(f.Split('.')[1]));
    }

    [Fact]
    public void The_proto_messages_have_no_forbidden_field()
    {
        var file = Governance.Contracts.Population.V1.PopulationReflection.Descriptor;
        var fields = file.MessageTypes.SelectMany(m => m.Fields.InFieldNumberOrder().Select(f => $"{m.Name}.{f.Name}")).ToList();
        Assert.Contains("Person.document_number", fields);
        Assert.DoesNotContain(fields, f => Forbidden().IsMatch(f.Split('.')[1]));
    }

    [Fact]
    public void The_forbidden_pattern_catches_what_it_must()
    {
        Assert.All(new[] { "Ethnicity", "religion", "PoliticalAffiliation", "complaint_history", "PetitionCount", "minzu", "PartyMember" },
            name => Assert.Matches(Forbidden(), name));
    }
}
