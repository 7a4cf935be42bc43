using Governance.Population.Documents;

namespace Governance.Population.Demo;

/// <summary>
/// Made-up people for the demo county, from one seeded <see cref="Random"/> so every demo database looks the same:
/// names that say they are a demo (a common surname + 演示 + one character), resident IDs under the county's division
/// code with a real birth date and the GB 11643 check character (so every check passes, and no two alike), mobiles
/// on 138 / 139. Demo data only.
/// </summary>
internal sealed class DemoPeople(string division, DateOnly today)
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡"];
    private static readonly string[] Given = ["安", "宁", "平", "和", "春", "夏", "秋", "冬", "明", "华", "晨", "雪", "山", "川", "玉", "梅"];

    private readonly Random _random = new(2026);
    private readonly HashSet<string> _numbers = [];

    public DateOnly Today => today;

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public int Next(int min, int maxExclusive) => _random.Next(min, maxExclusive);

    public string Surname() => Surnames[_random.Next(Surnames.Length)];

    /// <summary>e.g. 王演示安: the surname given (a child's is the head's), 演示, and one character.</summary>
    public string Name(string surname) => surname + "演示" + Given[_random.Next(Given.Length)];

    /// <summary>A resident ID of someone aged <paramref name="age"/> and of <paramref name="sex"/>, never handed out twice.</summary>
    public string ResidentId(int age, Sex sex)
    {
        while (true)
        {
            var born = today.AddYears(-age).AddDays(-_random.Next(1, 365));
            // The sequence's last digit is odd for men, even for women (GB 11643).
            var sequence = _random.Next(0, 500) * 2 + (sex == Sex.Male ? 1 : 0);
            var body = $"{division}{born:yyyyMMdd}{sequence:D3}";
            var number = body + Gb11643.CheckCharacter(body);
            if (_numbers.Add(number)) return number;
        }
    }

    public string Mobile() => (_random.Next(2) == 0 ? "138" : "139") + _random.Next(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    public Sex RandomSex() => _random.Next(2) == 0 ? Documents.Sex.Male : Documents.Sex.Female;
}
