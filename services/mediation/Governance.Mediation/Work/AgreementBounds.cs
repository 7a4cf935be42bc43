using Governance.ServiceDefaults.Problems;

namespace Governance.Mediation.Work;

/// <summary>
/// What an agreement's amounts may be: the agreement PDF prints them and the parties sign it, so an
/// amount is a positive sum in yuan and fen (two decimals, never rounded behind the caller's back),
/// at most 10^10 yuan each and in total, and a PDF lists at most <see cref="MaxAmounts"/> of them.
/// </summary>
internal static class AgreementBounds
{
    public const int MaxAmounts = 20;
    public const decimal MaxYuan = 10_000_000_000m;

    /// <summary>The amount given as <paramref name="field"/>, or a refusal naming it.</summary>
    public static decimal Amount(decimal? value, string field)
    {
        if (value is not { } amount || amount <= 0 || amount > MaxYuan)
            throw DomainException.Invalid(field, $"The {field} is a positive sum of at most {MaxYuan:N0} yuan.");
        if (decimal.Round(amount, 2) != amount)
            throw DomainException.Invalid(field, $"The {field} has at most two decimal places (yuan and fen).");
        return amount;
    }

    /// <summary>Refuses amounts that add up to more than <see cref="MaxYuan"/>, naming <paramref name="field"/>.</summary>
    public static void Total(decimal total, string field)
    {
        if (total > MaxYuan) throw DomainException.Invalid(field, $"The amounts add up to more than {MaxYuan:N0} yuan.");
    }
}
