using System.Globalization;
using Governance.Contracts.Mediation;
using RegisterCaseRequest = Governance.Contracts.Mediation.V1.RegisterCaseRequest;
using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Governance.Mediation.Grpc;

/// <summary>
/// REPLACE ON MERGE with the medcases helper's intake (Cases/CaseIntake): a stand-in so that gRPC's
/// RegisterCase works before that logic exists. Same validation (name, place, org path, category,
/// summary ≤ 2,000, risk, parties), permission <c>mediation.intake</c> over the case's org path,
/// number <c>TJyyyyMMdd-nnnnnn</c>, and DisputeRegistered in the outbox in the same SaveChanges.
/// The starting level here is a fixed map from risk, not the rules held as data; no deadline table either.
/// Parties' contacts are not taken over gRPC.
/// </summary>
public sealed class CaseRegistration(MediationDb db, RolePermissions permissions, TimeProvider time)
{
    public const int SummaryMax = 2000;
    private static readonly TimeSpan LevelTime = TimeSpan.FromDays(30);

    public async Task<DisputeCase> RegisterAsync(Caller caller, RegisterCaseRequest r, CancellationToken ct)
    {
        var name = Required("name", r.Name, 200);
        var place = Required("place", r.Place, 200);
        if (!OrgPath.TryParse(r.OrgPath, out var org)) throw DomainException.Invalid("org_path", $"The org_path '{r.OrgPath}' is not an org path such as 632801/001/002.");
        if (r.GridCode.Length > 0 && (r.GridCode.Length != 15 || !r.GridCode.All(char.IsAsciiDigit)))
            throw DomainException.Invalid("grid_code", $"The grid_code '{r.GridCode}' is not a grid code of 15 digits.");
        var category = Names.Parse<DisputeCategory>("category", r.Category);
        var summary = Required("summary", r.Summary, SummaryMax);
        var risk = Names.Parse<RiskLevel>("risk", r.Risk);
        var source = r.Source.Length == 0 ? CaseSource.Department : Names.Parse("source", r.Source, CaseSource.Court, CaseSource.Department, CaseSource.Police);
        if (r.SourceReference.Length > 64) throw DomainException.Invalid("source_reference", "The source_reference has more than 64 characters.");
        if (r.HasAmountAtStake && r.AmountAtStake is < 0 or > 999_999_999_999) throw DomainException.Invalid("amount_at_stake", "The amount_at_stake must be 0 or more, in yuan.");
        if (r.PeopleInvolved < 0) throw DomainException.Invalid("people_involved", "The people_involved cannot be negative.");
        if (r.Parties.Count == 0) throw DomainException.Invalid("parties", "The parties are missing: a case needs at least one.");
        // PostgreSQL keeps microseconds: what is returned is what a later read gives.
        var now = time.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % 10));
        var occurredOn = OccurredOn(r.OccurredOn, now);
        var parties = r.Parties.Select((p, i) => new Party
        {
            Kind = Names.Parse($"parties[{i}].kind", p.Kind, PartyKind.Person, PartyKind.Organisation),
            Role = p.Role is "applicant" or "respondent" or "other" ? p.Role
                : throw DomainException.Invalid($"parties[{i}].role", $"The parties[{i}].role '{p.Role}' is not one of: applicant, respondent, other."),
            Name = Required($"parties[{i}].name", p.Name, 100),
        }).ToList();
        await permissions.EnsurePermittedAsync(caller, "mediation.intake", org, ct);
        if (r.SourceReference.Length > 0 && await db.Cases.AsNoTracking().Where(c => c.Source == source && c.SourceReference == r.SourceReference)
                .Select(c => c.Number).FirstOrDefaultAsync(ct) is { } existing)
            throw Duplicate(source, r.SourceReference, existing);

        var level = risk switch { RiskLevel.Ordinary => MediationLevel.Grid, RiskLevel.Major => MediationLevel.Community, _ => MediationLevel.Street };
        var dispute = new DisputeCase
        {
            Number = await CaseCounter.NextAsync(db, now, ct), Name = name, OccurredOn = occurredOn, Place = place,
            GridCode = r.GridCode.Length > 0 ? r.GridCode : null, OrgPath = org.Value, Category = category,
            PeopleInvolved = r.PeopleInvolved > 0 ? r.PeopleInvolved : parties.Count,
            AmountAtStake = r.HasAmountAtStake ? Math.Round((decimal)r.AmountAtStake, 2) : null, Summary = summary, Risk = risk,
            Level = level, ResponsibleOrgPath = Responsible(org, level), State = CaseState.Registered, Source = source,
            SourceReference = r.SourceReference.Length > 0 ? r.SourceReference : null, LevelDueAt = now + LevelTime,
            CreatedAt = now, UpdatedAt = now, Parties = parties,
        };
        db.Cases.Add(dispute);
        db.CaseSteps.Add(new CaseStep
        {
            CaseId = dispute.Id, At = now, Actor = caller.Subject, Action = "register", FromState = "", ToState = Names.Snake(CaseState.Registered),
            ToLevel = Names.Snake(level), Note = $"via gRPC ({Names.Snake(source)})",
        });
        db.AddToOutbox(new DisputeRegistered(dispute.Id, dispute.Number, Names.Snake(source), Names.Snake(category), Names.Snake(risk),
            Names.Snake(level), dispute.OrgPath, dispute.SourceReference, now), dispute.Id.ToString());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same reference registered by a concurrent call, between the check above and now.
            throw Duplicate(source, r.SourceReference, "another case");
        }
        return dispute;
    }

    /// <summary>The level's org node at or above the case's: county is the 1st segment, street the 2nd, community the 3rd, grid the 4th.</summary>
    private static string Responsible(OrgPath org, MediationLevel level)
    {
        var segments = org.Segments;
        return string.Join('/', segments.Take(Math.Min(segments.Count, (int)level switch { 1 => 4, 2 => 3, 3 => 2, _ => 1 })));
    }

    private static DateOnly OccurredOn(string text, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        if (text.Length == 0) return today;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            throw DomainException.Invalid("occurred_on", $"The occurred_on '{text}' is not a date yyyy-MM-dd.");
        return day <= today ? day : throw DomainException.Invalid("occurred_on", $"The occurred_on {text} lies in the future.");
    }

    private static DomainException Duplicate(CaseSource source, string reference, string existing) =>
        DomainException.Duplicate($"The {Names.Snake(source)}'s source_reference '{reference}' is already registered as {existing}.");

    private static string Required(string field, string value, int max)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0) throw DomainException.Invalid(field, $"The {field} is required.");
        return trimmed.Length <= max ? trimmed : throw DomainException.Invalid(field, $"The {field} has {trimmed.Length} characters; at most {max} are allowed.");
    }
}
