namespace Governance.EndToEnd.Tests.Cluster;

/// <summary>
/// The cluster topology runs alone: starting seven hosts takes both cores for a minute or more, which would starve the
/// start-up of the standalone processes that other classes of this project wait for. xunit runs a collection that
/// disables parallelization after the others, by itself.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster topology";
}
