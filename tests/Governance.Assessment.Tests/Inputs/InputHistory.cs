using Governance.Contracts.Grid;
using Governance.Contracts.VideoAlert;

namespace Governance.Assessment.Tests.Inputs;

/// <summary>
/// October 2026 in one street (<c>street</c>, grids G1 = street/001/001 and G2 = street/002/001) as grid and video-alert
/// publish it, with the figures worked out by hand in <see cref="InputIndicatorTests"/>. <c>otherStreet</c> holds what
/// must not count. Times are Beijing time (UTC+8). Account and device ids are the test's own (random per build), so
/// other test classes' events on the shared broker never meet them.
/// </summary>
public sealed class InputHistory
{
    public static DateTime Cst(int month, int day, int hour, int minute = 0) =>
        new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    public string W1 { get; } = User("w1");
    public string W2 { get; } = User("w2");
    public string W3 { get; } = User("w3");
    public string W4 { get; } = User("w4");
    public string W5 { get; } = User("w5");
    public string Leader { get; } = User("leader");
    public Dictionary<string, Guid> Reports { get; } = [];
    public Dictionary<string, string> Cameras { get; } = [];
    public List<object> Events { get; } = [];

    private static string User(string name) => $"{name}-{Guid.NewGuid():n}"[..16];
    private static string Device() => "9" + string.Concat(Enumerable.Range(0, 19).Select(_ => Random.Shared.Next(10)));

    public InputHistory(string street, string otherStreet)
    {
        var (g1, g2, g9) = (street + "/001/001", street + "/002/001", otherStreet + "/001/001");
        var (c1, c2, c9) = ("100000000000001", "100000000000002", "100000000000009");
        GridStaffingChanged Staff(string grid, string org, string post, string? user, string change, DateTime at) => new(grid, org, post, user, change, at);

        // Grid workers counted in October: W1 (since September), W2 (10–20 October in G2, from 25 October in G1 too: once),
        // W4 (an end on 5 October with no assignment received: held until then). Not: W3 (ended 30 September), the
        // leader (not a worker's post), W5 (another street), a worker with no account.
        Events.AddRange([
            Staff(c1, g1, "worker", W1, "assigned", Cst(9, 1, 9)),
            Staff(c2, g2, "worker", W2, "assigned", Cst(10, 10, 9)), Staff(c2, g2, "worker", W2, "ended", Cst(10, 20, 9)),
            Staff(c1, g1, "worker", W2, "assigned", Cst(10, 25, 9)),
            Staff(c1, g1, "worker", W3, "assigned", Cst(8, 1, 9)), Staff(c1, g1, "worker", W3, "ended", Cst(9, 30, 18)),
            Staff(c2, g2, "worker", W4, "ended", Cst(10, 5, 9)),
            Staff(c1, g1, "leader", Leader, "assigned", Cst(9, 1, 9)),
            Staff(c9, g9, "worker", W5, "assigned", Cst(9, 1, 9)),
            Staff(c1, g1, "worker", null, "assigned", Cst(9, 1, 9)),
        ]);

        Guid Report(string name, string? by, DateTime at, string org, bool registered = true, string source = "patrol")
        {
            var id = Guid.NewGuid();
            Reports[name] = id;
            Events.Add(new IncidentReported(id, name, source, "sanitation", "normal", "632801001002001", org, at, by));
            if (registered) Events.Add(new IncidentRegistered(id, name, "sanitation", "normal", org, at.AddMinutes(30)));
            return id;
        }
        IncidentTransitioned Step(Guid id, string number, string action, string from, string to, DateTime at, string org) => new(id, number, action, from, to, org, at);

        // Valid: R1, R4, R5, R9. R1 is the one a duplicate was merged into (its own "merge" step stays registered).
        var r1 = Report("R1", W1, Cst(10, 3, 9), g1);
        var r2 = Report("R2", W1, Cst(10, 3, 10), g1);
        Events.Add(Step(r2, "R2", "merge", "registered", "merged", Cst(10, 3, 11), g1));
        Events.Add(Step(r1, "R1", "merge", "registered", "registered", Cst(10, 3, 11), g1));
        var r3 = Report("R3", W2, Cst(10, 12, 9), g2, registered: false);
        Events.Add(Step(r3, "R3", "reject", "reported", "rejected", Cst(10, 12, 10), g2));
        var r4 = Report("R4", W2, Cst(10, 15, 9), g2);
        Events.Add(Step(r4, "R4", "dispatch", "registered", "dispatched", Cst(10, 15, 11), g2)); // not logged, changes nothing
        Report("R5", W4, Cst(10, 2, 9), g2);
        Report("R6", Leader, Cst(10, 6, 9), g1);
        Report("R7", null, Cst(10, 7, 9), g1, source: "citizen");
        Report("R8", W1, Cst(11, 1, 0, 30), g1); // 00:30 on 1 November Beijing time: November's
        Report("R9", W1, Cst(10, 31, 23, 30), g1);
        Report("R10", W3, Cst(10, 8, 9), g1);
        Report("R11", W1, Cst(10, 9, 9), g9);
        var r12 = Guid.NewGuid(); // registered, but its report never arrived
        Reports["R12"] = r12;
        Events.Add(new IncidentRegistered(r12, "R12", "sanitation", "normal", g1, Cst(10, 10, 9)));

        // Cameras, sampled at 12:00 each day. C1 online all month (31/31); C2 offline 10 October 08:00 to 12 October
        // 13:00 (28/31); C3 registered 21 October, never heard from (0/11, not networked); C4 registered and online
        // 1 October 13:00, after that day's sample (30/30); C7 never registered, online since September, offline
        // 31 October 11:00 (30/31); C8 online since September, retired 16 October 10:00, before that day's sample (15/15,
        // and out of October's networking rate). Not: C5 (another street), C6 (registered in November).
        foreach (var name in new[] { "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8" }) Cameras[name] = Device();
        CameraRegistered Registered(string name, string org, DateTime at) => new(Cameras[name], 132, "632801001002001", org, "public", false, at);
        CameraCameOnline Online(string name, string org, DateTime at) => new(Cameras[name], "632801001002001", org, at);
        CameraWentOffline Offline(string name, string org, DateTime at) => new(Cameras[name], "632801001002001", org, "silent", at.AddMinutes(-3), at);
        Events.AddRange([
            Registered("C1", g1, Cst(9, 1, 9)), Online("C1", g1, Cst(9, 1, 9, 1)),
            Registered("C2", g2, Cst(9, 1, 9)), Online("C2", g2, Cst(9, 1, 9, 1)), Offline("C2", g2, Cst(10, 10, 8)), Online("C2", g2, Cst(10, 12, 13)),
            Registered("C3", g2, Cst(10, 21, 10)),
            Registered("C4", g1, Cst(10, 1, 13)), Online("C4", g1, Cst(10, 1, 13)),
            Registered("C5", g9, Cst(9, 1, 9)), Online("C5", g9, Cst(9, 1, 9, 1)),
            Registered("C6", g1, Cst(11, 2, 9)), Online("C6", g1, Cst(11, 2, 9, 1)),
            Online("C7", g1, Cst(9, 1, 9)), Offline("C7", g1, Cst(10, 31, 11)),
            Registered("C8", g1, Cst(9, 1, 9)), Online("C8", g1, Cst(9, 1, 9, 1)),
            new CameraRetired(Cameras["C8"], "632801001002001", g1, "Pole removed for road works", Cst(10, 16, 10)),
        ]);
    }
}
