using Governance.Assessment.Indicators;
using Governance.Assessment.Letters;

namespace Governance.Assessment.Scores;

/// <summary>A letter item's rule applied to its indicator's value (see <see cref="LetterItem"/> for the rules).</summary>
public static class Scoring
{
    /// <summary>The points <paramref name="item"/> earns for <paramref name="value"/>, to two places; and whether the rate had nothing to count.</summary>
    public static (decimal Points, bool NoRecords) Points(LetterItem item, IndicatorValue value)
    {
        // Only an accepted manual value counts: a department that submitted none (or none accepted) earns nothing for it.
        if (value.Value is null && Manual.ManualMeasure.MissingEarnsNothing(value.Measure)) return (0m, true);
        switch (item.Rule)
        {
            case ScoringRules.Linear:
            {
                if (value.Value is not { } v) return (item.Weight, true);
                var (floor, target) = (item.Floor!.Value, item.Target!.Value);
                var share = Math.Clamp((v - floor) / (target - floor), 0m, 1m);
                return (Round(item.Weight * share), false);
            }
            case ScoringRules.Threshold:
            {
                if (value.Value is not { } v) return (item.Weight, true);
                var met = value.Better == Measure.Lower ? v <= item.Target!.Value : v >= item.Target!.Value;
                return (met ? item.Weight : 0m, false);
            }
            case ScoringRules.Deduction:
                return (Math.Max(0m, item.Weight - item.PerCase!.Value * value.Numerator), false);
            case ScoringRules.Bonus:
                return (Math.Min(item.Weight, item.PerCase!.Value * value.Numerator), false);
            default:
                throw new InvalidOperationException($"Unknown scoring rule {item.Rule}.");
        }
    }

    private static decimal Round(decimal points) => Math.Round(points, 2, MidpointRounding.AwayFromZero);
}
