using Governance.Bench.Mediation;

// bench/run-mediation-figures.sh [cases=100000] [runs=5]
// bench/run-mediation-cases.sh [cases per round=2000] [callers=16] [rounds=2]
return args.FirstOrDefault() switch
{
    "figures" => await FiguresBench.RunAsync(args[1..]),
    "cases" => await CasesBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Governance.Bench.Mediation figures [cases] [runs] | cases [per round] [callers] [rounds]");
    return 2;
}
